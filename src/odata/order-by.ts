import { ApticUsageError } from "../errors/aptic-error.js";
import { assertFieldPath, describeValue } from "./field-path.js";
import type { FieldPath } from "./field-types.js";

/**
 * Sort direction of one `$orderby` term.
 *
 * @example
 * ```ts
 * const direction: SortDirection = "desc";
 * ```
 */
export type SortDirection = "asc" | "desc";

/**
 * One structured `$orderby` term; `direction` defaults to `"asc"`.
 *
 * @example
 * ```ts
 * const term: OrderByTerm<Debtor> = { field: "firstname", direction: "desc" };
 * ```
 */
export interface OrderByTerm<T = Record<string, unknown>> {
  field: FieldPath<T>;
  direction?: SortDirection;
}

/**
 * What {@link orderBy} accepts per term: `"field"`, `"field asc"`, `"field desc"` or an
 * {@link OrderByTerm}.
 *
 * @example
 * ```ts
 * const terms: OrderByInput<Debtor>[] = ["lastname", "firstname desc", { field: "regDate", direction: "desc" }];
 * ```
 */
export type OrderByInput<T = Record<string, unknown>> = FieldPath<T> | `${FieldPath<T>} ${SortDirection}` | OrderByTerm<T>;

/**
 * Builds an `$orderby` value such as `"lastname asc,firstname desc"`. Each term is a field name
 * with an optional direction, or `{ field, direction }`; arrays of terms are flattened so a
 * prepared list can be passed as is. Every direction is written out, so the result never relies
 * on the gateway's default.
 *
 * @throws {ApticUsageError} for no terms, an invalid field name, or a direction other than
 * `"asc"`/`"desc"`.
 * @example
 * ```ts
 * orderBy<Debtor>("lastname", "firstname desc");                  // => "lastname asc,firstname desc"
 * orderBy<Debtor>([{ field: "regDate", direction: "desc" }]);     // => "regDate desc"
 * await client.GET("/debtors", { params: { query: { $orderby: orderBy<Debtor>("lastname") } } });
 * ```
 */
export function orderBy<T = Record<string, unknown>>(...terms: ReadonlyArray<OrderByInput<T> | readonly OrderByInput<T>[]>): string {
  const flat: unknown[] = terms.flat();
  if (flat.length === 0) {
    throw new ApticUsageError("orderBy() needs at least one term; leave $orderby out to use the default order.");
  }
  return flat.map(formatTerm).join(",");
}

function formatTerm(term: unknown): string {
  if (typeof term === "string") {
    // Tolerate extra whitespace around and between the parts; the parts themselves are validated.
    const [field, direction, ...rest] = term.trim().split(/\s+/);
    if (rest.length > 0) throw invalidTerm(term);
    return formatField(field, direction ?? "asc");
  }
  if (typeof term === "object" && term !== null && "field" in term) {
    const direction: unknown = "direction" in term ? term.direction : undefined;
    return formatField(term.field, direction ?? "asc");
  }
  throw invalidTerm(term);
}

function formatField(field: unknown, direction: unknown): string {
  assertFieldPath(field);
  if (direction !== "asc" && direction !== "desc") {
    throw new ApticUsageError(`Invalid $orderby direction ${describeValue(direction)} for ${describeValue(field)}: use "asc" or "desc".`);
  }
  return `${field} ${direction}`;
}

function invalidTerm(term: unknown): ApticUsageError {
  return new ApticUsageError(`Invalid $orderby term ${describeValue(term)}: use "field", "field asc", "field desc" or { field, direction }.`);
}
