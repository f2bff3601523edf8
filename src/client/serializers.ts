import { ApticUsageError } from "../errors/aptic-error.js";
import { describe } from "../validate/checks.js";

function encode(value: string, what: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    throw new ApticUsageError(`${what} is not well-formed Unicode (a lone surrogate)`);
  }
}

/** Refuses a template cast through `as any` such as `@evil.example/x` (the base URL's host would become user-info). */
export function checkPathTemplate(template: unknown, pathParams: unknown): void {
  // The URL parser drops tabs and newlines and decodes `%2e`, so `/.%0A./x` or `/%2e%2e/x` would climb out too.
  const ok = typeof template === "string" && /^(\/[\w\-.~!$&'()*+,;=:@%{}]+)+$/.test(template) && !template.split("/").some((s) => /^(\.|%2e){1,2}$/i.test(s));
  if (!ok) {
    throw new ApticUsageError(`Not a path of this API: ${describe(template)}`);
  }
  const placeholder = /\{([^{}]+)\}/.exec(template);
  if (placeholder && (typeof pathParams !== "object" || pathParams === null))
    throw new ApticUsageError(`Path parameter "${placeholder[1]}" is missing for ${template}`);
}

/** No id is longer; a 100 KB one would only burden the gateway. */
export const MAX_PATH_PARAM_LENGTH = 1024;

/** Fills path parameters so that no value can change which resource is addressed. */
export function pathSerializer(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = params[name];
    const what = `Path parameter "${name}"`;
    if (value === undefined) throw new ApticUsageError(`${what} is missing`);
    // Percent-encoded dots too: a server that decodes twice would resolve them as a dot segment.
    const ok = typeof value === "number" ? Number.isFinite(value) : typeof value === "string" && value !== "" && !/^(\.|%2e){1,2}$/i.test(value);
    if (!ok) throw new ApticUsageError(`${what} must be a non-empty string other than "." and "..", or a finite number (got ${describe(value)})`);
    if (typeof value === "string" && value.length > MAX_PATH_PARAM_LENGTH)
      throw new ApticUsageError(`${what} is ${value.length} characters long; at most ${MAX_PATH_PARAM_LENGTH} are sent`);
    return encode(String(value), what);
  });
}

/** Own keys only, scalar values only: no value can smuggle in another parameter. */
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

export function bodySerializer(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (cause) {
    throw new ApticUsageError("The request body cannot be encoded as JSON", { cause });
  }
}
