/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 * Returns milliseconds to wait (never negative), or `undefined` when absent or malformed so
 * the caller falls back to backoff.
 *
 * @example
 * ```ts
 * parseRetryAfter("120", Date.now());                         // 120000
 * parseRetryAfter("Wed, 21 Oct 2037 07:28:00 GMT", Date.now()); // ms until then
 * parseRetryAfter("soon", Date.now());                        // undefined
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only accept something that looks like an HTTP-date; Date.parse alone is too lenient ("1").
  if (!/^[A-Za-z]{3},? \d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Truncated exponential backoff with full jitter (AWS): random(0, min(cap, base·2^retry)).
 * `retry` counts from 0 for the first retry.
 *
 * @example
 * ```ts
 * backoffDelay(0, 500, 8000, Math.random); // 0 … 500 ms
 * backoffDelay(5, 500, 8000, () => 1);     // 8000 ms (capped)
 * ```
 */
export function backoffDelay(retry: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}
