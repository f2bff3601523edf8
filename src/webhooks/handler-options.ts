import { ApticUsageError } from "../errors/aptic-error.js";
import type { AnyWebhookEvent, WebhookEvent } from "./event.js";

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
  /** The secret given at registration. Required and non-empty: unauthenticated receivers are refused. */
  secret: string;
  /**
   * Header carrying the secret. The docs say the secret "will be returned in the webhook POST"
   * but not where; this default is an inference, hence configurable.
   * @default "x-webhook-secret"
   */
  secretHeader?: string;
  /** Largest accepted body in bytes. @default 1048576 (1 MiB) */
  maxBodyBytes?: number;
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
  allowUnknownEvents: boolean;
  methods: ReadonlySet<string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const KNOWN = new Set(["secret", "secretHeader", "maxBodyBytes", "allowUnknownEvents", "methods", "onEvent"]);

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
  const { secret, secretHeader = "x-webhook-secret", maxBodyBytes = 1024 * 1024, methods = ["POST"] } = options;
  if (typeof secret !== "string" || secret.length === 0) throw new ApticUsageError("secret must be a non-empty string");
  if (typeof secretHeader !== "string" || !TOKEN.test(secretHeader)) throw new ApticUsageError("secretHeader must be a valid HTTP header name");
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new ApticUsageError(`maxBodyBytes must be a positive integer (got ${String(maxBodyBytes)})`);
  }
  if (!Array.isArray(methods) || methods.length === 0 || !methods.every((m) => typeof m === "string" && TOKEN.test(m))) {
    throw new ApticUsageError("methods must be a non-empty array of HTTP method names");
  }
  if (options.onEvent !== undefined && typeof options.onEvent !== "function") throw new ApticUsageError("onEvent must be a function");
  return {
    secret,
    secretHeader: secretHeader.toLowerCase(),
    maxBodyBytes,
    allowUnknownEvents: options.allowUnknownEvents === true,
    methods: new Set(methods.map((m) => m.toUpperCase())),
  };
}
