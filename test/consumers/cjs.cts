// Strict CommonJS consumer of the packed package (scripts/smoke-consumer.mjs): type-checked with every
// supported TypeScript (skipLibCheck false) and run against the mock gateway. Every entry point is
// imported, so every entry's declarations are loaded and checked.
import { ApticApiError, ApticNotFoundError, clientCredentials, createApticClient, unwrap, type ApticClient, type components } from "aptic-gateway-client";
import { toNodeListener } from "aptic-gateway-client/node";
import { filterFor, orderBy } from "aptic-gateway-client/odata";
import { invokeService } from "aptic-gateway-client/services";
import { startMockServer, type MockServer } from "aptic-gateway-client/testing";
import { createWebhookHandler, isEvent } from "aptic-gateway-client/webhooks";
import { getDebtor, pingDebtors } from "aptic-gateway-client/operations";

type Debtor = components["schemas"]["Debtor"];
const GUID = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";

/** Compile-time checks only (never called): the declarations are typed from the spec, not `any`. */
export function typeChecks(aptic: ApticClient, mock: MockServer): void {
  // @ts-expect-error: not a path of the gateway
  void aptic.GET("/debtors/no-such-path");
  // @ts-expect-error: debtorGuid is a required path parameter
  void aptic.call(getDebtor, { params: { path: {} } });
  // @ts-expect-error: baseUrl must be a string
  createApticClient({ baseUrl: 42 });
  // @ts-expect-error: not a field of Debtor
  filterFor<Debtor>().eq("noSuchField", 1);
  const $filter: string = String(filterFor<Debtor>().eq("lastname", "O'Brien"));
  const $orderby: string = orderBy<Debtor>("lastname asc");
  const handler = createWebhookHandler({ secret: "s", onEvent: (event) => void (isEvent(event, "payment") && event.objectId) });
  const listener = toNodeListener(handler);
  const check: Promise<{ score?: number }> = invokeService<{ score?: number }>(aptic, "CreditCheck", { body: {} });
  const url: string = mock.baseUrl;
  void [$filter, $orderby, listener, check, url];
}

async function main(): Promise<void> {
  const mock = await startMockServer();
  try {
    const aptic: ApticClient = createApticClient({
      baseUrl: mock.baseUrl,
      auth: clientCredentials({ clientId: mock.clientId, clientSecret: mock.clientSecret, tokenUrl: mock.tokenUrl }),
    });
    const ping = await unwrap(aptic.call(pingDebtors));
    if (typeof ping !== "object" || ping === null) throw new Error(`ping: expected an object, got ${JSON.stringify(ping)}`);

    let caught: unknown;
    try {
      const debtor = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid: GUID } }, headers: { Prefer: "code=404" } }));
      const lastname: string | null | undefined = debtor.lastname; // typed data, not any
      throw new Error(`expected a 404, got debtor ${String(lastname)}`);
    } catch (err) {
      caught = err;
    }
    if (!(caught instanceof ApticNotFoundError) || !(caught instanceof ApticApiError) || caught.status !== 404) throw caught;
    console.log(`CJS consumer: ping ok, 404 -> ${caught.name} (${caught.method} ${caught.status}), tokens issued: ${mock.tokensIssued}`);
  } finally {
    await mock.close();
  }
}

// An unhandled rejection exits with code 1.
void main();
