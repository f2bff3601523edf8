import type { MaybeOptionalInit } from "openapi-fetch";
import type { paths } from "../../generated/aptic.js";
import type { ApticRequestOptions } from "../http/request-options.js";

/** The JSON body of a path's GET 200 response. */
type GetData<P> = P extends keyof paths
  ? paths[P] extends { get: { responses: { 200: { content: { "application/json": infer D } } } } }
    ? D
    : never
  : never;

/**
 * Every GET path whose response is the documented paged envelope (`count/skip/total/value`).
 *
 * @example
 * ```ts
 * const path: ListPath = "/debtors/{debtorGuid}/addresses";
 * ```
 */
export type ListPath = {
  [P in keyof paths]: GetData<P> extends { value?: unknown; total?: unknown; skip?: unknown } ? P : never;
}[keyof paths];

/**
 * One page of a list path, as documented.
 *
 * @example
 * ```ts
 * type DebtorPage = ListPage<"/debtors">; // { count?, skip?, total?, value?: Debtor[] }
 * ```
 */
export type ListPage<P extends ListPath> = GetData<P>;

/**
 * The item type of a list path.
 *
 * @example
 * ```ts
 * type Debtor = ListItem<"/debtors">;
 * ```
 */
export type ListItem<P extends ListPath> = GetData<P> extends { value?: infer V } ? NonNullable<V> extends ReadonlyArray<infer I> ? I : never : never;

/** The GET init of a list path plus per-call options. */
export type ListInit<P extends ListPath> = MaybeOptionalInit<paths[P], "get"> & ApticRequestOptions;

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
