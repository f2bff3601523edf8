// Two ways to call an operation: by path (openapi-fetch's idiom) or by operation. Both keep working
// when a path in specs/ is corrected, as long as the path comes from the operation table.
import { createApticClientFromEnv, unwrap } from "aptic-gateway-client";
import { getDebtor, listDebtors } from "aptic-gateway-client/operations";

const aptic = createApticClientFromEnv();
const debtorGuid = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";

// By path: the path is checked against the spec at compile time. `getDebtor.path` has the path's
// literal type; a typed-out path string would break when the path is corrected.
const byPath = await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid } } }));

// By operation: the same types, and the operation table supplies method and path at run time.
const byOperation = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
console.log(byPath.lastname === byOperation.lastname, `${getDebtor.method} ${getDebtor.path}`);

// The table also says which operations page (used by paginate) and what they answer.
const page = await unwrap(aptic.call(listDebtors, { params: { query: { $top: 5 } } }));
console.log(`listDebtors pages: ${listDebtors.paged}, success status ${listDebtors.success}, ${page.value?.length ?? 0} on this page`);
