// Noticing when the gateway's responses drift from the spec: opt-in validation of every JSON body
// (needs @cfworker/json-schema), reported as `validation` events or, with "throw", as errors.
import { createApticClientFromEnv, unwrap } from "aptic-gateway-client";
import { pingDebtors } from "aptic-gateway-client/operations";
import { responseValidation } from "aptic-gateway-client/validation";

const aptic = createApticClientFromEnv({
  validateResponses: responseValidation("warn"), // or "throw": a 2xx body that breaks the spec rejects the call
  onEvent: (event) => {
    if (event.type === "validation") console.warn(event.operationId, event.status, event.errorMessage, event.errors);
  },
});
console.log("ping:", await unwrap(aptic.call(pingDebtors)));
