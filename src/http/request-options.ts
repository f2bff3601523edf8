import { ApticUsageError } from "../errors/aptic-error.js";
import type { RetryOptions } from "../retry/options.js";

/**
 * Options accepted by every call besides openapi-fetch's own (`params`, `body`, `headers`,
 * `signal`…). They override the client-wide settings for that one call.
 *
 * @example
 * ```ts
 * await aptic.POST("/debtors", { body, idempotencyKey: crypto.randomUUID(), timeoutMs: 5000 });
 * ```
 */
export interface ApticRequestOptions {
  /** Per-attempt timeout in ms (0 = none). */
  timeoutMs?: number;
  /** Retry settings for this call, or `false` for none. */
  retry?: RetryOptions | false;
  /**
   * Sent as `Idempotency-Key` (same value on every attempt). Makes POST and PATCH retryable.
   */
  idempotencyKey?: string;
}

/**
 * Reads the per-call options back off the Request: openapi-fetch copies unknown init keys onto
 * the Request it builds, which is how they reach our fetch function.
 *
 * @example
 * ```ts
 * readRequestOptions(request).timeoutMs;
 * ```
 */
export function readRequestOptions(request: Request): ApticRequestOptions {
  const carrier = request as Request & ApticRequestOptions;
  const out: ApticRequestOptions = {};
  if (carrier.timeoutMs !== undefined) out.timeoutMs = checkTimeout(carrier.timeoutMs, "timeoutMs");
  if (carrier.retry !== undefined) out.retry = carrier.retry;
  if (carrier.idempotencyKey !== undefined) {
    if (typeof carrier.idempotencyKey !== "string" || carrier.idempotencyKey.length === 0) {
      throw new ApticUsageError("idempotencyKey must be a non-empty string");
    }
    out.idempotencyKey = carrier.idempotencyKey;
  }
  return out;
}

/**
 * Validates a timeout option: a finite number ≥ 0.
 *
 * @example
 * ```ts
 * checkTimeout(5000, "timeoutMs"); // 5000
 * ```
 */
export function checkTimeout(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ApticUsageError(`${name} must be a finite number ≥ 0 (got ${String(value)})`);
  }
  return value;
}
