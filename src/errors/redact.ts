/** What every hidden value is replaced with. */
export const REDACTED = "[REDACTED]";

/** Header names whose values are credentials wherever they appear. */
const SECRET_HEADERS = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"];

/**
 * Query parameter names that carry credentials: the usual names exactly, and anything that
 * mentions a token, secret, password, signature, credential or key (case-insensitive).
 */
const SECRET_PARAM = /^(code|sig|jwt|key|auth)$|token|secret|passw|signature|credential|api[-_]?key|session/i;

/**
 * The URL with user-info and credential-like query values replaced (never throws).
 *
 * @example
 * ```ts
 * redactUrl("https://u:p@gw.example/x?api_key=k&$top=5"); // "https://gw.example/x?api_key=%5BREDACTED%5D&%24top=5"
 * ```
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Every caller passes a parsed URL's href, or the "" of a Response built by hand: nothing
    // else reaches here, and whatever did could hide credentials, so none of it is kept.
    return "";
  }
  parsed.username = parsed.password = "";
  for (const key of new Set(parsed.searchParams.keys())) {
    if (SECRET_PARAM.test(key)) parsed.searchParams.set(key, REDACTED);
  }
  return parsed.href;
}

/**
 * Headers as a plain object with credential headers (and `extra` names, e.g. a custom API-key
 * header, in any case) redacted, and every other value passed through `scrub`.
 *
 * @example
 * ```ts
 * redactHeaders(new Headers({ authorization: "Bearer x", "x-aptic-key": "k", "x-request-id": "r1" }), ["X-Aptic-Key"], scrub);
 * // { authorization: "[REDACTED]", "x-aptic-key": "[REDACTED]", "x-request-id": "r1" }
 * ```
 */
export function redactHeaders(headers: Headers, extra: readonly string[] | undefined, scrub: (text: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  // Headers iterates lower-cased names.
  headers.forEach((value, name) => {
    const hidden = SECRET_HEADERS.includes(name) || extra?.some((secret) => secret.toLowerCase() === name);
    out[name] = hidden ? REDACTED : scrub(value);
  });
  return out;
}
