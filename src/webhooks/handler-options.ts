import { ApticUsageError } from "../errors/aptic-error.js";
import { checkDuration, checkFunction, checkKeys, HEADER_NAME } from "../validate/checks.js";
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
 * A check of a delivery's authenticity, for gateways that sign deliveries (say, an HMAC of the
 * body in a header) instead of sending the shared secret. Resolve `true` to accept. `body` is the
 * exact text received (strict UTF-8, so re-encoding it gives back the bytes that were signed). A
 * verifier that throws counts as a refusal (401 `bad_signature`, the error kept as `cause`), so a
 * malformed signature header can never turn into a 500 the gateway retries forever.
 *
 * @example
 * ```ts
 * import { createHmac, timingSafeEqual } from "node:crypto";
 *
 * const verify: WebhookVerifier = ({ headers, body }) => {
 *   const sent = Buffer.from(headers.get("x-signature") ?? "", "hex");
 *   const want = createHmac("sha256", process.env.APTIC_WEBHOOK_SECRET ?? "").update(body).digest();
 *   return sent.length === want.length && timingSafeEqual(sent, want);
 * };
 * const handler = createWebhookHandler({ verify, onEvent });
 * ```
 */
export type WebhookVerifier = (delivery: WebhookVerifyInput) => boolean | Promise<boolean>;

/**
 * What a {@link WebhookVerifier} is given.
 *
 * @example
 * ```ts
 * const verify = ({ headers, body }: WebhookVerifyInput) => headers.get("x-signature") === sign(body);
 * ```
 */
export interface WebhookVerifyInput {
  /** The request's headers. */
  headers: Headers;
  /** The body exactly as received (already read: do not read `request`'s body again). */
  body: string;
  /** The request itself, e.g. for its URL. */
  request: Request;
}

/**
 * The window a delivery's `event.dt` must fall in, relative to the receiver's clock. Both limits
 * are inclusive: a delivery exactly `pastMs` old is accepted, one 1 ms older is refused (400
 * `timestamp`).
 *
 * @example
 * ```ts
 * const tolerance: WebhookToleranceOptions = { pastMs: 60 * 60 * 1000, futureMs: 60_000 };
 * ```
 */
export interface WebhookToleranceOptions {
  /**
   * How old a delivery may be. With replay protection it may not exceed `replay.windowMs`: an
   * older delivery would no longer be remembered, so a replay of it would be handled again.
   * @default replay.windowMs with replay protection, else 86400000 (24 h)
   */
  pastMs?: number | undefined;
  /** How far ahead of the receiver's clock `dt` may be (clock skew). @default 300000 (5 min) */
  futureMs?: number | undefined;
}

/**
 * Options every receiver takes, however deliveries are authenticated.
 *
 * @example
 * ```ts
 * const common: WebhookHandlerCommonOptions = { replay: true, maxBodyBytes: 64 * 1024 };
 * const handler = createWebhookHandlerFromEnv(common);
 * ```
 */
export interface WebhookHandlerCommonOptions<AllowUnknown extends boolean = false> {
  /** Largest accepted body in bytes. @default 1048576 (1 MiB) */
  maxBodyBytes?: number | undefined;
  /**
   * How long the body may take to arrive, in ms, counted from when the handler starts reading it.
   * A slower sender gets a 408 `body_timeout` (and `toNodeListener` closes its socket), so a sender
   * that dribbles bytes cannot hold a connection open. 10 s carries a full 1 MiB body at ~1 Mbit/s;
   * raise it together with `maxBodyBytes`. Up to 2147483647 (2^31 − 1). @default 10000
   */
  bodyTimeoutMs?: number | undefined;
  /**
   * Replay protection: a delivery with the same `events_id`, `object_id` and `dt` as one handled
   * within the window is answered 204 with `replay: true` in the result and not passed to
   * `onEvent` again. `true` uses an in-memory store; pass `{ store }` to share one between instances.
   * It turns the `tolerance` window on by default, because deliveries older than the replay window
   * are forgotten and could otherwise be replayed.
   * @default false
   */
  replay?: boolean | WebhookReplayOptions | undefined;
  /**
   * Refuse deliveries whose `event.dt` lies outside a window around the receiver's clock (400
   * `timestamp`), so a captured delivery cannot be replayed later. `true` takes the defaults
   * (24 h past, 5 min future); `false` turns it off.
   * @default on (`replay.windowMs` past, 5 min future) with `replay`, off without
   */
  tolerance?: boolean | WebhookToleranceOptions | undefined;
  /** Pass undocumented event names through (typed as `string`, `known: false`) instead of a 400. @default false */
  allowUnknownEvents?: AllowUnknown | undefined;
  /** Accepted methods; match the `method` you registered. @default ["POST"] */
  methods?: readonly string[] | undefined;
  /**
   * Called once per accepted delivery, before the 204 is returned. If it throws (or rejects),
   * the result is a 500 `handler_failed` so the gateway can deliver again.
   */
  onEvent?: ((event: HandlerEvent<AllowUnknown>, request: Request) => void | Promise<void>) | undefined;
}

