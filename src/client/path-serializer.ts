import { defaultPathSerializer } from "openapi-fetch";
import { ApticUsageError } from "../errors/aptic-error.js";

/**
 * Percent-encodes path parameters (openapi-fetch's default) after refusing values that would
 * change which resource is addressed: empty strings and the dot segments `.`/`..` (which URL
 * parsers resolve even when encoded), and unfilled `{placeholders}`.
 *
 * @example
 * ```ts
 * safePathSerializer("/debtors/{debtorGuid}", { debtorGuid: "../webhooks" }); // "/debtors/..%2Fwebhooks"
 * safePathSerializer("/debtors/{debtorGuid}", { debtorGuid: ".." });          // throws ApticUsageError
 * ```
 */
export function safePathSerializer(pathname: string, params: Record<string, unknown>): string {
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const text = String(value);
    if (text === "" || /^(\.|%2e){1,2}$/i.test(text)) {
      throw new ApticUsageError(`Path parameter "${name}" must not be empty, "." or ".." (got ${JSON.stringify(text)})`);
    }
  }
  const url = defaultPathSerializer(pathname, params);
  const missing = /\{([^{}]+)\}/.exec(url.replace(/^[a-z]+:\/\/[^/]*/i, ""));
  if (missing) throw new ApticUsageError(`Missing path parameter "${missing[1]}" for ${pathname}`);
  return url;
}
