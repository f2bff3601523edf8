// OData $filter / $orderby: field names are checked (typed to the resource), string values are
// escaped, so user input can never change the expression.
import { createApticClientFromEnv, unwrap, type components } from "aptic-gateway-client";
import { filterFor, guid, orderBy } from "aptic-gateway-client/odata";
import { listCustomers } from "aptic-gateway-client/operations";

type Customer = components["schemas"]["Customer"];
const f = filterFor<Customer>();

const userInput = "O'Brien"; // quotes are doubled: 'O''Brien'
const $filter = String(
  f.and(
    f.or(f.eq("lastname", userInput), f.startswith("fullName", "Lindq")),
    f.ge("regDate", new Date("2025-01-01T00:00:00Z")),
    f.ne("customerGuid", guid("3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90")),
    f.not(f.eq("email", null)),
  ),
);
const $orderby = orderBy<Customer>("lastname asc", { field: "regDate", direction: "desc" });
console.log($filter);

const aptic = createApticClientFromEnv();
const page = await unwrap(aptic.call(listCustomers, { params: { query: { $filter, $orderby, $top: 20 } } }));
console.log(page.total, "matching customers");
