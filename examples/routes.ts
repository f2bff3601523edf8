// A gateway whose routes differ from the inferred ones: a routes table re-points operations
// without a fork (`npx aptic-gateway-client doctor --write-routes` writes one). The mock serves the
// generated paths, so against it the moved call is not sent.
import { createApticClientFromEnv } from "aptic-gateway-client";
import { getDebtor } from "aptic-gateway-client/operations";
import { defineRoutes } from "aptic-gateway-client/routes";

// The file the doctor writes holds the same object: { "getDebtor": { "method": "GET", "path": … } }
const routes = defineRoutes({ getDebtor: { method: "GET", path: "/api/v1/Debtors/{debtorGuid}" } });
const aptic = createApticClientFromEnv({ routes });

const debtorGuid = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";
if (!process.env.APTIC_MOCK) await aptic.call(getDebtor, { params: { path: { debtorGuid } } }); // GET /api/v1/Debtors/{debtorGuid}
console.log("getDebtor goes to", routes);
