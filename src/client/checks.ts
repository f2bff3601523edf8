import { ApticUsageError } from "../errors/aptic-error.js";

/** The longest delay a JavaScript timer can wait (2^31−1 ms ≈ 24.8 days); longer ones fire at once. */
export const MAX_DURATION_MS = 2 ** 31 - 1;

/**
 * Validates a duration option in milliseconds: a finite number from 0 to 2^31−1 (a timer given
 * more would fire after ~1 ms, so larger values are refused rather than silently shortened).
 *
 * @example
 * ```ts
 * checkDuration(5000, "timeoutMs"); // 5000
 * checkDuration(Infinity, "timeoutMs"); // throws ApticUsageError
 * ```
 */
export function checkDuration(value: unknown, name: string): number {
  if (typeof value !== "number" || !(value >= 0 && value <= MAX_DURATION_MS)) {
    throw new ApticUsageError(`${name} must be a number of milliseconds from 0 to ${MAX_DURATION_MS} (got ${describe(value)})`);
  }
  return value;
}

/**
 * Validates a whole-number option within bounds.
 *
 * @example
 * ```ts
 * checkInteger(3, "retry.retries", 0, 20); // 3
 * ```
 */
export function checkInteger(value: unknown, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw new ApticUsageError(`${name} must be an integer from ${min} to ${max} (got ${describe(value)})`);
  }
  return value as number;
}

/**
 * Validates a header value given through the client: a string (or finite number/boolean) of
 * visible Latin-1 characters, spaces and tabs only — no CR, LF, NUL or other control character
 * (one could add a header or split the request; others fail deep in the HTTP stack and would be
 * retried as connection failures) and nothing beyond U+00FF (a header cannot carry it).
 *
 * @example
 * ```ts
 * checkHeaderValue("order-1001", "idempotencyKey"); // "order-1001"
 * checkHeaderValue("x\r\nX-Evil: 1", "idempotencyKey"); // throws ApticUsageError
 * ```
 */
export function checkHeaderValue(value: unknown, name: string): string {
  const text = typeof value === "number" || typeof value === "boolean" ? String(value) : value;
  if (typeof text !== "string" || /[^\t\x20-\x7e\x80-\xff]/.test(text)) {
    // Never echo the value: header values are often credentials.
    throw new ApticUsageError(
      `${name} must be a header value of visible Latin-1 characters, without CR, LF or other control characters (got ${typeof text === "string" ? "a string with one" : describe(value)})`,
    );
  }
  return text;
}

/**
 * Validates a header record (client-wide `headers`, per-call `headers`, `params.header`):
 * names are HTTP tokens and values pass {@link checkHeaderValue}; null/undefined unset a header.
 *
 * @example
 * ```ts
 * checkHeaders({ "X-Tenant": "nordbank" }, "headers");
 * ```
 */
export function checkHeaders(headers: unknown, name: string): void {
  if (headers === undefined || headers === null) return;
  const entries =
    headers instanceof Headers ? [...headers] : Array.isArray(headers) ? headers : typeof headers === "object" ? Object.entries(headers) : undefined;
  if (!entries) throw new ApticUsageError(`${name} must be an object of header names to values`);
  for (const [key, value] of entries as [unknown, unknown][]) {
    if (typeof key !== "string" || !/^[!#$%&'*+.^_`|~\w-]+$/.test(key)) throw new ApticUsageError(`${name}: ${describe(key)} is not a valid header name`);
    for (const item of Array.isArray(value) ? value : [value]) if (item !== null && item !== undefined) checkHeaderValue(item, `${name}["${key}"]`);
  }
}

/**
 * A short, safe rendering of a bad value for an error message (strings cut to 40 characters).
 *
 * @example
 * ```ts
 * describe(NaN); // "NaN"
 * ```
 */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "an array" : "an object";
  return String(value);
}

/**
 * Whether a URL's host is this machine (localhost, 127.0.0.0/8, ::1), where plain http is safe.
 *
 * @example
 * ```ts
 * isLoopback(new URL("http://127.0.0.1:4010")); // true
 * ```
 */
export function isLoopback(url: URL): boolean {
  const host = url.hostname;
  // Not `*.localhost`: a resolver may still send such names to DNS. The URL parser turns any host
  // ending in a number into a normalised four-part IPv4 address, so nothing can precede the 127.
  // Stryker disable next-line Regex: without `^` the pattern matches the same parsed hostnames.
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Refuses to send credentials over plain http to another machine, unless the caller opted in.
 *
 * @example
 * ```ts
 * checkTransport(new URL(tokenUrl), "auth.tokenUrl", allowInsecureHttp);
 * ```
 */
export function checkTransport(url: URL, name: string, allowInsecureHttp: boolean): void {
  if (url.protocol === "http:" && !isLoopback(url) && !allowInsecureHttp) {
    throw new ApticUsageError(
      `${name} uses plain http to ${url.host}: credentials would travel unencrypted. Use https, or pass allowInsecureHttp: true if you really mean it`,
    );
  }
}

/**
 * Parses an absolute http(s) URL option, refusing surrounding whitespace and user-info (with a
 * message that never shows the credentials). Unless `allowQuery`, a query or fragment too.
 *
 * @example
 * ```ts
 * checkUrl("https://gateway.example.org", "baseUrl", false);
 * ```
 */
export function checkUrl(value: unknown, name: string, allowQuery: boolean): URL {
  if (typeof value !== "string" || value === "") throw new ApticUsageError(`${name} must be a non-empty URL string`);
  if (value.trim() !== value) throw new ApticUsageError(`${name} has leading or trailing whitespace`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApticUsageError(`${name} must be an absolute http(s) URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ApticUsageError(`${name} must use http or https (got ${url.protocol})`);
  if (url.username || url.password) throw new ApticUsageError(`${name} must not contain user-info (credentials in a URL leak into logs); use the auth option`);
  if (!allowQuery && /[?#]/.test(value)) throw new ApticUsageError(`${name} must not have a query or fragment (every path is appended to it)`);
  return url;
}
