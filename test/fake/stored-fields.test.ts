// Fields only the create body declares (a debtor's address fields, vatNumber): kept in the store
// from a POST or a seed, validated, never returned by a GET; and resource names checked by name.
import { beforeEach, describe, expect, it } from "vitest";
import { unwrap } from "../../src/index.js";
import { ApticUsageError } from "../../src/errors/aptic-error.js";
import { createFakeGateway, type FakeGateway } from "../../src/testing/index.js";
import { createDebtor, deleteDebtor, getDebtor, listDebtors, updateDebtor } from "../../src/operations/index.js";
import { fakeClient } from "./support/client.js";

let fake: FakeGateway;
beforeEach(async () => {
  fake = await createFakeGateway();
});

const address = { street: "Storgatan", houseNo: "1", zipCode: "111 22", city: "Stockholm", countryCode: "SE" };

describe("create-only fields", () => {
  it("keeps a POSTed countryCode (and the other address fields) in the store, and the GET answers the documented Debtor", async () => {
    const aptic = fakeClient(fake);
    const created = await unwrap(aptic.POST(createDebtor.path, { body: { lastname: "Lindqvist", juridicalType: 0, vatNumber: "SE556000000101", ...address } }));
    const debtorGuid = created.debtorGuid ?? "";
    expect(fake.store.get("debtor", debtorGuid)).toMatchObject({ lastname: "Lindqvist", vatNumber: "SE556000000101", ...address });
    const read = await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid } } }));
    expect(read.lastname).toBe("Lindqvist");
    expect(read).not.toHaveProperty("countryCode");
    expect(created).not.toHaveProperty("countryCode");
    expect(fake.violations).toEqual([]);
  });

  it("seeds them too, lists them from the store, and keeps them out of list responses", async () => {
    const [debtorGuid = ""] = fake.seed("debtor", [{ lastname: "Berg", countryCode: "NO" }]);
    expect(fake.store.list("debtor")).toEqual([expect.objectContaining({ debtorGuid, lastname: "Berg", countryCode: "NO" })]);
    const page = await unwrap(fakeClient(fake).GET(listDebtors.path, { params: { query: {} } }));
    expect(page.value?.[0]).toMatchObject({ debtorGuid, lastname: "Berg" });
    expect(page.value?.[0]).not.toHaveProperty("countryCode");
    expect(fake.violations).toEqual([]);
  });

  it("validates them against the create body's schema", () => {
    expect(() => fake.seed("debtor", [{ lastname: "Berg", countryCode: 46 as never }])).toThrow(ApticUsageError);
    expect(() => fake.seed("debtor", [{ lastname: "Berg", countryCode: 46 as never }])).toThrow(/item 0 does not match Debtor: .*countryCode/);
    expect(fake.store.count("debtor")).toBe(0);
  });

  it("keeps them across a PUT, which may change the ones the update body declares", async () => {
    const aptic = fakeClient(fake);
    const [debtorGuid = ""] = fake.seed("debtor", [{ lastname: "Berg", countryCode: "NO", vatNumber: "NO1" }]);
    await unwrap(aptic.PUT(updateDebtor.path, { params: { path: { debtorGuid } }, body: { lastname: "Berg-Ek", vatNumber: "NO2" } }));
    expect(fake.store.get("debtor", debtorGuid)).toMatchObject({ lastname: "Berg-Ek", countryCode: "NO", vatNumber: "NO2" });
  });

  it("hands out copies: changing what the store returned changes nothing stored", () => {
    const [debtorGuid = ""] = fake.seed("debtor", [{ lastname: "Berg", countryCode: "NO" }]);
    const copy = fake.store.get("debtor", debtorGuid);
    if (copy) copy.countryCode = "SE";
    expect(fake.store.get("debtor", debtorGuid)?.countryCode).toBe("NO");
  });

  it("forgets them on reset and on delete", async () => {
    const [debtorGuid = ""] = fake.seed("debtor", [{ lastname: "Berg", countryCode: "NO" }]);
    await unwrap(fakeClient(fake).DELETE(deleteDebtor.path, { params: { path: { debtorGuid } } }));
    expect(fake.store.get("debtor", debtorGuid)).toBeUndefined();
    fake.seed("debtor", [{ debtorGuid, lastname: "Berg" }]);
    expect(fake.store.get("debtor", debtorGuid)).not.toHaveProperty("countryCode");
    fake.reset();
    expect(fake.store.count("debtor")).toBe(0);
  });

  it("stores array-bodied creates (customer parameters) as before", async () => {
    const [customerGuid = ""] = fake.seed("customer", [{ customerReference: "ACME-1" }]);
    expect(fake.seed("customerParameter", [{}], { customerGuid })).toHaveLength(1);
  });
});

describe("resource names at run time", () => {
  const seed = (name: string) => () => (fake.seed as unknown as (r: string, i: unknown[]) => string[])(name, []);
  const all =
    "customer, customerAddress, customerCreditInsurance, customerDirectDebitMandate, customerExtraField, customerParameter, customerQuestion, debtor, debtorAddress, debtorCase, debtorExtraField, debtorPaymentPlan";

  it.each([
    ["debtors", "debtor"],
    ["debtorAddresses", "debtorAddress"],
    ["debtorCases", "debtorCase"],
    ["customerParameters", "customerParameter"],
  ])("refuses the plural %s, suggesting %s and listing every resource", (name, hint) => {
    expect(seed(name)).toThrow(ApticUsageError);
    const sorted = [...fake.resources].sort().join(", ");
    expect(sorted).toBe(all);
    expect(seed(name)).toThrow(`Unknown resource "${name}" (did you mean "${hint}"?); the fake's resources are: `);
    for (const resource of fake.resources) expect(seed(name)).toThrow(new RegExp(`[:,] ${resource}(,|$)`));
  });

  it("lists them without a guess when nothing is close, for reads as well", () => {
    expect(seed("invoice")).toThrow(/^Unknown resource "invoice"; the fake's resources are: /);
    expect(() => (fake.store.list as unknown as (r: string) => unknown)("debtors")).toThrow(/did you mean "debtor"/);
  });
});
