// Invalid input, through the typed client against Prism (validating against the merged spec).
// What the client itself can tell is wrong (a path parameter that would change the path, a query
// value that is not a scalar, a header value with CR/LF, a body JSON cannot encode, bad per-call
// options) it refuses with ApticUsageError before anything is sent. What it cannot tell (bodies
// are typed at compile time, not validated at run time) is sent, and Prism's RFC 9457
// problem+json 422 comes back as ApticUnprocessableEntityError carrying the problem and Prism's
// `sl-violations`. A call without credentials gets the documented 401 as ApticUnauthorizedError.
import { describe, expect, inject, it } from "vitest";
import {
  ApticApiError,
  ApticUnauthorizedError,
  ApticUnprocessableEntityError,
  ApticUsageError,
  bearer,
  createApticClient,
  unwrap,
  type OperationRef,
} from "../../src/index.js";
import {
  createCustomerDirectDebitMandate,
  createDebtor,
  getDebtor,
  listDebtors,
  pingCustomers,
  pingDebtors,
  pingServices,
  registerWebhook,
} from "../../src/operations/index.js";
import { registerWebhook as registerWebhookHelper } from "../../src/webhooks/index.js";
import { operations } from "../support/spec.js";
import { pathOf } from "../support/operation-url.js";

const { baseUrl } = inject("mock");
const byId = new Map(operations().map((o) => [o.operationId, o]));
const example = (id: string) => {
  const op = byId.get(id);
  if (!op) throw new Error(`unknown operation ${id}`);
  return op;
};

/** A client whose fetch records what it is asked to send. */
function client(auth = true) {
  const sent: Request[] = [];
  const aptic = createApticClient({
    baseUrl,
    ...(auth ? { auth: bearer("contract-test-token") } : {}),
    retry: false,
    fetch: (request, init) => {
      sent.push(request.clone());
      return fetch(request, init);
    },
  });
  return { aptic, sent };
}

async function expectProblem(call: Promise<unknown>, ErrorClass: typeof ApticApiError, status: number): Promise<ApticApiError> {
  const err = await call.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ErrorClass);
  const apiError = err as ApticApiError;
  expect(apiError.status).toBe(status);
  expect(apiError.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(apiError.problem).toMatchObject({ status, title: expect.any(String) });
  return apiError;
}

describe("invalid but sendable input: Prism's 422 becomes ApticUnprocessableEntityError", () => {
  // Event names are open on the wire (the docs list "Event examples"): the helper refuses an
  // undocumented one unless the caller opts in, and an empty or non-string name is invalid.
  it("services: registering an empty or non-string webhook event name (the helper refuses it first)", async () => {
    const { aptic, sent } = client();
    const input = { events: ["", 42], url: "https://hooks.example.org/aptic" };
    await expect(registerWebhookHelper(aptic, input as never)).rejects.toThrow(ApticUsageError);
    await expect(registerWebhookHelper(aptic, { events: ["debtorexploded"], url: input.url } as never)).rejects.toThrow(/allowUnknownEvents/);
    expect(sent).toHaveLength(0);
    // @ts-expect-error — not event names
    const err = await expectProblem(unwrap(aptic.call(registerWebhook, { body: input })), ApticUnprocessableEntityError, 422);
    expect(err.headers["sl-violations"]).toBeDefined();
    expect(sent).toHaveLength(1);
  });

  it("debtors: an undocumented juridicalType", async () => {
    const { aptic, sent } = client();
    // @ts-expect-error — 7 is not a documented juridicalType
    const err = await expectProblem(unwrap(aptic.call(createDebtor, { body: { juridicalType: 7, firstname: "Astrid" } })), ApticUnprocessableEntityError, 422);
    expect(err.headers["sl-violations"]).toContain("juridicalType");
    expect(JSON.parse(await (sent[0] as Request).text())).toEqual({ juridicalType: 7, firstname: "Astrid" });
  });

  it("customers: a direct debit mandate without its required fields", async () => {
    const { aptic } = client();
    const path = example("createCustomerDirectDebitMandate").pathParams as { customerGuid: string };
    // @ts-expect-error — required fields missing
    const call = aptic.call(createCustomerDirectDebitMandate, { params: { path }, body: { referenceNo: "AG-1001" } });
    const err = await expectProblem(unwrap(call), ApticUnprocessableEntityError, 422);
    expect(err.headers["sl-violations"]).toBeDefined();
  });
});

