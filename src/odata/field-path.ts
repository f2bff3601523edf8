import { ApticUsageError } from "../errors/aptic-error.js";

// OData identifiers (CSDL §17.2): a letter or "_" first, then letters, digits, combining marks and
// connector punctuation, at most 128 characters. Format characters (\p{Cf}) are left out on purpose:
// zero-width and bidi controls would let two different-looking names compare equal on screen.
const SEGMENT = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}]{0,127}$/u;

// Words an OData parser reads as literals or operators rather than as a property name, so a
// "field" spelled like this would silently change the expression's meaning. Compared
// case-insensitively because some gateways parse keywords case-insensitively.
const RESERVED = new Set([
  "true",
  "false",
  "null",
  "inf",
  "nan",
  "and",
  "or",
  "not",
  "eq",
  "ne",
  "gt",
  "ge",
  "lt",
  "le",
  "has",
  "in",
  "add",
  "sub",
  "mul",
  "div",
  "divby",
  "mod",
  "asc",
  "desc",
]);

/**
 * Shortens and quotes user input for an error message, so a huge or multi-line value cannot
 * swamp logs.
 *
 * @example
 * ```ts
 * describeValue("x' or 1 eq 1"); // => "\"x' or 1 eq 1\""
 * ```
 */
export function describeValue(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Checks that `field` is a property path the builder may put into `$filter`/`$orderby` verbatim:
 * identifier segments, optionally `/`-separated for nested properties (`name/firstName`).
 * Field names are never quoted in OData, so this check is what keeps them from injecting syntax.
 *
 * @throws {ApticUsageError} when `field` is not such a path.
 * @example
 * ```ts
 * assertFieldPath("name/firstName"); // ok
 * assertFieldPath("x eq 1 or y");    // throws ApticUsageError
 * ```
 */
export function assertFieldPath(field: unknown): asserts field is string {
  if (typeof field !== "string") {
    throw new ApticUsageError(`OData field name must be a string, got ${describeValue(field)}.`);
  }
  for (const segment of field.split("/")) {
    if (!SEGMENT.test(segment)) {
      throw new ApticUsageError(
        `Invalid OData field name ${describeValue(field)}: expected identifiers (letters, digits, "_"; ` +
          `not starting with a digit), optionally separated by "/" for nested properties, e.g. "name/firstName".`,
      );
    }
    if (RESERVED.has(segment.toLowerCase())) {
      throw new ApticUsageError(`Invalid OData field name ${describeValue(field)}: "${segment}" is an OData keyword and would not be read as a property.`);
    }
  }
}
