import { checkHeaderValue, HEADER_NAME } from "../validate/checks.js";
import { usage } from "../errors/aptic-error.js";
import type { ApticAuth, BoundAuth } from "./types.js";

/**
 * An API key sent in a header on every attempt.
 *
 * @example
 * ```ts
 * createApticClient({ baseUrl, auth: apiKey(process.env.APTIC_API_KEY ?? "") });
 * createApticClient({ baseUrl, auth: apiKey(key, { header: "X-Aptic-Key" }) });
 * ```
 */
export function apiKey(key: string, options: { header?: string | undefined } = {}): ApticAuth {
  const { header = "X-Api-Key" } = options;
  usage(typeof key === "string" && key.length > 0, "apiKey must be a non-empty string");
  checkHeaderValue(key, "apiKey");
  usage(typeof header === "string" && HEADER_NAME.test(header), "apiKey header must be a valid header name");
  const headers = { [header]: key };
  const bound: BoundAuth = {
    headers: () => headers,
    // A fixed key cannot be refreshed: a 401 is final.
    // Stryker disable next-line ArrowFunction: `() => undefined` is as falsy as `false`: no retry after a 401 either way.
    invalidate: () => false,
    secretHeaders: [header],
    secrets: () => [key],
  };
  return { kind: "apiKey", bind: () => bound };
}