describe("without credentials", () => {
  it.each([
    ["pingServices", pingServices],
    ["pingDebtors", pingDebtors],
    ["pingCustomers", pingCustomers],
  ] as const)("%s is a 401, as ApticUnauthorizedError", async (_, operation) => {
    const { aptic, sent } = client(false);
    await expectProblem(unwrap(aptic.call(operation)), ApticUnauthorizedError, 401);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.get("authorization")).toBeNull();
  });
});

describe("input the client refuses before sending anything (ApticUsageError)", () => {
  const guid = String(example("getDebtor").pathParams["debtorGuid"]);
  const body = example("createDebtor").body;
  const cases: Array<[string, OperationRef, Record<string, unknown>]> = [
    ['a path parameter ".."', getDebtor, { params: { path: { debtorGuid: ".." } } }],
    ["an empty path parameter", getDebtor, { params: { path: { debtorGuid: "" } } }],
    ["an object as path parameter", getDebtor, { params: { path: { debtorGuid: { toString: () => guid } } } }],
    ["an array as path parameter", getDebtor, { params: { path: { debtorGuid: [guid, "cases"] } } }],
    ["a lone surrogate in a path parameter", getDebtor, { params: { path: { debtorGuid: "\ud800" } } }],
    ["a missing path parameter", getDebtor, { params: { path: {} } }],
    ["no path parameters at all", getDebtor, {}],
    ["an object as $filter (could add &$top=…)", listDebtors, { params: { query: { $filter: { toString: () => "x&$top=1000" } } } }],
    ["NaN as $top", listDebtors, { params: { query: { $top: Number.NaN } } }],
    ["a CR/LF in idempotencyKey", createDebtor, { body, idempotencyKey: "k-1\r\nX-Evil: 1" }],
    ["a CR/LF in requestId", getDebtor, { params: { path: { debtorGuid: guid } }, requestId: "r-1\nX-Evil: 1" }],
    ["a CR/LF in a header value", getDebtor, { params: { path: { debtorGuid: guid } }, headers: { "X-Tenant": "nordbank\r\nX-Evil: 1" } }],
    ["a body JSON cannot encode (BigInt)", createDebtor, { body: { ...(body as object), amount: 10n } }],
    ["a negative timeoutMs", getDebtor, { params: { path: { debtorGuid: guid } }, timeoutMs: -1 }],
    ["retry.retries NaN", getDebtor, { params: { path: { debtorGuid: guid } }, retry: { retries: Number.NaN } }],
    ["an unknown parseAs", getDebtor, { params: { path: { debtorGuid: guid } }, parseAs: "xml" }],
  ];

  it.each(cases)("%s", async (_, operation, init) => {
    const { aptic, sent } = client();
    const call = aptic.call as unknown as (op: OperationRef, init: Record<string, unknown>) => Promise<unknown>;
    await expect(call(operation, init)).rejects.toBeInstanceOf(ApticUsageError);
    expect(sent).toHaveLength(0);
  });

  it("the same calls with valid input do reach the gateway", async () => {
    const { aptic, sent } = client();
    await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid: guid } }, requestId: "r-1", headers: { "X-Tenant": "nordbank" }, timeoutMs: 10_000 }));
    await unwrap(aptic.call(listDebtors, { params: { query: { $filter: "lastname eq 'O''Brien'", $top: 5 } } }));
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual([pathOf(getDebtor, { debtorGuid: guid }), listDebtors.path]);
    expect(sent[0]?.headers.get("x-request-id")).toBe("r-1");
    expect(new URL((sent[1] as Request).url).searchParams.get("$filter")).toBe("lastname eq 'O''Brien'");
  });
});
