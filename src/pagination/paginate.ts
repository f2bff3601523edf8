import { checkInteger } from "../validate/checks.js";
import type { ApticClient } from "../client/types.js";
import { unwrap } from "../client/response.js";
import { usage } from "../errors/aptic-error.js";
import type { ListInit, ListItem, ListOperation, ListPage, PaginateOptions } from "./types.js";

/** The gateway's documented maximum page size (`$top`). */
const MAX_TOP = 100;

type Query = { $skip?: unknown; $top?: unknown; [key: string]: unknown };
type LooseInit = { params?: { query?: Query; [key: string]: unknown }; [key: string]: unknown };
type LoosePage = { total?: unknown; value?: unknown };
type Loose = (op: ListOperation, init: unknown) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Walks a paged list operation page by page, lazily: one request per page, `$skip` advancing by
 * the items received, stopping at `total` (or at an empty or short page when `total` is
 * missing), or at `maxItems`. A `$skip`/`$top` in `init` is the starting point and page size.
 * Only operations the table marks `paged` are accepted (others: ApticUsageError).
 *
 * @example
 * ```ts
 * import { listDebtors } from "aptic-gateway-client/operations";
 *
 * for await (const page of paginatePages(aptic, listDebtors, { params: { query: { $filter } } })) {
 *   console.log(`${page.skip}–${(page.skip ?? 0) + (page.count ?? 0)} of ${page.total}`);
 * }
 * ```
 */
export async function* paginatePages<Op extends ListOperation>(
  client: ApticClient,
  list: Op,
  init?: ListInit<Op>,
  options: PaginateOptions = {},
): AsyncGenerator<ListPage<Op>, void, undefined> {
  usage(
    typeof list === "object" && list !== null && list.paged === true && list.method === "GET",
    "paginate expects a paged list operation from aptic-gateway-client/operations (e.g. listDebtors)",
  );
  const base = (init ?? {}) as LooseInit;
  const query: Query = base.params?.query ?? {};
  const top = checkInteger(options.pageSize ?? query.$top ?? MAX_TOP, "pageSize", 1, MAX_TOP);
  const maxItems = options.maxItems === undefined ? Infinity : checkInteger(options.maxItems, "maxItems", 0, Number.MAX_SAFE_INTEGER);
  let skip = checkInteger(query.$skip ?? 0, "$skip", 0, Number.MAX_SAFE_INTEGER);
  let seen = 0;

  while (seen < maxItems) {
    const want = Math.min(top, maxItems - seen);
    const pageInit = { ...base, params: { ...base.params, query: { ...query, $skip: skip, $top: want } } };
    // The init was rebuilt above, which TypeScript cannot re-derive per operation: call loosely.
    const page = (await unwrap((client.call as unknown as Loose)(list, pageInit))) as LoosePage | undefined;
    const items = Array.isArray(page?.value) ? page.value : [];
    const total = page?.total;
    seen += items.length;
    skip += items.length;
    yield page as ListPage<Op>;
    if (items.length === 0) return;
    if (typeof total === "number" ? skip >= total : items.length < want) return;
  }
}

/**
 * Iterates every item of a paged list operation, typed by its item type, fetching pages of up to
 * 100 lazily (memory stays flat however long the list is).
 *
 * @example
 * ```ts
 * import { listDebtors } from "aptic-gateway-client/operations";
 *
 * for await (const debtor of paginate(aptic, listDebtors, { params: { query: { $orderby: "lastname asc" } } })) {
 *   console.log(debtor.debtorGuid, debtor.lastname);
 * }
 * ```
 */
export async function* paginate<Op extends ListOperation>(
  client: ApticClient,
  list: Op,
  init?: ListInit<Op>,
  options: PaginateOptions = {},
): AsyncGenerator<ListItem<Op>, void, undefined> {
  for await (const page of paginatePages(client, list, init, options)) {
    const items = (page as LoosePage).value;
    if (Array.isArray(items)) for (const item of items) yield item as ListItem<Op>;
  }
}
