// Faithful both ways: requests are validated against the spec before they reach the store
// (ASP.NET-shaped ValidationProblemDetails), and every response the fake produces is checked
// against its operation's responses — a mismatch is a loud 500 plus a violation verify() throws.
import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/index.js";
import { createFakeGateway, SOURCE_HEADER } from "../../src/testing/index.js";
import { createDebtorPaymentPlan, invokeServiceGet } from "../../src/operations/index.js";
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
    ["/debtors?$top=101", "$top", /maximum: 101 is greater than 100/],
    ["/debtors?$top=0", "$top", /minimum/],
    ["/debtors?$top=ten", "$top", /not a valid integer/],
    ["/debtors?$skip=-1", "$skip", /minimum/],
    ["/debtors?$top=2147483648", "$top", /maximum/],
    ["/debtors?$fitler=lastname%20eq%20'x'", "$fitler", /not supported by listDebtors/],
    ["/debtors?$top=5&$top=6", "$top", /more than once/],
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
    const page = await unwrap(aptic.GET("/debtors", { params: { query: { extra: "1" } as never } }));
    expect(page).toMatchObject({ count: 25, skip: 0, total: 30 });
  });

  it("body violations name the field and the rule: types are 400 (binding), rules 422 where documented", async () => {
    const { raw, fake } = await setup();
    const typed = await raw("/debtors", json({ email: 42, juridicalType: 0 }));
    expect(typed.status).toBe(400);
    expect(await typed.json()).toMatchObject({ errors: { email: [expect.stringMatching(/^type: /)] } });
    const rules = await raw("/debtors", json({ juridicalType: 5, dateOfBirth: "12/03/1985" }));
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
    expect((await raw("/debtors", { method: "POST" })).status).toBe(400);
    const broken = await raw("/debtors", { method: "POST", body: "{", headers: { "content-type": "application/json" } });
    expect(await broken.json()).toMatchObject({ status: 400, errors: { $: [expect.stringMatching(/^json: /)] } });
    expect((await raw("/debtors", { method: "POST", body: "lastname=x", headers: { "content-type": "text/plain" } })).status).toBe(415);
  });

  it("routing: unknown paths are 404 'no operation matches', wrong methods 405 with Allow", async () => {
    const { raw } = await setup();
    const none = await raw("/debtorz");
    expect(none.status).toBe(404);
    expect(none.headers.get(SOURCE_HEADER)).toBe("routing");
    const wrong = await raw("/debtors/ping", { method: "PATCH" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toContain("GET");
  });

  it("literal paths win over templates: /debtors/ping is the ping, not a debtor named ping", async () => {
    const { raw } = await setup();
    const res = await raw("/debtors/ping");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });
});

describe("every response is checked against the spec", () => {
  it("an override answering a wrong shape is a 500 violation, and verify() throws", async () => {
    const { fake, aptic } = await setup();
    const [debtorGuid = ""] = fake.seed("debtor", [{}]);
    fake.on("getDebtor", () => ({ debtorGuid, regDate: "yesterday", juridicalType: "person" }));
    const res = await aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } });
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
    expect((await aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } })).response.status).toBe(500);
    expect(fake.violations[0]?.message).toMatch(/does not document status 418/);
    fake.reset();
    fake.failNext({ status: 503 });
    expect((await aptic.GET("/debtors/ping")).response.status).toBe(503);
    expect(fake.violations).toEqual([]);
  });

  it("a body for a no-content status is a violation", async () => {
    const { fake, aptic } = await setup();
    const [debtorGuid = ""] = fake.seed("debtor", [{}]);
    fake.on("deleteDebtor", (ctx) => ctx.reply(204, { deleted: true }));
    expect((await aptic.DELETE("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } })).response.status).toBe(500);
    expect(fake.violations[0]?.message).toMatch(/documents no body for status 204/);
  });

  it("every stateful and example answer of a full tour validates (no violations)", async () => {
    const { fake, aptic } = await setup();
    const c = await unwrap(aptic.POST("/customers", { body: { fullName: "Nordbank" } }));
    const customerGuid = c.customerGuid ?? "";
    const p = { params: { path: { customerGuid } } };
    await unwrap(aptic.POST("/customers/{customerGuid}/addresses", { ...p, body: { city: "Göteborg" } }));
    await unwrap(aptic.POST("/customers/{customerGuid}/parameters", { ...p, body: [{ name: "limit", value: "5" }] }));
    await unwrap(aptic.POST("/customers/{customerGuid}/direct-debit-mandates", { ...p, body: { directDebitMandateType: 1, receivingBankAccountNo: "123" } }));
    await unwrap(aptic.POST("/customers/{customerGuid}/credit-insurances", { ...p, body: { amount: 10 } }));
    await unwrap(aptic.GET("/customers/{customerGuid}/ledger-summary", p));
    await unwrap(aptic.GET("/customers/{customerGuid}/loan-accrued-interest", p));
    await unwrap(aptic.GET("/identities", {}));
    for (const list of [
      "/customers/{customerGuid}/addresses",
      "/customers/{customerGuid}/parameters",
      "/customers/{customerGuid}/direct-debit-mandates",
      "/customers/{customerGuid}/credit-insurances",
      "/customers/{customerGuid}/questions",
    ] as const) {
      await unwrap(aptic.GET(list, p));
    }
    expect(fake.store.get("customerParameter", "limit", { customerGuid })).toMatchObject({ name: "limit", value: "5" });
    expect(fake.violations).toEqual([]);
  });
});
