/** Header names whose values are credentials and must never be shown. */
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"]);
/** Query parameter names that commonly carry credentials. */
const SECRET_PARAM = /^(access_token|token|api[-_]?key|apikey|client_secret|secret|password|sig|signature)$/i;
export const REDACTED = "[REDACTED]";

/**
 * Returns the URL with credentials removed: user-info and secret-looking query values.
 *
 * @example
 * ```ts
 * redactUrl("https://u:p@gw.example/x?api_key=k&$top=5"); // → "https://gw.example/x?api_key=%5BREDACTED%5D&%24top=5"
 * ```
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//");
  }
  parsed.username = "";
  parsed.password = "";
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(key)) parsed.searchParams.set(key, REDACTED);
  }
  return parsed.toString();
}

/**
 * Copies headers into a plain object with credential values replaced by `[REDACTED]`.
 * `extra` names more secret headers (e.g. a custom API-key header).
 *
 * @example
 * ```ts
 * redactHeaders(new Headers({ authorization: "Bearer x", "x-request-id": "r1" }));
 * // → { authorization: "[REDACTED]", "x-request-id": "r1" }
 * ```
 */
export function redactHeaders(headers: Headers, extra: readonly string[] = []): Record<string, string> {
  const secret = new Set([...SECRET_HEADERS, ...extra.map((h) => h.toLowerCase())]);
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = secret.has(name) ? REDACTED : value;
  });
  return out;
}
