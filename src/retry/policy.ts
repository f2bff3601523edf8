import { backoffDelay, parseRetryAfter } from "./delay.js";
import { IDEMPOTENT_METHODS, type ResolvedRetryOptions } from "./options.js";

/** What happened on one attempt. */
export interface AttemptOutcome {
  method: string;
  /** Retries already made (0 after the first attempt). */
  retry: number;
  /** The response status, or undefined when the attempt threw a connection error/timeout. */
  status?: number;
  retryAfter?: string | null;
  /** Whether the caller supplied an Idempotency-Key (makes POST/PATCH safe to repeat). */
  hasIdempotencyKey: boolean;
  /** Time left before the call's deadline, if it has one: a wait that would pass it is not started. */
  remainingMs?: number | undefined;
}

/**
 * The decision: stop, or wait `delayMs` and try again (`reason` is what the retry event reports).
 * A stop carries no reason: the caller gets the response or error itself.
 */
export type RetryDecision = { retry: false } | { retry: true; delayMs: number; reason: string };

// Stryker disable next-line ObjectLiteral: callers test `!decision.retry`, which `{}` satisfies as well.
const STOP: RetryDecision = { retry: false };

/**
 * Decides whether to retry an attempt: only idempotent methods (or POST/PATCH with an
 * Idempotency-Key), only retryable statuses or connection failures, within the retry budget.
 * `Retry-After` is honoured exactly (no jitter) up to `maxRetryAfterMs`; longer asks stop.
 *
 * @example
 * ```ts
 * decideRetry({ method: "GET", retry: 0, status: 503, retryAfter: "2", hasIdempotencyKey: false },
 *   resolveRetry(), { now: Date.now(), random: Math.random });
 * // → { retry: true, delayMs: 2000, reason: "503, Retry-After" }
 * ```
 */
export function decideRetry(outcome: AttemptOutcome, options: ResolvedRetryOptions, timing: { now: number; random: () => number }): RetryDecision {
  if (outcome.retry >= options.retries) return STOP;
  if (!IDEMPOTENT_METHODS.has(outcome.method) && !outcome.hasIdempotencyKey) return STOP;
  if (outcome.status !== undefined && !options.statusCodes.includes(outcome.status)) return STOP;
  const what = outcome.status === undefined ? "connection failure" : String(outcome.status);
  const asked = parseRetryAfter(outcome.retryAfter, timing.now);
  if (asked !== undefined) {
    // A server asking for longer than we will wait gets its answer back now, not an early retry.
    if (asked > options.maxRetryAfterMs) return STOP;
    return withinDeadline(asked, `${what}, Retry-After`, outcome.remainingMs);
  }
  const delayMs = backoffDelay(outcome.retry, options.baseDelayMs, options.maxDelayMs, timing.random);
  return withinDeadline(delayMs, `${what}, backoff`, outcome.remainingMs);
}

/** A wait that would reach the deadline is not started (the call would only time out in it). */
function withinDeadline(delayMs: number, reason: string, remainingMs: number | undefined): RetryDecision {
  return delayMs >= (remainingMs ?? Infinity) ? STOP : { retry: true, delayMs, reason };
}
