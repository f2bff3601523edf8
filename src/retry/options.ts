import { usage } from "../errors/aptic-error.js";
import { checkDuration, checkInteger, checkKeys } from "../validate/checks.js";

/**
 * How failed requests are retried (defaults: {@link DEFAULT_RETRY}); `retry: false` disables retries.
 *
 * @example
 * ```ts
 * createApticClient({ baseUrl, retry: { retries: 4, maxDelayMs: 20_000 } });
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt. @default 2 */
  retries?: number | undefined;
  /** Backoff base: retry n waits random(0, min(maxDelayMs, baseDelayMs·2^n)). @default 500 */
  baseDelayMs?: number | undefined;
  /** Backoff cap. @default 8000 */
  maxDelayMs?: number | undefined;
  /** Longest `Retry-After` waited; a longer one returns the 429/503 at once. @default 60000 */
  maxRetryAfterMs?: number | undefined;
  /** Statuses that are retried. @default [408, 429, 500, 502, 503, 504] */
  statusCodes?: readonly number[] | undefined;
  /**
   * Also retry POST and PATCH calls with an `idempotencyKey`. The gateway does not document honouring
   * `Idempotency-Key`: if it ignores it, a retried POST can create a second debtor. @default false
   */
  unsafe?: boolean | undefined;
}

export type ResolvedRetryOptions = { readonly [K in keyof RetryOptions]-?: Exclude<RetryOptions[K], undefined> };

/**
 * The default retry settings.
 *
 * @example
 * ```ts
 * console.log(DEFAULT_RETRY.retries); // 2
 * ```
 */
export const DEFAULT_RETRY: ResolvedRetryOptions = Object.freeze({
  retries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
  statusCodes: Object.freeze([408, 429, 500, 502, 503, 504]),
  unsafe: false,
});

/** Methods that RFC 9110 §9.2.2 calls idempotent: safe to repeat without a key. */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/** A POST/PATCH needs both a key and `unsafe`: a key alone only sends the header. */
export function isRepeatable(method: string, hasIdempotencyKey: boolean, unsafe: boolean): boolean {
  return IDEMPOTENT_METHODS.has(method) || (hasIdempotencyKey && unsafe);
}

/** More is a mistake (a loop hammering a failing gateway), not a setting. */
const MAX_RETRIES = 20;
const KNOWN = Object.keys(DEFAULT_RETRY);

/** Merges retry layers (client-wide, then per call) over the defaults; throws ApticUsageError naming a bad field. */
export function resolveRetry(...layers: Array<RetryOptions | false | undefined>): ResolvedRetryOptions {
  const out: Record<string, unknown> = { ...DEFAULT_RETRY };
  for (const layer of layers) {
    if (layer === false) out["retries"] = 0;
    else if (layer !== undefined) {
      checkKeys(layer, KNOWN, "retry ", "retry must be an object or false");
      for (const [key, value] of Object.entries(layer)) if (value !== undefined) out[key] = value;
    }
  }
  checkInteger(out["retries"], "retry.retries", 0, MAX_RETRIES);
  for (const key of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"]) checkDuration(out[key], `retry.${key}`);
  const codes = out["statusCodes"];
  usage(Array.isArray(codes), "retry.statusCodes must be an array of HTTP statuses");
  for (const code of codes) checkInteger(code, "retry.statusCodes[]", 100, 599);
  usage(typeof out["unsafe"] === "boolean", "retry.unsafe must be a boolean");
  return out as ResolvedRetryOptions;
}
