export { parseRetryAfter } from "../errors/retry-after.js";

/** Exponential backoff with full jitter (AWS); `retry` is 0 for the first retry. */
export function backoffDelay(retry: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}
