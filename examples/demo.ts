// The end-to-end demo behind `npm start`. By default it runs on the in-process fake gateway
// (instant start, real state, real webhook deliveries to a local receiver). APTIC_DEMO_MOCK=prism
// runs it on the Prism mock (stateless) instead; with APTIC_BASE_URL (and APTIC_CLIENT_ID,
// APTIC_CLIENT_SECRET, APTIC_TOKEN_URL) it talks to your gateway.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  ApticApiError,
  clientCredentials,
  createApticClient,
  createApticClientFromEnv,
  paginate,
  unwrap,
  type ApticClient,
  type components,
} from "aptic-gateway-client";
import { createDebtor, deleteDebtor, getDebtor, listDebtors, pingDebtors, updateDebtor } from "aptic-gateway-client/operations";
import { createWebhookHandler, registerWebhook, unregisterWebhook } from "aptic-gateway-client/webhooks";
import { filterFor } from "aptic-gateway-client/odata";
import { toNodeListener } from "aptic-gateway-client/node";
import { createFakeGateway, deliverWebhook, startMockServer, type FakeGateway, type MockServer } from "aptic-gateway-client/testing";

type Debtor = components["schemas"]["Debtor"];
const step = (n: number, text: string) => console.log(`\n${n}. ${text}`);
const ok = (text: string) => console.log(`   ✔ ${text}`);

let mock: MockServer | undefined;
let fake: FakeGateway | undefined;
let receiver: Server | undefined;
async function cleanUp(): Promise<void> {
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  await mock?.close();
  receiver = undefined;
  mock = undefined;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

async function connect(): Promise<ApticClient> {
  if (process.env.APTIC_BASE_URL) {
    step(1, `Using the gateway at ${process.env.APTIC_BASE_URL}`);
    return createApticClientFromEnv(); // APTIC_BASE_URL, APTIC_CLIENT_ID, APTIC_CLIENT_SECRET, APTIC_TOKEN_URL
  }
  if (process.env.APTIC_DEMO_MOCK === "prism") {
    step(1, "Starting the Prism mock gateway (stateless: answers come from the spec's examples)");
    mock = await startMockServer();
    ok(`mock gateway on ${mock.baseUrl}, token endpoint ${mock.tokenUrl}`);
    return createApticClient({
      baseUrl: mock.baseUrl,
      auth: clientCredentials({ clientId: mock.clientId, clientSecret: mock.clientSecret, tokenUrl: mock.tokenUrl }),
    });
  }
  step(1, "Starting the fake gateway (in-process, stateful)");
  const started = performance.now();
  fake = await createFakeGateway();
  ok(`fake gateway ready in ${Math.round(performance.now() - started)} ms at ${fake.baseUrl} (no socket: the client's fetch is fake.fetch)`);
  return createApticClient({
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    auth: clientCredentials({ clientId: fake.clientId, clientSecret: fake.clientSecret, tokenUrl: fake.tokenUrl }),
  });
}

async function main(): Promise<void> {
  const aptic = await connect();
  const mockOnly = (code: number) => (mock ? { Prefer: `code=${code}` } : undefined);

  step(2, "Authenticating (OAuth2 client credentials) and pinging the Debtors area");
  await unwrap(aptic.call(pingDebtors));
  ok(fake ? `ping answered; tokens issued so far: ${fake.tokensIssued}` : "ping answered");

  step(3, "Starting a webhook receiver and registering it");
  const secret = crypto.randomUUID();
  const handler = createWebhookHandler({ secret, onEvent: (event) => ok(`received ${event.name} for ${event.objectId} at ${event.raw.event.dt}`) });
  receiver = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => receiver?.listen(0, "127.0.0.1", resolve));
  const localUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/aptic/webhooks`;
  ok(`webhook receiver on ${localUrl}`);
  const hookUrl = process.env.APTIC_WEBHOOK_URL ?? localUrl;
  await registerWebhook(aptic, { url: hookUrl, events: ["debtorinsert", "debtorupdate", "debtordelete"], secret });
  ok(`registered ${hookUrl} for debtorinsert, debtorupdate, debtordelete; the gateway answered without the secret`);

  step(4, "Creating a debtor");
  const created = await unwrap(
    aptic.call(createDebtor, {
      body: { firstname: "Probe", lastname: "Person", juridicalType: 0, currencyCode: "EUR", email: "probe.person@example.org" },
      idempotencyKey: crypto.randomUUID(),
    }),
  );
  const debtorGuid = created.debtorGuid ?? "";
  ok(`created debtor ${debtorGuid} (${created.firstname} ${created.lastname}, ${created.currencyCode})`);

  step(5, "Reading it back");
  const debtor = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
  ok(`${debtor.firstname} ${debtor.lastname} in ${debtor.currencyCode}, registered ${debtor.regDate}`);

  step(6, "Listing with a filter");
  const f = filterFor<Debtor>();
  const $filter = String(f.and(f.eq("currencyCode", "EUR"), f.startswith("lastname", "Pers")));
  console.log(`   $filter = ${$filter}`);
  const ids: string[] = [];
  for await (const d of paginate(aptic, listDebtors, { params: { query: { $filter, $orderby: "lastname asc" } } }, { pageSize: 25, maxItems: 100 }))
    ids.push(d.debtorGuid ?? "");
  ok(
    ids.includes(debtorGuid)
      ? `the filter found the new debtor (${ids.length} match)`
      : `the filter returned ${ids.length} debtor(s); a stateless mock ignores filters`,
  );

  step(7, "Updating it (PUT replaces)");
  await unwrap(
    aptic.call(updateDebtor, {
      params: { path: { debtorGuid } },
      body: { firstname: "Probe", lastname: "Renamed", juridicalType: 0, currencyCode: "EUR" },
    }),
  );
  const updated = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
  ok(`now ${updated.firstname} ${updated.lastname}`);

  step(8, "Deleting it; reading it again is the documented 404");
  await unwrap(aptic.call(deleteDebtor, { params: { path: { debtorGuid } } }));
  try {
    await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } }, headers: mockOnly(404) }));
    ok("unexpectedly found");
  } catch (err) {
    if (!(err instanceof ApticApiError)) throw err;
    ok(`${err.name} ${err.status}: ${err.problem?.title} — ${err.problem?.detail}`);
  }

  step(9, "Webhook deliveries");
  if (fake) {
    for (const d of fake.deliveries) ok(`the fake delivered ${d.event} → ${d.status}`);
  } else {
    const delivered = await deliverWebhook(localUrl, { event: "debtorinsert", objectId: debtorGuid, secret });
    ok(`a simulated delivery (this gateway does not call back to your machine) answered ${delivered.status}`);
  }
  const forged = await deliverWebhook(localUrl, { event: "debtorinsert", secret: "not-the-secret" });
  ok(`a forged delivery was refused with ${forged.status}`);
  await unregisterWebhook(aptic, { url: hookUrl });
  ok("unregistered");

  console.log("\nDone.");
}

try {
  await main();
} catch (err) {
  console.error("\nDemo failed:", err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
