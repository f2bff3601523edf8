// The app against the fake gateway: a typed seed and override, calls by operation, the failures
// classified, and a webhook delivery received — all under the strictest settings, without a cast.
import { apiKey, createApticClient, unwrap, type Debtor } from "aptic-gateway-client";
import { createDebtor, getDebtor, listDebtors } from "aptic-gateway-client/operations";
import { buildWebhookDelivery, createFakeGateway } from "aptic-gateway-client/testing";
import { classify, type Outcome } from "./errors.js";
import { createReceiver, type Booked } from "./webhooks.js";

export interface Report {
  created: Debtor;
  storedCountry: string | null | undefined;
  listed: number;
  failures: Outcome[];
  webhook: { status: number; replay: boolean | undefined };
  booked: Booked;
}

export async function runApp(): Promise<Report> {
  const fake = await createFakeGateway();
  const aptic = createApticClient({
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    auth: apiKey(fake.apiKey, { header: fake.apiKeyHeader }),
    retry: { retries: 0 },
  });

  // Seeds take what the create operation takes (countryCode is a DebtorCreate field).
  const [seeded = ""] = fake.seed("debtor", [{ lastname: "Berg", countryCode: "NO" }]);
  const created = await unwrap(aptic.call(createDebtor, { body: { lastname: "Lindqvist", juridicalType: 0, countryCode: "SE" } }));
  const storedCountry = fake.store.get("debtor", created.debtorGuid ?? "")?.countryCode;
  const page = await unwrap(aptic.call(listDebtors, { params: { query: { $top: 10 } } }));

  // A typed override: params and the reply body follow getDebtor's spec.
  fake.on("getDebtor", (ctx) => (ctx.params.debtorGuid === seeded ? ctx.reply(403) : undefined));
  const failures: Outcome[] = [];
  for (const debtorGuid of [seeded, "00000000-0000-4000-8000-000000000404"]) {
    try {
      await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
    } catch (err) {
      failures.push(classify(err));
    }
  }
  fake.failNext({ operationId: "listDebtors", status: 503 });
  try {
    await unwrap(aptic.call(listDebtors, {}));
  } catch (err) {
    failures.push(classify(err));
  }

  const booked: Booked = { debtors: [], payments: [] };
  const receive = createReceiver("whsec-strict-app", booked);
  const delivery = buildWebhookDelivery({ event: "debtorinsert", secret: "whsec-strict-app", objectId: created.debtorGuid ?? "" });
  const result = await receive(delivery.request("http://127.0.0.1/aptic/webhooks"));
  if (!result.ok) failures.push(classify(result.error));
  const payment = buildWebhookDelivery({ event: "payment", secret: "whsec-strict-app", data: { amount: 1250, currencyCode: "SEK" } });
  const paid = await receive(payment.request("http://127.0.0.1/aptic/webhooks"));
  if (!paid.ok) failures.push(classify(paid.error));
  // A delivery captured two days ago and sent again: outside the tolerance window, refused.
  const stale = buildWebhookDelivery({ event: "payment", secret: "whsec-strict-app", dt: new Date(Date.now() - 2 * 24 * 60 * 60 * 1000) });
  const refused = await receive(stale.request("http://127.0.0.1/aptic/webhooks"));
  if (!refused.ok) failures.push(classify(refused.error));

  return {
    created,
    storedCountry,
    listed: page.value?.length ?? 0,
    failures,
    webhook: { status: result.status, replay: result.ok ? result.replay : undefined },
    booked,
  };
}

if (import.meta.url === `file://${process.argv[1] ?? ""}`) {
  const report = await runApp();
  console.log(JSON.stringify(report, null, 2));
}
