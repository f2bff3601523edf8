// Pagination: walk every item (pages of up to 100 fetched lazily) or whole pages.
import { createApticClientFromEnv, paginate, paginatePages, type components } from "aptic-gateway-client";
import { filterFor, orderBy } from "aptic-gateway-client/odata";
import { listCustomers, listDebtors } from "aptic-gateway-client/operations";

type Debtor = components["schemas"]["Debtor"];
const aptic = createApticClientFromEnv();
const f = filterFor<Debtor>();

const query = { $filter: String(f.eq("currencyCode", "SEK")), $orderby: orderBy<Debtor>("lastname asc") };
for await (const debtor of paginate(aptic, listDebtors, { params: { query } }, { maxItems: 500 })) {
  console.log(debtor.debtorGuid, debtor.lastname);
}

for await (const page of paginatePages(aptic, listCustomers, undefined, { pageSize: 50 })) {
  console.log(`customers ${page.skip}–${(page.skip ?? 0) + (page.count ?? 0)} of ${page.total}`);
}
