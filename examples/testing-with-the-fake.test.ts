// Testing your integration with the fake gateway: in-process, stateful, no account, no network.
// Your code runs unchanged against `fake.fetch`; the test asserts what was sent and injects a
// 503 to see the retry. A vitest file as you would write it (`npm test` runs the README's copy of
// it with vitest, against the built package).
import { expect, test } from "vitest";
import { clientCredentials, createApticClient, unwrap, type ApticClient, type components } from "aptic-gateway-client";
import { filterFor } from "aptic-gateway-client/odata";
import { createFakeGateway, createTestClock } from "aptic-gateway-client/testing";
import { createCustomer, listCustomers } from "aptic-gateway-client/operations";

type Customer = components["schemas"]["Customer"];

// ── The integrator's own code (normally in src/): onboard a customer exactly once ──
export async function onboardCustomer(aptic: ApticClient, input: { name: string; orgNumber: string }): Promise<Customer> {
  const f = filterFor<Customer>();
  const found = await unwrap(aptic.call(listCustomers, { params: { query: { $filter: String(f.eq("idNumber", input.orgNumber)), $top: 1 } } }));
  const existing = found.value?.[0];
  if (existing) return existing;
  return unwrap(
    aptic.call(createCustomer, {
      body: { fullName: input.name, idNumber: input.orgNumber, juridicalType: 1, currencyCode: "SEK" },
      // Retried after a 503 only with both: the key, and our decision that the gateway dedupes it.
      idempotencyKey: `onboard-${input.orgNumber}`,
      retry: { unsafe: true },
    }),
  );
}

test("onboarding creates the customer once, and retries through a 503", async () => {
  const clock = createTestClock(); // Retry-After waits take no real time
  const fake = await createFakeGateway({ clock });
  const aptic = createApticClient({
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    timing: clock,
    auth: clientCredentials({ clientId: fake.clientId, clientSecret: fake.clientSecret, tokenUrl: fake.tokenUrl }),
  });

  fake.failNext({ operationId: "createCustomer", status: 503, retryAfter: 2 });
  const customer = await onboardCustomer(aptic, { name: "Nordbank Inkasso AB", orgNumber: "556677-8899" });

  // What the gateway stored, and what was sent to it:
  expect(fake.store.get("customer", customer.customerGuid ?? "")).toMatchObject({ fullName: "Nordbank Inkasso AB", idNumber: "556677-8899" });
  const creates = fake.requests.of("createCustomer");
  expect(creates.map((r) => r.status)).toEqual([503, 201]);
  expect(creates.map((r) => r.headers["idempotency-key"])).toEqual(["onboard-556677-8899", "onboard-556677-8899"]);
  expect(creates[1]?.body).toEqual({ fullName: "Nordbank Inkasso AB", idNumber: "556677-8899", juridicalType: 1, currencyCode: "SEK" });
  expect(clock.sleeps).toEqual([2000]);

  // A second run finds the customer with $filter instead of creating a duplicate.
  await onboardCustomer(aptic, { name: "Nordbank Inkasso AB", orgNumber: "556677-8899" });
  expect(fake.store.count("customer")).toBe(1);
  fake.verify(); // no response of the fake broke the spec
});
