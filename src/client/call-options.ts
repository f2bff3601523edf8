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
  timeoutMs?: number;
  /** Time limit of the whole call in ms: attempts, waits and any token request (0 = none). */
  deadlineMs?: number;
  /** Retry settings for this call, or `false` for none. */
  retry?: RetryOptions | false;
  /** Sent as `Idempotency-Key` (the same on every attempt). Makes POST and PATCH retryable. */
  idempotencyKey?: string;
  /** Sent as `X-Request-Id` (for tracing across systems) and reported in events. */
  requestId?: string;
  /** Cancels the call: pending attempt, token wait or retry wait. */
  signal?: AbortSignal | null;
}
