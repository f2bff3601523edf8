import { ApticUsageError } from "../errors/aptic-error.js";
import { describeValue } from "./field-path.js";
import { Guid } from "./guid.js";

/**
 * The values the filter builder can turn into OData literals.
 *
 * @example
 * ```ts
 * const values: ODataLiteral[] = ["O'Brien", 42, true, new Date(), guid("0f8fad5b-d9cb-469f-a165-70867728950e"), null];
 * ```
 */
export type ODataLiteral = string | number | boolean | Date | Guid | null;

// A lone UTF-16 surrogate cannot be percent-encoded: encodeURIComponent (used by openapi-fetch)
// throws, and URLSearchParams silently turns it into U+FFFD, so the server would see another value.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Renders one value as an OData literal. Strings are the only quoted form, and their quotes are
 * doubled so user input can never end the literal early; every unquoted form (number, boolean,
 * date, GUID, null) is produced by this function from a checked value, never copied from input.
 * Percent-encoding is deliberately left to the URL layer, which encodes the whole `$filter`.
 *
 * @throws {ApticUsageError} for non-finite numbers, invalid or out-of-range dates, lone surrogates,
 * and values of any other type.
 * @example
 * ```ts
 * formatLiteral("O'Brien");                          // => "'O''Brien'"
 * formatLiteral(new Date(Date.UTC(2024, 0, 1)));     // => "2024-01-01T00:00:00.000Z"
 * ```
 */
export function formatLiteral(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      if (LONE_SURROGATE.test(value)) {
        throw new ApticUsageError(`OData string literal ${describeValue(value)} contains a lone UTF-16 surrogate and cannot be URL-encoded.`);
      }
      return `'${value.replaceAll("'", "''")}'`;
    case "number":
      if (!Number.isFinite(value)) {
        throw new ApticUsageError(`OData number literal must be finite, got ${String(value)}.`);
      }
      // String() yields forms OData's decimalValue grammar accepts (e.g. "-1.5", "1e+21").
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      throw new ApticUsageError("OData literal is undefined; use null to compare with null.");
  }
  if (value instanceof Guid) return value.value;
  if (value instanceof Date) return formatDate(value);
  throw new ApticUsageError(`Unsupported OData literal ${describeValue(value)}: use a string, finite number, boolean, Date, guid(...) or null.`);
}

function formatDate(date: Date): string {
  const year = date.getUTCFullYear();
  // toISOString() switches to "+275760-…"/"-000001-…" outside 0000–9999, which OData's
  // DateTimeOffset grammar rejects; NaN means an Invalid Date.
  if (!(year >= 0 && year <= 9999)) {
    throw new ApticUsageError(`OData date literal must be a valid Date between years 0000 and 9999, got ${describeValue(date)}.`);
  }
  return date.toISOString();
}
