// One invalid request per area: Prism (validating against the merged spec) must answer with an
// RFC 9457 problem+json 4xx, proving the spec's constraints (enums, required fields) are real.
import { describe, expect, inject, it } from "vitest";
import { operations } from "../support/spec.js";

const { baseUrl } = inject("mock");
const byId = new Map(operations().map((o) => [o.operationId, o]));

function url(operationId: string): string {
  const op = byId.get(operationId);
  if (!op) throw new Error(`unknown operation ${operationId}`);
  return baseUrl + op.url;
}

async function expectProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const problem = (await res.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({ status, title: expect.any(String) });
  return problem;
}

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { authorization: "Bearer t", "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("invalid requests get problem details", () => {
  // Event names are open on the wire (the docs list "Event examples"), but a name is still a
  // non-empty string.
  it("services: registering an empty or non-string webhook event name is rejected", async () => {
    const res = await fetch(url("registerWebhook"), post({ events: ["", 42], url: "https://hooks.example.org/aptic" }));
    await expectProblem(res, 422);
  });

  it("debtors: an undocumented juridicalType is rejected", async () => {
    const res = await fetch(url("createDebtor"), post({ juridicalType: 7, firstname: "Astrid" }));
    await expectProblem(res, 422);
  });

  it("customers: a direct debit mandate without its required fields is rejected", async () => {
    const res = await fetch(url("createCustomerDirectDebitMandate"), post({ referenceNo: "AG-1001" }));
    await expectProblem(res, 422);
  });

  it.each(["pingServices", "pingDebtors", "pingCustomers"])("%s without credentials is 401", async (id) => {
    const res = await fetch(url(id));
    await expectProblem(res, 401);
  });
});