/**
 * Authentication by the shared secret given at registration, sent back in a header (what the
 * gateway documents).
 *
 * @example
 * ```ts
 * const auth: WebhookSecretAuth = { secret: webhookSecretFromEnv() };
 * ```
 */
export interface WebhookSecretAuth {
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
  secretHeader?: string | undefined;
  verify?: undefined;
}

/**
 * Authentication by your own {@link WebhookVerifier} (e.g. an HMAC signature), instead of the secret.
 *
 * @example
 * ```ts
 * const auth: WebhookVerifierAuth = { verify: ({ headers, body }) => headers.get("x-signature") === sign(body) };
 * ```
 */
export interface WebhookVerifierAuth {
  /** Decides whether a delivery is authentic, after the body is read and before it is parsed. */
  verify: WebhookVerifier;
  secret?: undefined;
  secretHeader?: undefined;
}

/**
 * Options of {@link createWebhookHandler}: exactly one of `secret` (the documented shared secret)
 * or `verify` (your own check, such as an HMAC signature), plus the common options.
 *
 * @example
 * ```ts
 * const options: WebhookHandlerOptions = {
 *   secret: webhookSecretFromEnv(),
 *   replay: true, // and with it a 24 h past / 5 min future window on event.dt
 *   onEvent: async (event) => queue.push(event),
 * };
 * ```
 */
export type WebhookHandlerOptions<AllowUnknown extends boolean = false> = WebhookHandlerCommonOptions<AllowUnknown> & (WebhookSecretAuth | WebhookVerifierAuth);

/**
 * The options with defaults applied (header name lower-cased, methods upper-cased).
 *
 * @example
 * ```ts
 * const { auth, maxBodyBytes } = resolveHandlerOptions({ secret });
 * ```
 */
export interface ResolvedHandlerOptions {
  auth: { secret: string; secretHeader: string } | { verify: WebhookVerifier };
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  allowUnknownEvents: boolean;
  methods: ReadonlySet<string>;
  replay: { store: WebhookReplayStore; windowMs: number; leaseMs: number } | undefined;
  tolerance: { pastMs: number; futureMs: number } | undefined;
}

// Visible ASCII, spaces only inside: what an HTTP header value carries unchanged.
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const KNOWN = ["secret", "secretHeader", "verify", "maxBodyBytes", "bodyTimeoutMs", "allowUnknownEvents", "methods", "replay", "tolerance", "onEvent"];
const REPLAY_KNOWN = ["store", "windowMs", "leaseMs"];
const TOLERANCE_KNOWN = ["pastMs", "futureMs"];
const DAY_MS = 24 * 60 * 60 * 1000;
const duration = (name: string, value: unknown, min = 1) => checkDuration(value, name, { min, whole: true });

/** Copies an option given as `true` or an object (spreading `true` gives {}: all defaults), refusing unknown keys. */
function optionObject(name: string, value: unknown, known: readonly string[]): Record<string, unknown> {
  const options = value === true ? {} : value;
  checkKeys(options, known, `${name} `, `${name} must be true, false or { ${known.map((k) => `${k}?`).join(", ")} }`);
  return options;
}

