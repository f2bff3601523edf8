import type { RetryOptions } from "../retry/options.js";

/**
 * Options accepted by every call besides openapi-fetch's own (`params`, `body`, `headers`,
 * `signal`, `parseAs`…). They override the client-wide settings for that one call and pass the
 * same validation.
 *
 * @example
 * ```ts
 * await aptic.POST("/debtors", { body, idempotencyKey: crypto.randomUUID(), timeoutMs: 5000, deadlineMs: 20_000 });
 * ```
 */
export interface ApticRequestOptions {
  /** Time limit of each attempt in ms, body included (0 = none). */
  timeoutMs?: number | undefined;
  /** Time limit of the whole call in ms: attempts, waits and any token request (0 = none). */
  deadlineMs?: number | undefined;
  /** Retry settings for this call, or `false` for none. */
  retry?: RetryOptions | false | undefined;
  /**
   * Sent as `Idempotency-Key` (the same on every attempt). On its own it only sends the header: a
   * POST or PATCH is retried only with `retry: { unsafe: true }` as well (the gateway does not
   * document honouring the key).
   */
  idempotencyKey?: string | undefined;
  /** Sent as `X-Request-Id` (for tracing across systems) and reported in events. */
  requestId?: string | undefined;
  /** Cancels the call: pending attempt, token wait or retry wait. */
  signal?: AbortSignal | null;
  /**
   * An undici `Dispatcher` (`ProxyAgent`, an `Agent` with a client certificate) for this call:
   * passed to fetch as `init.dispatcher` on every attempt and on a token request the call starts.
   * Overrides the client-wide `dispatcher`.
   */
  dispatcher?: object | undefined;
}
