import type { ApticClient } from "../client/types.js";
import { unwrap } from "../client/unwrap.js";
import { ApticUsageError } from "../errors/aptic-error.js";
import type { ListInit, ListItem, ListPage, ListPath, PaginateOptions } from "./types.js";

const MAX_TOP = 100;

type Query = { $skip?: number; $top?: number; [key: string]: unknown };
type LooseInit = { params?: { query?: Query; [key: string]: unknown }; [key: string]: unknown };
type LoosePage = { total?: number | null; value?: unknown[] | null };

function checkCount(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new ApticUsageError(`${name} must be an integer from ${min} to ${max} (got ${String(value)})`);
  }
  return value;
}

/**
 * Walks a paged list page by page, lazily: one request per page, `$skip` advancing by the items
 * received, stopping at `total` (or at an empty or short page when `total` is missing), or at
 * `maxItems`. A `$skip`/`$top` in `init` is the starting point and page size.
 *
 * @example
 * ```ts
 * for await (const page of paginatePages(aptic, "/debtors", { params: { query: { $filter } } })) {
 *   console.log(`${page.skip}–${(page.skip ?? 0) + (page.count ?? 0)} of ${page.total}`);
 * }
 * ```
 */
export async function* paginatePages<P extends ListPath>(
  client: ApticClient,
  path: P,
  init?: ListInit<P>,
  options: PaginateOptions = {},
): AsyncGenerator<ListPage<P>, void, undefined> {
  const base = (init ?? {}) as LooseInit;
  const query: Query = base.params?.query ?? {};
  const top = checkCount("pageSize", options.pageSize ?? query.$top ?? MAX_TOP, 1, MAX_TOP);
  const maxItems = options.maxItems === undefined ? Infinity : checkCount("maxItems", options.maxItems, 0);
  let skip = checkCount("$skip", query.$skip ?? 0, 0);
  let seen = 0;

  while (seen < maxItems) {
    const pageInit = { ...base, params: { ...base.params, query: { ...query, $skip: skip, $top: Math.min(top, maxItems - seen) } } };
    // The path is a ListPath, so GET exists and answers a paged envelope; the cast only widens
    // the init we rebuilt above back to the per-path type TypeScript cannot re-derive here.
    const page = (await unwrap((client.GET as (p: string, i: unknown) => ReturnType<ApticClient["GET"]>)(path, pageInit))) as LoosePage;
    const items = page.value ?? [];
    seen += items.length;
    skip += items.length;
    yield page as ListPage<P>;
    if (items.length === 0) return;
    if (typeof page.total === "number" ? skip >= page.total : items.length < pageInit.params.query.$top) return;
  }
}

/**
 * Iterates every item of a paged list, typed by the operation's item type, fetching pages of
 * up to 100 lazily (memory stays flat however long the list is).
 *
 * @example
 * ```ts
 * for await (const debtor of aptic.paginate("/debtors", { params: { query: { $orderby: "lastname asc" } } })) {
 *   console.log(debtor.debtorGuid, debtor.lastname);
 * }
 * ```
 */
export async function* paginate<P extends ListPath>(
  client: ApticClient,
  path: P,
  init?: ListInit<P>,
  options: PaginateOptions = {},
): AsyncGenerator<ListItem<P>, void, undefined> {
  for await (const page of paginatePages(client, path, init, options)) {
    for (const item of (page as LoosePage).value ?? []) yield item as ListItem<P>;
  }
}