function resolveReplay(replay: unknown): ResolvedHandlerOptions["replay"] {
  if (replay === undefined || replay === false) return undefined;
  const options = optionObject("replay", replay, REPLAY_KNOWN);
  // Only a missing option takes the default: an explicit null is a mistake worth reporting.
  const { windowMs: window = DAY_MS, store = createMemoryReplayStore() } = options;
  const windowMs = duration("replay.windowMs", window);
  const leaseMs = duration("replay.leaseMs", options["leaseMs"] === undefined ? Math.min(60_000, windowMs) : options["leaseMs"]);
  if (leaseMs > windowMs) throw new ApticUsageError("replay.leaseMs must not exceed replay.windowMs");
  const methods = ["claim", "confirm", "release"] as const;
  const candidate = store as Record<string, unknown> | null;
  if (!methods.every((m) => typeof candidate?.[m] === "function")) {
    throw new ApticUsageError("replay.store must have claim, confirm and release methods");
  }
  return { store: store as WebhookReplayStore, windowMs, leaseMs };
}

function resolveTolerance(tolerance: unknown, replay: ResolvedHandlerOptions["replay"]): ResolvedHandlerOptions["tolerance"] {
  if (tolerance === false || (tolerance === undefined && !replay)) return undefined;
  const options = tolerance === undefined ? {} : optionObject("tolerance", tolerance, TOLERANCE_KNOWN);
  const { pastMs: past = replay?.windowMs ?? DAY_MS, futureMs: future = 5 * 60 * 1000 } = options;
  const pastMs = duration("tolerance.pastMs", past, 0);
  const futureMs = duration("tolerance.futureMs", future, 0);
  if (replay && pastMs > replay.windowMs) {
    throw new ApticUsageError(
      `tolerance.pastMs (${pastMs}) must not exceed replay.windowMs (${replay.windowMs}): an older delivery is no longer remembered, so its replay would be handled again`,
    );
  }
  return { pastMs, futureMs };
}

function resolveAuth(options: Record<string, unknown>): ResolvedHandlerOptions["auth"] {
  const { secret, secretHeader, verify } = options;
  if (verify !== undefined) {
    if (typeof verify !== "function") throw new ApticUsageError("verify must be a function");
    if (secret !== undefined || secretHeader !== undefined) throw new ApticUsageError("Pass either secret (with secretHeader) or verify, not both");
    return { verify: verify as WebhookVerifier };
  }
  if (typeof secret !== "string" || secret.length === 0) throw new ApticUsageError("secret must be a non-empty string (or pass verify)");
  if (!HEADER_SAFE.test(secret)) {
    throw new ApticUsageError("secret must be printable ASCII without leading or trailing spaces (it is sent in an HTTP header)");
  }
  const header = secretHeader ?? "x-webhook-secret";
  if (typeof header !== "string" || !HEADER_NAME.test(header)) throw new ApticUsageError("secretHeader must be a valid HTTP header name");
  return { secret, secretHeader: header.toLowerCase() };
}

/**
 * Validates handler options up front (a misconfigured receiver should fail at startup, not on
 * the first delivery) and applies defaults. Messages never include the secret. Typed loosely
 * (a record) because what matters here is what arrives at run time, typed or not.
 *
 * @example
 * ```ts
 * resolveHandlerOptions({ secret: "s3cret" }).maxBodyBytes; // 1048576
 * ```
 */
export function resolveHandlerOptions(options: object): ResolvedHandlerOptions {
  checkKeys(options, KNOWN, "webhook handler ", "createWebhookHandler expects an options object");
  const record = options as Record<string, unknown>;
  const { maxBodyBytes = 1024 * 1024, bodyTimeoutMs = 10_000, methods = ["POST"] } = record;
  const auth = resolveAuth(record);
  if (!Number.isSafeInteger(maxBodyBytes) || (maxBodyBytes as number) <= 0) {
    throw new ApticUsageError(`maxBodyBytes must be a positive integer (got ${String(maxBodyBytes)})`);
  }
  if (!Array.isArray(methods) || methods.length === 0 || !methods.every((m) => typeof m === "string" && HEADER_NAME.test(m))) {
    throw new ApticUsageError("methods must be a non-empty array of HTTP method names");
  }
  checkFunction(record["onEvent"], "onEvent");
  const replay = resolveReplay(record["replay"]);
  return {
    auth,
    maxBodyBytes: maxBodyBytes as number,
    bodyTimeoutMs: duration("bodyTimeoutMs", bodyTimeoutMs),
    allowUnknownEvents: record["allowUnknownEvents"] === true,
    methods: new Set((methods as string[]).map((m) => m.toUpperCase())),
    replay,
    tolerance: resolveTolerance(record["tolerance"], replay),
  };
}
