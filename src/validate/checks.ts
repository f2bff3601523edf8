import { ApticUsageError, usage } from "../errors/aptic-error.js";

/** The longest a JavaScript timer can wait; longer ones fire at once. */
export const MAX_DURATION_MS = 2 ** 31 - 1;

/** RFC 9110 token. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~\w-]+$/;

export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "an array" : "an object";
  return String(value);
}

/** `label` names the options in the message (`"retry "` gives `Unknown retry option "x"`). */
export function checkKeys(value: unknown, known: readonly string[], label: string, notObject: string): asserts value is Record<string, unknown> {
  usage(typeof value === "object" && value !== null, notObject);
  for (const key of Object.keys(value)) usage(known.includes(key), `Unknown ${label}option "${key}"; known options: ${known.join(", ")}`);
}

/** Larger than a timer can wait is refused, not silently shortened. */
export function checkDuration(value: unknown, name: string, rule: { min?: number; whole?: boolean } = {}): number {
  const { min = 0, whole = false } = rule;
  if (typeof value !== "number" || !(value >= min && value <= MAX_DURATION_MS) || (whole && !Number.isInteger(value))) {
    throw new ApticUsageError(`${name} must be a ${whole ? "whole " : ""}number of milliseconds from ${min} to ${MAX_DURATION_MS} (got ${describe(value)})`);
  }
  return value;
}

export function checkInteger(value: unknown, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw new ApticUsageError(`${name} must be an integer from ${min} to ${max} (got ${describe(value)})`);
  }
  return value as number;
}

export function checkFunction(value: unknown, name: string): void {
  usage(value === undefined || typeof value === "function", `${name} must be a function`);
}

/** No CR, LF, NUL or other control character (one could add a header or split the request). */
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

export function checkHeaders(headers: unknown, name: string): void {
  if (headers === undefined || headers === null) return;
  const entries =
    headers instanceof Headers ? [...headers] : Array.isArray(headers) ? headers : typeof headers === "object" ? Object.entries(headers) : undefined;
  if (!entries) throw new ApticUsageError(`${name} must be an object of header names to values`);
  for (const [key, value] of entries as [unknown, unknown][]) {
    if (typeof key !== "string" || !HEADER_NAME.test(key)) throw new ApticUsageError(`${name}: ${describe(key)} is not a valid header name`);
    for (const item of Array.isArray(value) ? value : [value]) if (item !== null && item !== undefined) checkHeaderValue(item, `${name}["${key}"]`);
  }
}

export function isLoopback(url: URL): boolean {
  const host = url.hostname;
  // Not `*.localhost`: a resolver may still send such names to DNS.
  // The URL parser normalises a host ending in a number to four-part IPv4: nothing can precede the 127.
  // Stryker disable next-line Regex: without `^` the pattern matches the same parsed hostnames.
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

export function checkTransport(url: URL, name: string, allowInsecureHttp: boolean): void {
  if (url.protocol === "http:" && !isLoopback(url) && !allowInsecureHttp) {
    throw new ApticUsageError(
      `${name} uses plain http to ${url.host}: credentials would travel unencrypted. Use https, or pass allowInsecureHttp: true if you really mean it`,
    );
  }
}

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
