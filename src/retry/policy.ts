import { backoffDelay, parseRetryAfter } from "./delay.js";
import type { ResolvedRetryOptions } from "./options.js";

export interface AttemptOutcome {
  retry: number;
  /** Undefined for a connection error or timeout. */
  status?: number | undefined;
  retryAfter?: string | null | undefined;
  repeatable: boolean;
  remainingMs?: number | undefined;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number; reason: string };

// Stryker disable next-line ObjectLiteral: callers test `!decision.retry`, which `{}` satisfies as well.
const STOP: RetryDecision = { retry: false };

/** `Retry-After` is honoured exactly (no jitter) up to `maxRetryAfterMs`. */
export function decideRetry(outcome: AttemptOutcome, options: ResolvedRetryOptions, timing: { now: number; random: () => number }): RetryDecision {
  if (outcome.retry >= options.retries) return STOP;
  if (!outcome.repeatable) return STOP;
  if (outcome.status !== undefined && !options.statusCodes.includes(outcome.status)) return STOP;
  const what = outcome.status === undefined ? "connection failure" : String(outcome.status);
  const asked = parseRetryAfter(outcome.retryAfter, timing.now);
  if (asked !== undefined) {
    if (asked > options.maxRetryAfterMs) return STOP;
    return withinDeadline(asked, `${what}, Retry-After`, outcome.remainingMs);
  }
  const delayMs = backoffDelay(outcome.retry, options.baseDelayMs, options.maxDelayMs, timing.random);
  return withinDeadline(delayMs, `${what}, backoff`, outcome.remainingMs);
}

/** The call would only time out in such a wait. */
function withinDeadline(delayMs: number, reason: string, remainingMs: number | undefined): RetryDecision {
  return delayMs >= (remainingMs ?? Infinity) ? STOP : { retry: true, delayMs, reason };
}
