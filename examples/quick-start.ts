// Quick start: configuration from APTIC_BASE_URL, APTIC_CLIENT_ID, APTIC_CLIENT_SECRET, APTIC_TOKEN_URL.
import { createApticClientFromEnv, unwrap } from "aptic-gateway-client";
import { getDebtor } from "aptic-gateway-client/operations";

const aptic = createApticClientFromEnv();

const debtorGuid = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";
const debtor = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
console.log(debtor.firstname, debtor.lastname, debtor.currencyCode);
