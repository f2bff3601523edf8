// Two ways to call an operation: by path (openapi-fetch's idiom) or by operation, which does not
// depend on the path — when a path in specs/ is corrected, code written this way keeps working.
import { createApticClientFromEnv, unwrap } from "aptic-gateway-client";
import { getDebtor, listDebtors } from "aptic-gateway-client/operations";

const aptic = createApticClientFromEnv();
const debtorGuid = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";

// By path: the path string is checked against the spec at compile time.
const byPath = await unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } }));

// By operation: the same types, and the operation table supplies method and path at run time.
const byOperation = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
console.log(byPath.lastname === byOperation.lastname, `${getDebtor.method} ${getDebtor.path}`);

// The table also says which operations page (used by paginate) and what they answer.
const page = await unwrap(aptic.call(listDebtors, { params: { query: { $top: 5 } } }));
console.log(`listDebtors pages: ${listDebtors.paged}, success status ${listDebtors.success}, ${page.value?.length ?? 0} on this page`);
