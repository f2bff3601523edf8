// Errors you act on: a 400/422's fieldErrors beside the form, a 429's retryAfterMs before trying again.
import { createApticClientFromEnv, toApiError } from "aptic-gateway-client";
import { createDebtor } from "aptic-gateway-client/operations";

const aptic = createApticClientFromEnv();
const shown = new Map<string, string>();
const result = await aptic.call(createDebtor, { body: { lastname: "Lindqvist", juridicalType: 0 } });
const err = toApiError(result);
switch (err?.status) {
  case 400:
  case 422:
    for (const [field, messages] of Object.entries(err.fieldErrors ?? {})) shown.set(field, messages.join(" "));
    break;
  case 429:
    await new Promise((resolve) => setTimeout(resolve, err.retryAfterMs ?? 1000));
    break;
}
console.log("field errors:", Object.fromEntries(shown));
