// Pagination: walk every item (pages of up to 100 fetched lazily) or whole pages.
import { createApticClient, type components } from "aptic-gateway-client";
import { filterFor, orderBy } from "aptic-gateway-client/odata";

type Debtor = components["schemas"]["Debtor"];
const aptic = createApticClient();
const f = filterFor<Debtor>();

const query = { $filter: String(f.eq("currencyCode", "SEK")), $orderby: orderBy<Debtor>("lastname asc") };
for await (const debtor of aptic.paginate("/debtors", { params: { query } }, { maxItems: 500 })) {
  console.log(debtor.debtorGuid, debtor.lastname);
}

for await (const page of aptic.paginatePages("/customers", undefined, { pageSize: 50 })) {
  console.log(`customers ${page.skip}–${(page.skip ?? 0) + (page.count ?? 0)} of ${page.total}`);
}
