// Errors: non-2xx responses become ApticApiError subclasses carrying RFC 9457 problem details.
import {
  ApticApiError,
  ApticConnectionError,
  ApticNotFoundError,
  ApticRateLimitError,
  ApticTimeoutError,
  createApticClientFromEnv,
  toApiError,
  unwrap,
} from "aptic-gateway-client";
import { getDebtor, pingDebtors } from "aptic-gateway-client/operations";

const aptic = createApticClientFromEnv();
const debtorGuid = "00000000-0000-4000-8000-000000000404";
// Against the mock, `Prefer: code=404` asks Prism for the documented 404 response.
const mockOnly = process.env.APTIC_MOCK ? { Prefer: "code=404" } : undefined;

try {
  await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } }, headers: mockOnly }));
} catch (err) {
  if (err instanceof ApticNotFoundError) {
    console.log("not found:", err.problem?.title, err.problem?.detail, err.requestId);
  } else if (err instanceof ApticRateLimitError) {
    console.log("rate limited; retry in", err.retryAfterMs, "ms");
  } else if (err instanceof ApticApiError) {
    console.log(err.status, err.problem);
  } else if (err instanceof ApticTimeoutError || err instanceof ApticConnectionError) {
    console.log("no response:", err.message);
  } else {
    throw err;
  }
}

// Result style (no throw): openapi-fetch's { data, error, response }.
const { data, error, response } = await aptic.call(pingDebtors);
if (error) console.log("typed error:", toApiError({ error, response })?.status);
else console.log("ping:", data);
