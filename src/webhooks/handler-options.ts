import { ApticUsageError } from "../errors/aptic-error.js";
import type { AnyWebhookEvent, WebhookEvent } from "./event.js";
import { createMemoryReplayStore, type WebhookReplayOptions, type WebhookReplayStore } from "./replay.js";

/**
 * The event type a handler yields: documented events only, or also unknown ones when
 * `allowUnknownEvents` is true.
 *
 * @example
 * ```ts
 * type Strict = HandlerEvent<false>; // WebhookEvent
 * type Lenient = HandlerEvent<true>; // WebhookEvent | UnknownWebhookEvent
 * ```
 */
export type HandlerEvent<AllowUnknown extends boolean> = AllowUnknown extends true ? AnyWebhookEvent : WebhookEvent;

/**
 * Options of {@link createWebhookHandler}.
 *
 * @example
 * ```ts
 * const options: WebhookHandlerOptions = {
 *   secret: process.env.APTIC_WEBHOOK_SECRET ?? "",
 *   onEvent: async (event) => queue.push(event),
 * };
 * ```
 */
export interface WebhookHandlerOptions<AllowUnknown extends boolean = false> {
  /**
   * The secret given at registration. Required: unauthenticated receivers are refused. Printable
   * ASCII without surrounding spaces, because it travels in an HTTP header (anything else could
   * never match what arrives).
   */
  secret: string;
  /**
   * Header carrying the secret. The docs say the secret "will be returned in the webhook POST"
   * but not where; this default is an inference, hence configurable.
   * @default "x-webhook-secret"
   */
  secretHeader?: string;
  /** Largest accepted body in bytes. @default 1048576 (1 MiB) */
  maxBodyBytes?: number;
  /**
   * How long the body may take to arrive, in ms, counted from when the handler starts reading it.
   * A slower sender gets a 408 `body_timeout` (and `toNodeListener` closes its socket), so a sender
   * that dribbles bytes cannot hold a connection open. 10 s carries a full 1 MiB body at ~1 Mbit/s;
   * raise it together with `maxBodyBytes`. @default 10000
   */
  bodyTimeoutMs?: number;
  /**
   * Replay protection: a delivery with the same `events_id`, `object_id` and `dt` as one handled
   * within the window is answered 204 with `replay: true` in the result and not passed to
   * `onEvent` again. `true` uses an in-memory store; pass `{ store }` to share one between instances.
   * @default false
   */
  replay?: boolean | WebhookReplayOptions;
  /** Pass undocumented event names through (typed as `string`, `known: false`) instead of a 400. @default false */
  allowUnknownEvents?: AllowUnknown;
  /** Accepted methods; match the `method` you registered. @default ["POST"] */
  methods?: readonly string[];
  /**
   * Called once per accepted delivery, before the 204 is returned. If it throws (or rejects),
   * the result is a 500 `handler_failed` so the gateway can deliver again.
   */
  onEvent?: (event: HandlerEvent<AllowUnknown>, request: Request) => void | Promise<void>;
}

/**
 * The options with defaults applied (header name lower-cased, methods upper-cased).
 *
 * @example
 * ```ts
 * const { secretHeader, maxBodyBytes } = resolveHandlerOptions({ secret });
 * ```
 */
export interface ResolvedHandlerOptions {
  secret: string;
  secretHeader: string;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  allowUnknownEvents: boolean;
  methods: ReadonlySet<string>;
  replay: { store: WebhookReplayStore; windowMs: number; leaseMs: number } | undefined;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Visible ASCII, spaces only inside: what an HTTP header value carries unchanged.
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const KNOWN = new Set(["secret", "secretHeader", "maxBodyBytes", "bodyTimeoutMs", "allowUnknownEvents", "methods", "replay", "onEvent"]);
const REPLAY_KNOWN = new Set(["store", "windowMs", "leaseMs"]);
// setTimeout fires at once for delays of 2^31 ms or more; refuse them rather than time out at once.
const MAX_DELAY = 2 ** 31 - 1;

function checkDuration(name: string, value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) <= 0 || (value as number) > MAX_DELAY) {
    throw new ApticUsageError(`${name} must be a whole number of milliseconds from 1 to ${MAX_DELAY} (got ${String(value)})`);
  }
  return value as number;
}

