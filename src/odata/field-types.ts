import type { Guid } from "./guid.js";
import type { ODataLiteral } from "./literal.js";

// Values that are compared as a whole, never navigated into with "/". Collections would need
// OData lambdas (any/all), which the builder does not offer.
type Leaf = Date | Guid | readonly unknown[] | ((...args: never[]) => unknown);

// Depth counter for FieldPath: nesting is cut off after a few levels so self-referencing
// resource types cannot make the compiler recurse forever.
type Previous = [never, 0, 1, 2];

/**
 * Every property path of `T`: its own keys plus `/`-separated nested paths (up to 3 levels).
 * For the untyped default `Record<string, unknown>` this is just `string`.
 *
 * @example
 * ```ts
 * type P = FieldPath<{ lastname: string; name: { firstName: string } }>;
 * // => "lastname" | "name" | "name/firstName"
 * ```
 */
export type FieldPath<T, Depth extends number = 3> = {
  [K in keyof T & string]:
    | K
    | (NonNullable<T[K]> extends Leaf
        ? never
        : NonNullable<T[K]> extends object
          ? [Depth] extends [0]
            ? never
            : `${K}/${FieldPath<NonNullable<T[K]>, Previous[Depth]>}`
          : never);
}[keyof T & string];

/**
 * The type found at property path `P` of `T`. A nullable parent makes the nested value nullable
 * too, because OData yields null when navigating through a null property.
 *
 * @example
 * ```ts
 * type V = FieldValue<{ name: { firstName: string } | null }, "name/firstName">; // => string | null
 * ```
 */
export type FieldValue<T, P extends string> = P extends keyof T
  ? T[P]
  : P extends `${infer K}/${infer Rest}`
    ? K extends keyof T
      ? FieldValue<NonNullable<T[K]>, Rest> | Extract<T[K], null | undefined>
      : never
    : never;

// Literals that make sense for one non-null field type. A string field also takes a Date or GUID
// because OpenAPI date-time and uuid fields arrive as strings; a string-literal union (an enum)
// only takes its own members.
type LiteralFor<V> = V extends string
  ? string extends V
    ? string | Date | Guid
    : V
  : V extends number
    ? number
    : V extends boolean
      ? boolean
      : V extends Date | Guid
        ? V
        : never;

/**
 * The values `eq`/`ne` accept for a field of type `V`: literals matching its type, plus `null`
 * when the field is nullable or optional. An untyped (`unknown`) field accepts any literal.
 *
 * @example
 * ```ts
 * type A = ComparableValue<string | null>; // => string | Date | Guid | null
 * type B = ComparableValue<number>;        // => number
 * ```
 */
export type ComparableValue<V> = unknown extends V ? ODataLiteral : LiteralFor<NonNullable<V>> | (null extends V ? null : undefined extends V ? null : never);

/**
 * The property paths of `T` holding strings (or untyped values): the ones `contains`,
 * `startswith` and `endswith` accept.
 *
 * @example
 * ```ts
 * type S = StringFieldPath<{ email: string | null; age: number }>; // => "email"
 * ```
 */
export type StringFieldPath<T> = {
  [P in FieldPath<T>]: unknown extends FieldValue<T, P> ? P : NonNullable<FieldValue<T, P>> extends string ? P : never;
}[FieldPath<T>];
