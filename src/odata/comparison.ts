import { ApticUsageError } from "../errors/aptic-error.js";
import { createExpression, type FilterExpression } from "./expression.js";
import { assertFieldPath, describeValue } from "./field-path.js";
import { formatLiteral } from "./literal.js";

/**
 * The OData comparison operators the builder offers.
 *
 * @example
 * ```ts
 * const op: ComparisonOperator = "ge";
 * ```
 */
export type ComparisonOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

/**
 * The OData string functions the builder offers (OData spelling, all lower case).
 *
 * @example
 * ```ts
 * const fn: StringFunction = "startswith";
 * ```
 */
export type StringFunction = "contains" | "startswith" | "endswith";

/**
 * Builds `field op literal` after checking the field name and rendering the value as a literal.
 *
 * @throws {ApticUsageError} for a bad field, a bad value, or `null` with an ordering operator.
 * @example
 * ```ts
 * String(compare("eq", "lastname", "O'Brien")); // => "lastname eq 'O''Brien'"
 * ```
 */
export function compare(operator: ComparisonOperator, field: unknown, value: unknown): FilterExpression {
  assertFieldPath(field);
  // `gt null` is legal OData but always false, which is almost certainly a bug in the caller.
  if (value === null && operator !== "eq" && operator !== "ne") {
    throw new ApticUsageError(`OData "${operator}" cannot compare ${describeValue(field)} with null; use eq or ne.`);
  }
  return createExpression(`${field} ${operator} ${formatLiteral(value)}`, "comparison");
}

/**
 * Builds `fn(field,'text')` for a string function.
 *
 * @throws {ApticUsageError} for a bad field or a non-string value.
 * @example
 * ```ts
 * String(callStringFunction("contains", "email", "@example")); // => "contains(email,'@example')"
 * ```
 */
export function callStringFunction(fn: StringFunction, field: unknown, value: unknown): FilterExpression {
  assertFieldPath(field);
  if (typeof value !== "string") {
    throw new ApticUsageError(`OData ${fn}() needs a string value, got ${describeValue(value)}.`);
  }
  return createExpression(`${fn}(${field},${formatLiteral(value)})`, "call");
}
