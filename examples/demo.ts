// The end-to-end demo behind `npm start`. With no APTIC_BASE_URL it starts the embedded mock
// gateway (Prism + local OAuth2 token endpoint); with APTIC_* set it talks to your gateway.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApticApiError, createApticClient, unwrap, type components } from "aptic-gateway-client";
import { createWebhookHandler, isEvent, registerWebhook, unregisterWebhook } from "aptic-gateway-client/webhooks";
import { filterFor } from "aptic-gateway-client/odata";
import { toNodeListener } from "aptic-gateway-client/node";
import { deliverWebhook, startMockServer, type MockServer } from "aptic-gateway-client/testing";

type Debtor = components["schemas"]["Debtor"];
const step = (n: number, text: string) => console.log(`\n${n}. ${text}`);
const ok = (text: string) => console.log(`   ✔ ${text}`);

let mock: MockServer | undefined;
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

async function main(): Promise<void> {
  const real = Boolean(process.env.APTIC_BASE_URL);
  step(1, real ? `Using the gateway at ${process.env.APTIC_BASE_URL}` : "Starting the embedded mock gateway");
  if (!real) {
    mock = await startMockServer();
    ok(`mock gateway on ${mock.baseUrl}, token endpoint ${mock.tokenUrl}`);
  }
  const aptic = mock
    ? createApticClient({ baseUrl: mock.baseUrl, auth: { clientId: mock.clientId, clientSecret: mock.clientSecret, tokenUrl: mock.tokenUrl } })
    : createApticClient(); // APTIC_BASE_URL, APTIC_CLIENT_ID, APTIC_CLIENT_SECRET, APTIC_TOKEN_URL
  const mockOnly = (code: number) => (mock ? { Prefer: `code=${code}` } : undefined);

  step(2, "Authenticating (OAuth2 client credentials) and pinging the Debtors area");
  await unwrap(aptic.GET("/debtors/ping"));
  ok(mock ? `ping answered; tokens issued so far: ${mock.tokensIssued}` : "ping answered");

  step(3, "Creating a debtor");
  const created = await unwrap(
    aptic.POST("/debtors", {
      body: { firstname: "Astrid", lastname: "Lindqvist", juridicalType: 0, street: "Storgatan", houseNo: "12", zipCode: "114 51", city: "Stockholm", countryCode: "SE", currencyCode: "SEK", email: "astrid.lindqvist@example.se" },
      idempotencyKey: crypto.randomUUID(),
    }),
  );
  ok(`created debtor ${created.debtorGuid} (${created.firstname} ${created.lastname})`);

  step(4, "Reading it back");
  const debtorGuid = created.debtorGuid ?? "";
  const debtor = await unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } }));
  ok(`${debtor.firstname} ${debtor.lastname}, reference ${debtor.debtorReference}, registered ${debtor.regDate}`);

  step(5, "Listing with a filter and paginating");
  const f = filterFor<Debtor>();
  const $filter = String(f.and(f.eq("currencyCode", "SEK"), f.startswith("lastname", "Lind")));
  console.log(`   $filter = ${$filter}`);
  let count = 0;
  for await (const d of aptic.paginate("/debtors", { params: { query: { $filter, $orderby: "lastname asc" } } }, { pageSize: 25, maxItems: 100 })) {
    count += 1;
    if (count <= 3) ok(`${d.lastname}, ${d.firstname} (${d.debtorGuid})`);
  }
  ok(`${count} debtor(s) in total`);

  step(6, "Triggering a documented error");
  try {
    await unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid: "00000000-0000-4000-8000-000000000404" } }, headers: mockOnly(404) }));
    ok("unexpectedly found");
  } catch (err) {
    if (!(err instanceof ApticApiError)) throw err;
    ok(`${err.name} ${err.status}: ${err.problem?.title} — ${err.problem?.detail}`);
    console.log(`   problem details: ${JSON.stringify(err.problem)}`);
  }

  step(7, "Receiving webhooks: a local receiver, a registration, and a simulated delivery");
  const secret = crypto.randomUUID();
  const handler = createWebhookHandler({
    secret,
    onEvent: (event) => {
      if (isEvent(event, "debtorinsert")) ok(`received ${event.name} for ${event.objectId} at ${event.raw.event.dt}`);
    },
  });
  receiver = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => receiver?.listen(0, "127.0.0.1", resolve));
  const hookUrl = process.env.APTIC_WEBHOOK_URL ?? `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/aptic/webhooks`;
  const registration = await registerWebhook(aptic, { url: hookUrl, events: ["debtorinsert", "debtorupdate"], secret });
  ok(`registered ${registration.url ?? hookUrl}; the gateway answered without the secret`);
  const localUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/aptic/webhooks`;
  const delivered = await deliverWebhook(localUrl, { event: "debtorinsert", objectId: debtorGuid, secret });
  ok(`simulated delivery answered ${delivered.status}`);
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
