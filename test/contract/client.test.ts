// The client against Prism (the merged spec, --errors): typed calls on real operations, OAuth2 via
// the testing kit's token endpoint, documented error responses mapped to the right classes.
import { describe, expect, inject, it } from "vitest";
import {
  ApticBadRequestError,
  ApticConflictError,
  ApticForbiddenError,
  ApticNotFoundError,
  ApticRateLimitError,
  ApticServerError,
  ApticUnauthorizedError,
  ApticUnprocessableEntityError,
  clientCredentials,
  createApticClient,
  paginate,
  unwrap,
  type components,
} from "../../src/index.js";
import {
  calculateDebtorPaymentPlan,
  createDebtor,
  createDebtorPaymentPlan,
  deleteDebtor,
  getDebtor,
  listCustomerAddresses,
  listDebtors,
} from "../../src/operations/index.js";
import { filterFor } from "../../src/odata/index.js";
import {
  invokeCallback,
  invokeCustomerAreaService,
  invokeCustomerService,
  invokeDebtorAreaService,
  invokeDebtorService,
  invokeService,
} from "../../src/services/index.js";

const mock = inject("mock");
const aptic = createApticClient({
  baseUrl: mock.baseUrl,
  auth: clientCredentials({ clientId: mock.clientId, clientSecret: mock.clientSecret, tokenUrl: mock.tokenUrl }),
  retry: false,
});
const debtorGuid = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";

describe("typed calls against the mock gateway", () => {
  it("creates, reads, lists and deletes a debtor", async () => {
    const created = await unwrap(
      aptic.POST(createDebtor.path, {
        body: { firstname: "Astrid", lastname: "Lindqvist", juridicalType: 0, countryCode: "SE", currencyCode: "SEK" },
        idempotencyKey: "create-astrid-1",
      }),
    );
    expect(created.debtorGuid).toMatch(/^[0-9a-f-]{36}$/);
    const debtor: components["schemas"]["Debtor"] = await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid } } }));
    expect(typeof debtor.lastname).toBe("string");
    const byOperation: components["schemas"]["Debtor"] = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
    expect(byOperation).toEqual(debtor);
    const f = filterFor<components["schemas"]["Debtor"]>();
    const page = await unwrap(aptic.GET(listDebtors.path, { params: { query: { $filter: String(f.eq("lastname", "O'Brien")), $top: 10 } } }));
    expect(Array.isArray(page.value)).toBe(true);
    expect(await unwrap(aptic.DELETE(deleteDebtor.path, { params: { path: { debtorGuid } } }))).toBeUndefined();
  });

  it("stores a payment plan and calculates one (by operation: their paths and methods are inferences)", async () => {
    const body = { paymentPlanType: 1 as const, numberOfPayments: 12, currencyCode: "SEK" };
    const plan = await unwrap(aptic.call(createDebtorPaymentPlan, { params: { path: { debtorGuid } }, body }));
    expect(plan.paymentPlanType).toBeGreaterThanOrEqual(1);
    const calc = await unwrap(aptic.call(calculateDebtorPaymentPlan, { params: { path: { debtorGuid } }, body }));
    expect(calc).toHaveProperty("paymentPlanGuid");
  });

  it("paginates a documented list through Prism", async () => {
    const items = [];
    for await (const address of paginate(aptic, listCustomerAddresses, { params: { path: { customerGuid: debtorGuid } } })) items.push(address);
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]).toHaveProperty("addressGuid");
  });

  it("invokes every custom service variant and callbacks", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
      await expect(
        invokeService(aptic, "CreditCheck", { method, ...(method === "GET" ? {} : { body: { idNumber: "19850312-4521" } }), async: true }),
      ).resolves.toBeDefined();
    }
    await expect(invokeDebtorService(aptic, debtorGuid, "SendPaymentReminder", { body: { channel: "EMAIL" } })).resolves.toBeDefined();
    await expect(invokeDebtorAreaService(aptic, "RecalculateInterest", { async: true })).resolves.toBeDefined();
    await expect(invokeCustomerService(aptic, debtorGuid, "UpdateCreditLimit", { body: { limit: 50000 } })).resolves.toBeDefined();
    await expect(invokeCustomerAreaService(aptic, "NightlyLedgerExport")).resolves.toBeDefined();
    await expect(invokeCallback(aptic, "PaymentReceived", { body: { reference: "7350012345" } })).resolves.toBeDefined();
  });
});

describe("documented error responses become typed errors (Prefer: code=…)", () => {
  const cases = [
    [400, ApticBadRequestError],
    [401, ApticUnauthorizedError],
    [403, ApticForbiddenError],
    [404, ApticNotFoundError],
    [429, ApticRateLimitError],
    [500, ApticServerError],
  ] as const;

  it.each(cases)("GET /debtors … %i", async (code, ErrorClass) => {
    const call = aptic.GET(listDebtors.path, { params: { query: { $top: 5 } }, headers: { Prefer: `code=${code}` } });
    const err = await unwrap(call).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ErrorClass);
    expect(err).toMatchObject({ status: code, method: "GET", problem: { status: code, title: expect.any(String) } });
  });

  it.each([
    [409, ApticConflictError],
    [422, ApticUnprocessableEntityError],
  ] as const)("POST /debtors … %i", async (code, ErrorClass) => {
    const err = await unwrap(aptic.POST(createDebtor.path, { body: { firstname: "Ola" }, headers: { Prefer: `code=${code}` } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ErrorClass);
  });

  it("a spec violation by the client is a 422 with Prism's problem details", async () => {
    // @ts-expect-error — deliberately invalid enum value, to see the server-side validation error
    const err = await unwrap(aptic.POST(createDebtor.path, { body: { juridicalType: 9 } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticUnprocessableEntityError);
    expect((err as ApticUnprocessableEntityError).headers["sl-violations"]).toBeDefined();
  });
});