function resolveReplay(replay: unknown): ResolvedHandlerOptions["replay"] {
  if (replay === undefined || replay === false) return undefined;
  if (replay !== true && (typeof replay !== "object" || replay === null))
    throw new ApticUsageError("replay must be true, false or { store?, windowMs?, leaseMs? }");
  // Spreading `true` gives {}: all defaults.
  const options: Record<string, unknown> = { ...(replay as object) };
  for (const key of Object.keys(options)) {
    if (!REPLAY_KNOWN.has(key)) throw new ApticUsageError(`Unknown replay option "${key}"; known options: ${[...REPLAY_KNOWN].join(", ")}`);
  }
  // Only a missing option takes the default: an explicit null is a mistake worth reporting.
  const { windowMs: window = 24 * 60 * 60 * 1000, store = createMemoryReplayStore() } = options;
  const windowMs = checkDuration("replay.windowMs", window);
  const leaseMs = checkDuration("replay.leaseMs", options["leaseMs"] === undefined ? Math.min(60_000, windowMs) : options["leaseMs"]);
  if (leaseMs > windowMs) throw new ApticUsageError("replay.leaseMs must not exceed replay.windowMs");
  const methods = ["claim", "confirm", "release"] as const;
  const candidate = store as Record<string, unknown> | null;
  if (!methods.every((m) => typeof candidate?.[m] === "function")) {
    throw new ApticUsageError("replay.store must have claim, confirm and release methods");
  }
  return { store: store as WebhookReplayStore, windowMs, leaseMs };
}

/**
 * Validates handler options up front (a misconfigured receiver should fail at startup, not on
 * the first delivery) and applies defaults. Messages never include the secret. `onEvent` is
 * typed loosely because its parameter varies with `AllowUnknown`; only its being a function matters here.
 *
 * @example
 * ```ts
 * resolveHandlerOptions({ secret: "s3cret" }).maxBodyBytes; // 1048576
 * ```
 */
export function resolveHandlerOptions(options: Omit<WebhookHandlerOptions<boolean>, "onEvent"> & { onEvent?: unknown }): ResolvedHandlerOptions {
  if (typeof options !== "object" || options === null) throw new ApticUsageError("createWebhookHandler expects an options object");
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw new ApticUsageError(`Unknown webhook handler option "${key}"; known options: ${[...KNOWN].join(", ")}`);
  }
  const { secret, secretHeader = "x-webhook-secret", maxBodyBytes = 1024 * 1024, bodyTimeoutMs = 10_000, methods = ["POST"] } = options;
  if (typeof secret !== "string" || secret.length === 0) throw new ApticUsageError("secret must be a non-empty string");
  if (!HEADER_SAFE.test(secret)) {
    throw new ApticUsageError("secret must be printable ASCII without leading or trailing spaces (it is sent in an HTTP header)");
  }
  if (typeof secretHeader !== "string" || !TOKEN.test(secretHeader)) throw new ApticUsageError("secretHeader must be a valid HTTP header name");
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new ApticUsageError(`maxBodyBytes must be a positive integer (got ${String(maxBodyBytes)})`);
  }
  checkDuration("bodyTimeoutMs", bodyTimeoutMs);
  if (!Array.isArray(methods) || methods.length === 0 || !methods.every((m) => typeof m === "string" && TOKEN.test(m))) {
    throw new ApticUsageError("methods must be a non-empty array of HTTP method names");
  }
  if (options.onEvent !== undefined && typeof options.onEvent !== "function") throw new ApticUsageError("onEvent must be a function");
  return {
    secret,
    secretHeader: secretHeader.toLowerCase(),
    maxBodyBytes,
    bodyTimeoutMs,
    allowUnknownEvents: options.allowUnknownEvents === true,
    methods: new Set(methods.map((m) => m.toUpperCase())),
    replay: resolveReplay(options.replay),
  };
}
