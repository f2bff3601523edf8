// Runs IN Chromium (bundled by esbuild from the built package, see fake.spec.ts): the fake gateway
// and the client in one page, no server behind them — the in-browser half of "test your
// integration in Node and in a browser".
import { clientCredentials, createApticClient, unwrap } from "aptic-gateway-client";
import { filterFor } from "aptic-gateway-client/odata";
import { createFakeGateway } from "aptic-gateway-client/testing";
import { createWebhookHandler, registerWebhook } from "aptic-gateway-client/webhooks";
import { createDebtor, getDebtor, listDebtors, pingDebtors } from "aptic-gateway-client/operations";

/** What the page reports back to the test (plain JSON). */
export interface FakeBrowserReport {
  startMs: number;
  created: { lastname: string | null | undefined; hasGuid: boolean };
  readBack: string | null | undefined;
  found: number;
  statuses: (number | undefined)[];
  webhookEvents: string[];
  violations: number;
}

export async function runFakeChecks(): Promise<FakeBrowserReport> {
  const started = performance.now();
  const received: string[] = [];
  const fake = await createFakeGateway({ webhookReceiver: createWebhookHandler({ secret: "browser-secret", onEvent: (e) => void received.push(e.name) }) });
  const aptic = createApticClient({
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    auth: clientCredentials({ clientId: fake.clientId, clientSecret: fake.clientSecret, tokenUrl: fake.tokenUrl }),
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
  await unwrap(aptic.call(pingDebtors));
  const startMs = performance.now() - started;
  await registerWebhook(aptic, { url: "https://erp.example/hooks", events: ["debtorinsert"], secret: "browser-secret" });
  fake.failNext({ operationId: "createDebtor", status: 503 });
  const created = await unwrap(
    aptic.call(createDebtor, { body: { lastname: "Browser", juridicalType: 0, currencyCode: "SEK" }, idempotencyKey: "browser-1", retry: { unsafe: true } }),
  );
  const readBack = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid: created.debtorGuid ?? "" } } }));
  const f = filterFor<{ lastname: string; currencyCode: string }>();
  const page = await unwrap(
    aptic.call(listDebtors, { params: { query: { $filter: String(f.and(f.eq("lastname", "Browser"), f.eq("currencyCode", "SEK"))) } } }),
  );
  return {
    startMs,
    created: { lastname: created.lastname, hasGuid: typeof created.debtorGuid === "string" },
    readBack: readBack.lastname,
    found: page.total ?? -1,
    statuses: fake.requests.of("createDebtor").map((r) => r.status),
    webhookEvents: received,
    violations: fake.violations.length,
  };
}
