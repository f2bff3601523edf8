import type { paths } from "../../generated/aptic.js";
import type { ApticInit, OperationRef } from "../client/types.js";

/**
 * A paged-list operation of the table (`paged: true`): its GET answers the documented envelope
 * `count/skip/total/value`. Only these can be paginated.
 *
 * @example
 * ```ts
 * import { listDebtors } from "aptic-gateway-client/operations";
 * const list: ListOperation = listDebtors;
 * ```
 */
export type ListOperation = OperationRef & { readonly method: "GET"; readonly paged: true };

type ListGet<Op extends ListOperation> = Op["path"] extends keyof paths ? (paths[Op["path"]] extends { get: infer G } ? G : never) : never;

/**
 * One page of a list operation, as documented.
 *
 * @example
 * ```ts
 * type DebtorPage = ListPage<typeof listDebtors>; // { count?, skip?, total?, value?: Debtor[] }
 * ```
 */
export type ListPage<Op extends ListOperation> = ListGet<Op> extends { responses: { 200: { content: { "application/json": infer D } } } } ? D : never;

/**
 * The item type of a list operation.
 *
 * @example
 * ```ts
 * type Debtor = ListItem<typeof listDebtors>;
 * ```
 */
export type ListItem<Op extends ListOperation> = ListPage<Op> extends { value?: infer V } ? (NonNullable<V> extends ReadonlyArray<infer I> ? I : never) : never;

/** The init of a list operation (its query, path parameters, per-call options). */
export type ListInit<Op extends ListOperation> = ApticInit<ListGet<Op>>;

/**
 * How to walk a list.
 *
 * @example
 * ```ts
 * const options: PaginateOptions = { pageSize: 100, maxItems: 1000 };
 * ```
 */
export interface PaginateOptions {
  /** Items per request, 1–100 (the gateway's maximum). @default the init's `$top`, else 100 */
  pageSize?: number;
  /** Stop after this many items in total. @default no limit */
  maxItems?: number;
}
