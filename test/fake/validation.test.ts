// Faithful both ways: requests are validated against the spec before they reach the store
// (ASP.NET-shaped ValidationProblemDetails), and every response the fake produces is checked
// against its operation's responses — a mismatch is a loud 500 plus a violation verify() throws.
import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/index.js";
import { createFakeGateway, SOURCE_HEADER } from "../../src/testing/index.js";
import {
  createCustomer,
  createCustomerAddress,
  createCustomerCreditInsurance,
  createCustomerDirectDebitMandate,
  createCustomerParameter,
  createDebtor,
  createDebtorPaymentPlan,
  deleteDebtor,
  getCustomerLedgerSummary,
  getCustomerLoanAccruedInterest,
  getDebtor,
  invokeServiceGet,
  listCustomerAddresses,
  listCustomerCreditInsurances,
  listCustomerDirectDebitMandates,
  listCustomerParameters,
  listCustomerQuestions,
  listDebtors,
  listIdentities,
  pingDebtors,
} from "../../src/operations/index.js";
import { pathOf } from "../support/operation-url.js";
import { fakeClient } from "./support/client.js";

async function setup() {
  const fake = await createFakeGateway();
  const raw = (path: string, init: RequestInit = {}) =>
    fake.fetch(`${fake.baseUrl}${path}`, { ...init, headers: { [fake.apiKeyHeader]: fake.apiKey, ...init.headers } });
  return { fake, raw, aptic: fakeClient(fake, { authMode: "apiKey", retry: false }) };
}
const json = (body: unknown) => ({ method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

describe("request validation", () => {
  it.each([
    [`${listDebtors.path}?$top=101`, "$top", /maximum: 101 is greater than 100/],
    [`${listDebtors.path}?$top=0`, "$top", /minimum/],
    [`${listDebtors.path}?$top=ten`, "$top", /not a valid integer/],
    [`${listDebtors.path}?$skip=-1`, "$skip", /minimum/],
    [`${listDebtors.path}?$top=2147483648`, "$top", /maximum/],
    [`${listDebtors.path}?$fitler=lastname%20eq%20'x'`, "$fitler", /not supported by listDebtors/],
    [`${listDebtors.path}?$top=5&$top=6`, "$top", /more than once/],
    [pathOf(invokeServiceGet, { serviceDefinition: "creditCheck" }, "?async=maybe"), "async", /not a valid boolean/],
  ])("GET %s → 400 naming %s", async (path, field, message) => {
    const { raw } = await setup();
    const res = await raw(path);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Record<string, string[]>; title: string };
    expect(problem.title).toBe("One or more validation errors occurred.");
    expect(problem.errors[field]?.[0]).toMatch(message);
  });

  it("applies the spec's defaults ($top 25, $skip 0) and ignores undeclared non-$ parameters", async () => {
    const { fake, aptic } = await setup();
    fake.seed(
      "debtor",
      Array.from({ length: 30 }, (_, i) => ({ lastname: `D${i}` })),
    );
    const page = await unwrap(aptic.GET(listDebtors.path, { params: { query: { extra: "1" } as never } }));
    expect(page).toMatchObject({ count: 25, skip: 0, total: 30 });
  });

  it("body violations name the field and the rule: types are 400 (binding), rules 422 where documented", async () => {
    const { raw, fake } = await setup();
    const typed = await raw(createDebtor.path, json({ email: 42, juridicalType: 0 }));
    expect(typed.status).toBe(400);
    expect(await typed.json()).toMatchObject({ errors: { email: [expect.stringMatching(/^type: /)] } });
    const rules = await raw(createDebtor.path, json({ juridicalType: 5, dateOfBirth: "12/03/1985" }));
    expect(rules.status).toBe(422);
    expect(await rules.json()).toMatchObject({
      errors: { juridicalType: [expect.stringMatching(/^enum: /)], dateOfBirth: [expect.stringMatching(/^format: .*date-time/)] },
    });
    const [debtorGuid = ""] = fake.seed("debtor", [{}]);
    const nested = await raw(pathOf(createDebtorPaymentPlan, { debtorGuid }), {
      ...json({ payments: [{ amount: "lots" }] }),
      method: createDebtorPaymentPlan.method,
    });
    expect(await nested.json()).toMatchObject({ errors: { "payments[0].amount": [expect.stringMatching(/^type: /)] } });
    expect(fake.store.count("debtor")).toBe(1);
  });

  it("refuses a missing required body, invalid JSON and a non-JSON content type", async () => {
    const { raw } = await setup();
    expect((await raw(createDebtor.path, { method: createDebtor.method })).status).toBe(400);
    const broken = await raw(createDebtor.path, { method: createDebtor.method, body: "{", headers: { "content-type": "application/json" } });
    expect(await broken.json()).toMatchObject({ status: 400, errors: { $: [expect.stringMatching(/^json: /)] } });
    expect((await raw(createDebtor.path, { method: createDebtor.method, body: "lastname=x", headers: { "content-type": "text/plain" } })).status).toBe(415);
  });

  it("routing: unknown paths are 404 'no operation matches', wrong methods 405 with Allow", async () => {
    const { raw } = await setup();
    const none = await raw(`${listDebtors.path}z`);
    expect(none.status).toBe(404);
    expect(none.headers.get(SOURCE_HEADER)).toBe("routing");
    const wrong = await raw(pingDebtors.path, { method: "PATCH" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toContain("GET");
  });

  it("literal paths win over templates: /debtors/ping is the ping, not a debtor named ping", async () => {
    const { raw } = await setup();
    const res = await raw(pingDebtors.path);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });
});

describe("every response is checked against the spec", () => {
  it("an override answering a wrong shape is a 500 violation, and verify() throws", async () => {
    const { fake, aptic } = await setup();
    const [debtorGuid = ""] = fake.seed("debtor", [{}]);
    // Off-spec on purpose (the handler types refuse it): the response check must catch it at run time too.
    fake.on("getDebtor", () => ({ debtorGuid, regDate: "yesterday", juridicalType: "person" }) as never);
    const res = await aptic.GET(getDebtor.path, { params: { path: { debtorGuid } } });
    expect(res.response.status).toBe(500);
    expect(res.error).toMatchObject({
      errors: { regDate: [expect.stringMatching(/format/)], juridicalType: expect.arrayContaining([expect.stringMatching(/^enum: /)]) },
    });
    expect(fake.violations).toHaveLength(1);
    expect(() => fake.verify()).toThrow(/200 body of getDebtor does not match its response schema/);
  });

  it("an undocumented status from an override is a violation; from failNext it is allowed (any proxy may send it)", async () => {
    const { fake, aptic } = await setup();
    const [debtorGuid = ""] = fake.seed("debtor", [{}]);
    fake.on("getDebtor", (ctx) => ctx.reply(418));
    expect((await aptic.GET(getDebtor.path, { params: { path: { debtorGuid } } })).response.status).toBe(500);
    expect(fake.violations[0]?.message).toMatch(/does not document status 418/);
    fake.reset();
    fake.failNext({ status: 503 });
    expect((await aptic.GET(pingDebtors.path)).response.status).toBe(503);
    expect(fake.violations).toEqual([]);
  });

  it("a body for a no-content status is a violation", async () => {
    const { fake, aptic } = await setup();
    const [debtorGuid = ""] = fake.seed("debtor", [{}]);
    // A body on a 204 does not compile; forced here to prove the run-time check.
    fake.on("deleteDebtor", (ctx) => ctx.reply(204, { deleted: true } as never));
    expect((await aptic.DELETE(deleteDebtor.path, { params: { path: { debtorGuid } } })).response.status).toBe(500);
    expect(fake.violations[0]?.message).toMatch(/documents no body for status 204/);
  });

  it("every stateful and example answer of a full tour validates (no violations)", async () => {
    const { fake, aptic } = await setup();
    const c = await unwrap(aptic.POST(createCustomer.path, { body: { fullName: "Nordbank" } }));
    const customerGuid = c.customerGuid ?? "";
    const p = { params: { path: { customerGuid } } };
    await unwrap(aptic.POST(createCustomerAddress.path, { ...p, body: { city: "Göteborg" } }));
    await unwrap(aptic.POST(createCustomerParameter.path, { ...p, body: [{ name: "limit", value: "5" }] }));
    await unwrap(aptic.POST(createCustomerDirectDebitMandate.path, { ...p, body: { directDebitMandateType: 1, receivingBankAccountNo: "123" } }));
    await unwrap(aptic.POST(createCustomerCreditInsurance.path, { ...p, body: { amount: 10 } }));
    await unwrap(aptic.GET(getCustomerLedgerSummary.path, p));
    await unwrap(aptic.GET(getCustomerLoanAccruedInterest.path, p));
    await unwrap(aptic.GET(listIdentities.path, {}));
    for (const list of [
      listCustomerAddresses.path,
      listCustomerParameters.path,
      listCustomerDirectDebitMandates.path,
      listCustomerCreditInsurances.path,
      listCustomerQuestions.path,
    ] as const) {
      await unwrap(aptic.GET(list, p));
    }
    expect(fake.store.get("customerParameter", "limit", { customerGuid })).toMatchObject({ name: "limit", value: "5" });
    expect(fake.violations).toEqual([]);
  });
});
