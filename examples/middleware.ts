// openapi-fetch middleware through `aptic.use()`: it runs once per call, outside the retries —
// onRequest before the first attempt, onResponse with the final response. Returning a new
// Request is fine; the client's per-call options (idempotencyKey, timeoutMs…) survive it.
import { createApticClientFromEnv, unwrap, type Middleware } from "aptic-gateway-client";
import { pingDebtors } from "aptic-gateway-client/operations";

const aptic = createApticClientFromEnv();

const tenant: Middleware = {
  onRequest({ request }) {
    const headers = new Headers(request.headers);
    headers.set("X-Tenant", "nordbank");
    headers.set("traceparent", `00-${crypto.randomUUID().replaceAll("-", "")}-${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}-01`);
    return new Request(request, { headers });
  },
  onResponse({ response }) {
    if (response.status >= 500) console.warn("gateway trouble after retries:", response.status);
  },
};
aptic.use(tenant);

const ping = await unwrap(aptic.call(pingDebtors, { timeoutMs: 5_000 }));
console.log("ping with tenant header:", ping);
aptic.eject(tenant);
