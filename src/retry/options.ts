import { usage } from "../errors/aptic-error.js";
import { checkDuration, checkInteger } from "../client/checks.js";

/**
 * How failed requests are retried. Every field is optional; omitted ones take the defaults in
 * {@link DEFAULT_RETRY}. Pass `retry: false` (client-wide or per request) to disable retries.
 *
 * @example
 * ```ts
 * createApticClient({ baseUrl, retry: { retries: 4, maxDelayMs: 20_000 } });
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt. @default 2 */
  retries?: number;
  /** Backoff base: retry n waits random(0, min(maxDelayMs, baseDelayMs·2^n)). @default 500 */
  baseDelayMs?: number;
  /** Backoff cap. @default 8000 */
  maxDelayMs?: number;
  /**
   * Longest `Retry-After` we will wait. If the server asks for longer, the 429/503 is returned
   * (or thrown by `unwrap`) at once instead of retrying early. @default 60000
   */
  maxRetryAfterMs?: number;
  /** Statuses that are retried. @default [408, 429, 500, 502, 503, 504] */
  statusCodes?: readonly number[];
}

/** The retry options with every default filled in. */
export type ResolvedRetryOptions = Required<RetryOptions>;

/**
 * Default retry behaviour, as data so it is easy to read and to test.
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
});

/** Methods that RFC 9110 §9.2.2 calls idempotent: safe to repeat without a key. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/** More retries than this is a mistake (a loop hammering a failing gateway), not a setting. */
const MAX_RETRIES = 20;
const KNOWN = Object.keys(DEFAULT_RETRY);

/**
 * Merges retry settings (client-wide, then per call) over the defaults, validating every layer
 * the same way: `retries` an integer 0–20, delays durations (0 to 2^31−1 ms), `statusCodes` HTTP
 * statuses. `false` turns retries off. Throws {@link ApticUsageError} naming the bad field.
 *
 * @example
 * ```ts
 * resolveRetry({ retries: 5 }, false).retries; // 0
 * resolveRetry({ retries: NaN }); // throws ApticUsageError
 * ```
 */
export function resolveRetry(...layers: Array<RetryOptions | false | undefined>): ResolvedRetryOptions {
  const out: Record<string, unknown> = { ...DEFAULT_RETRY };
  for (const layer of layers) {
    if (layer === false) out["retries"] = 0;
    else if (layer !== undefined) {
      usage(typeof layer === "object" && layer !== null, "retry must be an object or false");
      for (const [key, value] of Object.entries(layer)) {
        usage(KNOWN.includes(key), `Unknown retry option "${key}"; known: ${KNOWN.join(", ")}`);
        if (value !== undefined) out[key] = value;
      }
    }
  }
  checkInteger(out["retries"], "retry.retries", 0, MAX_RETRIES);
  for (const key of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"]) checkDuration(out[key], `retry.${key}`);
  const codes = out["statusCodes"];
  usage(Array.isArray(codes), "retry.statusCodes must be an array of HTTP statuses");
  for (const code of codes) checkInteger(code, "retry.statusCodes[]", 100, 599);
  return out as ResolvedRetryOptions;
}
