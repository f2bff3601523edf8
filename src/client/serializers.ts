import { ApticUsageError } from "../errors/aptic-error.js";
import { describe } from "./checks.js";

function encode(value: string, what: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    throw new ApticUsageError(`${what} is not well-formed Unicode (a lone surrogate)`);
  }
}

/**
 * Checks a path template before anything is built from it: a plain absolute path of this API
 * (no query, fragment, backslash, empty or dot segment), and no placeholder left unfilled when no
 * path parameters are given. A template cast through `as any` such as `@evil.example/x` (which
 * would turn the base URL's host into user-info) is refused.
 *
 * @example
 * ```ts
 * checkPathTemplate("/debtors/{debtorGuid}", { debtorGuid: "g" }); // ok
 * checkPathTemplate("/../webhooks", undefined); // throws ApticUsageError
 * ```
 */
export function checkPathTemplate(template: unknown, pathParams: unknown): void {
  // Only path characters (RFC 3986 pchar, `/`, and `{}` for placeholders): the URL parser drops
  // tabs and newlines and decodes `%2e`, so `/.%0A./x` or `/%2e%2e/x` would climb out too.
  const ok = typeof template === "string" && /^(\/[\w\-.~!$&'()*+,;=:@%{}]+)+$/.test(template) && !template.split("/").some((s) => /^(\.|%2e){1,2}$/i.test(s));
  if (!ok) {
    throw new ApticUsageError(`Not a path of this API: ${describe(template)}`);
  }
  const placeholder = /\{([^{}]+)\}/.exec(template);
  if (placeholder && (typeof pathParams !== "object" || pathParams === null))
    throw new ApticUsageError(`Path parameter "${placeholder[1]}" is missing for ${template}`);
}

/**
 * Fills the path parameters of a URL so that no value can change which resource is addressed:
 * values must be non-empty strings other than `.`/`..` (which URL parsers resolve even when
 * encoded) or finite numbers, and are percent-encoded, so `/`, `?` and `#` stay in their segment.
 *
 * @example
 * ```ts
 * pathSerializer("https://gw.example/debtors/{debtorGuid}", { debtorGuid: "a/b?c" }); // "https://gw.example/debtors/a%2Fb%3Fc"
 * pathSerializer("https://gw.example/debtors/{debtorGuid}", { debtorGuid: ".." });    // throws ApticUsageError
 * ```
 */
export function pathSerializer(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = params[name];
    const what = `Path parameter "${name}"`;
    if (value === undefined) throw new ApticUsageError(`${what} is missing`);
    // Percent-encoded dots too: a server that decodes twice would resolve them as a dot segment.
    const ok = typeof value === "number" ? Number.isFinite(value) : typeof value === "string" && value !== "" && !/^(\.|%2e){1,2}$/i.test(value);
    if (!ok) throw new ApticUsageError(`${what} must be a non-empty string other than "." and "..", or a finite number (got ${describe(value)})`);
    return encode(String(value), what);
  });
}

/**
 * Serialises a query object: its own keys only (never inherited ones), strings, finite numbers
 * and booleans (or arrays of them, as repeated keys), keys and values percent-encoded; undefined
 * and null are left out. Anything else
 * (an object, NaN) is an ApticUsageError, so no value can smuggle in another parameter.
 *
 * @example
 * ```ts
 * querySerializer({ $filter: "lastname eq 'O''Brien'", $top: 10 }); // "%24filter=lastname%20eq%20'O''Brien'&%24top=10"
 * ```
 */
export function querySerializer(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      const ok = typeof item === "string" || typeof item === "boolean" || (typeof item === "number" && Number.isFinite(item));
      if (!ok) throw new ApticUsageError(`Query parameter "${key}" must be a string, finite number or boolean (got ${describe(item)})`);
      parts.push(`${encode(key, `Query parameter name "${key}"`)}=${encode(String(item), `Query parameter "${key}"`)}`);
    }
  }
  return parts.join("&");
}

/**
 * JSON-encodes a request body; a value JSON cannot encode (a BigInt, a cycle) is an
 * ApticUsageError before anything is sent.
 *
 * @example
 * ```ts
 * bodySerializer({ firstname: "Ola" }); // '{"firstname":"Ola"}'
 * ```
 */
export function bodySerializer(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (cause) {
    throw new ApticUsageError("The request body cannot be encoded as JSON", { cause });
  }
}
