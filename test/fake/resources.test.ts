// The store behind the fake: resources found from the spec's collection/item paths, created,
// read back, replaced, deleted, scoped to their parents and cascaded — through the typed client.
import { beforeEach, describe, expect, it } from "vitest";
import { ApticNotFoundError, unwrap } from "../../src/index.js";
import { createFakeGateway, SOURCE_HEADER, type FakeGateway } from "../../src/testing/index.js";
import { operations } from "../../generated/operations.js";
import { pathOf } from "../support/operation-url.js";
import { fakeClient } from "./support/client.js";
import {
  createDebtor,
  createDebtorAddress,
  createDebtorExtraField,
  deleteDebtor,
  getDebtor,
  getDebtorAddress,
  getDebtorExtraField,
  getDebtorSummary,
  listDebtorAddresses,
  listDebtors,
  updateDebtor,
} from "../../src/operations/index.js";

let fake: FakeGateway;
beforeEach(async () => {
  fake = await createFakeGateway();
});

const debtorBody = { firstname: "Probe", lastname: "Person", juridicalType: 0 as const, currencyCode: "EUR", email: "probe@example.org" };

describe("resources derived from the spec", () => {
  it("recognises every item GET with a collection as a resource, nested ones under their parent", () => {
    expect([...fake.resources].sort()).toEqual([
      "customer",
      "customerAddress",
      "customerCreditInsurance",
      "customerDirectDebitMandate",
      "customerExtraField",
      "customerParameter",
      "customerQuestion",
      "debtor",
      "debtorAddress",
      "debtorCase",
      "debtorExtraField",
      "debtorPaymentPlan",
    ]);
  });

  it("stores what was created and answers it back, not an example (the Prism bug)", async () => {
    const aptic = fakeClient(fake);
    const created = await unwrap(aptic.POST(createDebtor.path, { body: debtorBody }));
    expect(created).toMatchObject(debtorBody);
    expect(created.debtorGuid).toMatch(/^[0-9a-f-]{36}$/);
    const { data, response } = await aptic.GET(getDebtor.path, { params: { path: { debtorGuid: created.debtorGuid ?? "" } } });
    expect(data).toEqual(created);
    expect(response.headers.get(SOURCE_HEADER)).toBe("store");
    expect(fake.store.get("debtor", created.debtorGuid ?? "")).toEqual(created);
  });

  it("sets server fields: a fresh GUID per item, registration time from the clock, a self link", async () => {
    const now = Date.UTC(2026, 4, 1, 12);
    fake = await createFakeGateway({ clock: { now: () => now } });
    const aptic = fakeClient(fake);
    const a = await unwrap(aptic.POST(createDebtor.path, { body: debtorBody }));
    const b = await unwrap(aptic.POST(createDebtor.path, { body: debtorBody }));
    expect(a.debtorGuid).not.toBe(b.debtorGuid);
    expect(a.regDate).toBe(new Date(now).toISOString());
    expect(a.links).toEqual([{ rel: "self", href: pathOf(getDebtor, { debtorGuid: a.debtorGuid ?? "" }), method: "GET" }]);
  });

  it("keeps only the fields the response schema has (the gateway does not echo DebtorCreate's address fields)", async () => {
    const created = await unwrap(fakeClient(fake).POST(createDebtor.path, { body: { ...debtorBody, street: "Storgatan", fullName: "Probe Person" } }));
    expect(created).not.toHaveProperty("street");
    expect(created).not.toHaveProperty("fullName");
  });

  it("PUT replaces the caller's fields and keeps server-owned ones (id, regDate, links)", async () => {
    const aptic = fakeClient(fake);
    const created = await unwrap(aptic.POST(createDebtor.path, { body: debtorBody }));
    const debtorGuid = created.debtorGuid ?? "";
    await unwrap(aptic.PUT(updateDebtor.path, { params: { path: { debtorGuid } }, body: { lastname: "Berg", juridicalType: 1 } }));
    const after = fake.store.get("debtor", debtorGuid);
    expect(after).toEqual({ debtorGuid, regDate: created.regDate, links: created.links, lastname: "Berg", juridicalType: 1 });
    expect(after).not.toHaveProperty("email");
  });

  it("DELETE removes; then GET, PUT and DELETE answer the documented 404 problem", async () => {
    const aptic = fakeClient(fake);
    const { debtorGuid = "" } = await unwrap(aptic.POST(createDebtor.path, { body: debtorBody }));
    const path = { params: { path: { debtorGuid } } };
    await unwrap(aptic.DELETE(deleteDebtor.path, path));
    await expect(unwrap(aptic.GET(getDebtor.path, path))).rejects.toBeInstanceOf(ApticNotFoundError);
    const put = await aptic.PUT(updateDebtor.path, { ...path, body: { lastname: "x" } });
    expect(put.response.status).toBe(404);
    expect(put.response.headers.get("content-type")).toBe("application/problem+json");
    const del = await aptic.DELETE(deleteDebtor.path, path);
    expect(del.error).toMatchObject({ status: 404, title: "Not Found", instance: pathOf(getDebtor, { debtorGuid }) });
    expect(fake.store.count("debtor")).toBe(0);
  });

  it("an unknown id of a brand-new fake is a 404, never a sample debtor", async () => {
    const res = await fakeClient(fake).GET(getDebtor.path, { params: { path: { debtorGuid: "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90" } } });
    expect(res.response.status).toBe(404);
    expect(res.data).toBeUndefined();
  });

  it("nested resources are scoped to their parent, need it to exist, and go when it goes", async () => {
    const aptic = fakeClient(fake);
    const [a = "", b = ""] = fake.seed("debtor", [{ lastname: "A" }, { lastname: "B" }]);
    const addr = await unwrap(aptic.POST(createDebtorAddress.path, { params: { path: { debtorGuid: a } }, body: { street: "Storgatan", city: "Stockholm" } }));
    expect(addr.addressGuid).toBeTypeOf("string");
    expect(addr.lastUpdatedAt).toBeTypeOf("string");
    const listA = await unwrap(aptic.GET(listDebtorAddresses.path, { params: { path: { debtorGuid: a } } }));
    const listB = await unwrap(aptic.GET(listDebtorAddresses.path, { params: { path: { debtorGuid: b } } }));
    expect(listA.value).toEqual([addr]);
    expect(listB).toEqual({ count: 0, skip: 0, total: 0, value: [] });
    // B's address path with A's address id: not found (scoped), not A's address.
    const cross = await aptic.GET(getDebtorAddress.path, {
      params: { path: { debtorGuid: b, addressGuid: addr.addressGuid ?? "" } },
    });
    expect(cross.response.status).toBe(404);
    const orphan = await aptic.POST(createDebtorAddress.path, {
      params: { path: { debtorGuid: "00000000-0000-4000-8000-000000000000" } },
      body: { street: "x" },
    });
    expect(orphan.error).toMatchObject({ status: 404, detail: expect.stringContaining("Debtor") });
    await unwrap(aptic.DELETE(deleteDebtor.path, { params: { path: { debtorGuid: a } } }));
    fake.seed("debtor", [{ debtorGuid: a, lastname: "A again" }]);
    expect(fake.store.list("debtorAddress", { debtorGuid: a })).toEqual([]);
  });

  it("ids the caller chooses (extra fields by name): used, and a second create is the documented 409", async () => {
    const aptic = fakeClient(fake);
    const [debtorGuid = ""] = fake.seed("debtor", [{ lastname: "A" }]);
    const params = { path: { debtorGuid } };
    const field = await unwrap(aptic.POST(createDebtorExtraField.path, { params, body: { name: "creditLimit", value: ["5000"] } }));
    expect(field).toEqual({ name: "creditLimit", value: ["5000"] });
    const again = await aptic.POST(createDebtorExtraField.path, { params, body: { name: "creditLimit", value: ["1"] } });
    expect(again.response.status).toBe(409);
    const unnamed = await aptic.POST(createDebtorExtraField.path, { params, body: { value: ["1"] } });
    expect(unnamed.error).toMatchObject({ status: 422, errors: { name: [expect.stringContaining("required")] } });
    const got = await unwrap(aptic.GET(getDebtorExtraField.path, { params: { path: { debtorGuid, name: "creditLimit" } } }));
    expect(got.value).toEqual(["5000"]);
  });

  it("a payment plan is created on the collection (createDebtorPaymentPlan, by operation) and keeps its id under paymentPlanGuid", async () => {
    const aptic = fakeClient(fake);
    const [debtorGuid = ""] = fake.seed("debtor", [{ lastname: "A" }]);
    const plan = await unwrap(
      aptic.call(operations.createDebtorPaymentPlan, { params: { path: { debtorGuid } }, body: { numberOfPayments: 6, paymentPlanType: 1 } }),
    );
    expect(plan.paymentPlanGuid).toBeTypeOf("string");
    expect(plan.registrationDate).toBeTypeOf("string");
    // Routed to the operation and served by the store, whatever method and path the spec gives it.
    expect(fake.requests.of("createDebtorPaymentPlan").map((r) => [r.method, r.path, r.source])).toEqual([
      [operations.createDebtorPaymentPlan.method, pathOf(operations.createDebtorPaymentPlan, { debtorGuid }), "store"],
    ]);
    expect(fake.store.get("debtorPaymentPlan", plan.paymentPlanGuid ?? "", { debtorGuid })).toEqual(plan);
  });

  it("operations it cannot serve statefully answer the documented example and say so", async () => {
    const aptic = fakeClient(fake);
    const [debtorGuid = ""] = fake.seed("debtor", [{ lastname: "A" }]);
    const { data, response } = await aptic.GET(getDebtorSummary.path, { params: { path: { debtorGuid } } });
    expect(response.headers.get(SOURCE_HEADER)).toBe("example");
    expect(data?.debtorGuid).toBe(debtorGuid);
  });

  it("seed validates items against the item schema and refuses duplicates and missing parents", () => {
    expect(() => fake.seed("debtor", [{ juridicalType: 7 as 0 }])).toThrow(/juridicalType: enum/);
    const [id = ""] = fake.seed("debtor", [{ lastname: "A" }]);
    expect(() => fake.seed("debtor", [{ debtorGuid: id }])).toThrow(/already stored/);
    expect(() => fake.seed("debtorAddress", [{}], { debtorGuid: "nope" })).toThrow(/no debtor/);
    expect(() => (fake.seed as unknown as (r: string, i: unknown[]) => string[])("debtorSummary", [])).toThrow(/Unknown resource "debtorSummary"/);
    expect(() => (fake.seed as unknown as (r: string, i: unknown[]) => string[])("debtorAddress", [{}])).toThrow(/parent ids \{ debtorGuid \}/);
  });

  it("store returns copies: changing them does not change the fake", () => {
    const [id = ""] = fake.seed("debtor", [{ lastname: "A" }]);
    const copy = fake.store.get("debtor", id);
    if (copy) copy.lastname = "changed";
    fake.store.list("debtor")[0]!.lastname = "changed";
    expect(fake.store.get("debtor", id)?.lastname).toBe("A");
  });

  it("reset() empties the store, the logs and registrations", async () => {
    const aptic = fakeClient(fake);
    await unwrap(aptic.POST(createDebtor.path, { body: debtorBody }));
    fake.reset();
    expect(fake.store.count("debtor")).toBe(0);
    expect(fake.requests).toHaveLength(0);
    // Tokens are revoked too: the client's cached token gets a 401 and it fetches a new one.
    await unwrap(aptic.GET(listDebtors.path, {}));
    expect(fake.requests.map((r) => r.status)).toEqual([401, 200, 200]);
  });
});
