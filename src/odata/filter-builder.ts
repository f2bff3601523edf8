import { callStringFunction, compare } from "./comparison.js";
import { combine, negate, type FilterExpression } from "./expression.js";
import type { ComparableValue, FieldPath, FieldValue, StringFieldPath } from "./field-types.js";

/** Signature of `eq`/`ne`: a field of `T` and a value compatible with it (null if nullable). */
type Equality<T> = <P extends FieldPath<T>>(field: P, value: ComparableValue<FieldValue<T, P>>) => FilterExpression;
/** Signature of `gt`/`ge`/`lt`/`le`: like {@link Equality} but never null. */
type Ordering<T> = <P extends FieldPath<T>>(field: P, value: Exclude<ComparableValue<FieldValue<T, P>>, null>) => FilterExpression;
/** Signature of the string functions: a string field and the text to look for. */
type StringMatch<T> = (field: StringFieldPath<T>, value: string) => FilterExpression;
/** Signature of `and`/`or`: one or more expressions. */
type Junction = (...operands: [FilterExpression, ...FilterExpression[]]) => FilterExpression;

/**
 * The `$filter` builder returned by {@link filterFor}. Field names are checked against `T` at
 * compile time and against OData identifier rules at run time; every method returns a
 * {@link FilterExpression}. Methods do not use `this`, so they can be destructured.
 *
 * @example
 * ```ts
 * const { eq, and, contains } = filterFor<Debtor>();
 * String(and(eq("lastname", "Lindqvist"), contains("email", "@example.se")));
 * // => "lastname eq 'Lindqvist' and contains(email,'@example.se')"
 * ```
 */
export interface FilterBuilder<T> {
  /** `field eq value` */
  readonly eq: Equality<T>;
  /** `field ne value` */
  readonly ne: Equality<T>;
  /** `field gt value` */
  readonly gt: Ordering<T>;
  /** `field ge value` */
  readonly ge: Ordering<T>;
  /** `field lt value` */
  readonly lt: Ordering<T>;
  /** `field le value` */
  readonly le: Ordering<T>;
  /** `contains(field,'value')` */
  readonly contains: StringMatch<T>;
  /** `startswith(field,'value')` */
  readonly startswith: StringMatch<T>;
  /** `endswith(field,'value')` */
  readonly endswith: StringMatch<T>;
  /** All operands hold; one operand is returned unchanged. */
  readonly and: Junction;
  /** Any operand holds; one operand is returned unchanged. */
  readonly or: Junction;
  /** The operand does not hold. */
  readonly not: (operand: FilterExpression) => FilterExpression;
}

// The builder holds no state and `T` exists only at compile time, so one frozen object serves
// every filterFor<T>() call.
const builder: FilterBuilder<Record<string, unknown>> = Object.freeze({
  eq: (field: string, value: unknown) => compare("eq", field, value),
  ne: (field: string, value: unknown) => compare("ne", field, value),
  gt: (field: string, value: unknown) => compare("gt", field, value),
  ge: (field: string, value: unknown) => compare("ge", field, value),
  lt: (field: string, value: unknown) => compare("lt", field, value),
  le: (field: string, value: unknown) => compare("le", field, value),
  contains: (field: string, value: string) => callStringFunction("contains", field, value),
  startswith: (field: string, value: string) => callStringFunction("startswith", field, value),
  endswith: (field: string, value: string) => callStringFunction("endswith", field, value),
  and: (...operands: FilterExpression[]) => combine("and", operands),
  or: (...operands: FilterExpression[]) => combine("or", operands),
  not: (operand: FilterExpression) => negate(operand),
});

/**
 * Returns a `$filter` builder for resource type `T` (e.g. a generated schema type). Without `T`
 * it accepts any valid identifier as a field name and any literal as a value.
 *
 * String values are escaped by doubling single quotes; dates become ISO 8601 UTC; GUIDs need
 * {@link guid}. Pass the result as a string — the URL layer percent-encodes it, so never encode
 * it yourself.
 *
 * @example
 * ```ts
 * const f = filterFor<Debtor>();
 * const $filter = String(
 *   f.and(
 *     f.eq("lastname", "O'Brien"),
 *     f.or(f.gt("regDate", new Date("2024-01-01")), f.not(f.contains("email", "@example"))),
 *   ),
 * );
 * // => "lastname eq 'O''Brien' and (regDate gt 2024-01-01T00:00:00.000Z or not contains(email,'@example'))"
 * await client.GET("/debtors", { params: { query: { $filter } } });
 * ```
 */
export function filterFor<T = Record<string, unknown>>(): FilterBuilder<T> {
  // Safe: the runtime object is identical for every T; T only narrows what the compiler accepts.
  return builder as unknown as FilterBuilder<T>;
}
