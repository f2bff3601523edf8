// Contract test for EVERY operation of the merged spec, driven through the typed client: each one
// is called by its entry of the operation table (`aptic.call(op, init)`) with the spec's example
// path parameters, query parameters and body, against Prism (--errors). What is tested is our
// code — path and query serializers, JSON body encoding, the auth header, reading and parsing the
// response — against the spec: Prism answers a request that breaks the spec with a 422 and flags
// a response that breaks it (`sl-violations`), so each call must come back with the documented
// success status, no violation, and data exactly when the spec documents a body.
import { describe, expect, inject, it } from "vitest";
import { bearer, createApticClient, unwrap, type OperationRef } from "../../src/index.js";
import { operations as table } from "../../src/operations/index.js";
import { operations, type Json } from "../support/spec.js";

const { baseUrl } = inject("mock");
const ops = operations();
const TOKEN = "contract-test-token";

/** Every request the client hands to fetch (a copy, so its body can be read afterwards). */
const sent: Request[] = [];
const aptic = createApticClient({
  baseUrl,
  auth: bearer(TOKEN),
  retry: false,
  fetch: (request, init) => {
    sent.push(request.clone());
    return fetch(request, init);
  },
});

// The table-driven loop cannot carry one operation's init type per row: call it loosely here
// (the per-operation types of `call` are checked in test/types/client.types.ts).
type Result = { data?: unknown; error?: unknown; response: Response };
const call = aptic.call as unknown as (operation: OperationRef, init: Record<string, unknown>) => Promise<Result>;

const asQueryString = (query: Record<string, Json>) => Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]));

describe("the merged spec and the operation table", () => {
  it("documents all 78 operations with unique operationIds", () => {
    expect(ops).toHaveLength(78);
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(78);
    expect(new Set(ops.map((o) => `${o.method} ${o.path}`)).size).toBe(78);
  });

  it("has exactly one table entry per operation", () => {
    expect(Object.keys(table).sort()).toEqual(ops.map((o) => o.operationId).sort());
  });
});

describe.each(ops)("$operationId ($method $path)", (op) => {
  const entry = table[op.operationId as keyof typeof table];

  it(`aptic.call answers the spec's example request with ${op.successStatus}, typed`, async () => {
    expect(entry).toMatchObject({ id: op.operationId, method: op.method, path: op.path, success: op.successStatus });
    const init: Record<string, unknown> = { params: { path: op.pathParams, query: op.query } };
    if (op.body !== undefined) init["body"] = op.body;

    sent.length = 0;
    const result = await call(entry, init);
    const why = `${result.response.status} ${JSON.stringify(result.error)} ${result.response.headers.get("sl-violations") ?? ""}`;
    expect(result.response.headers.get("sl-violations"), why).toBeNull();
    expect(result.response.status, why).toBe(entry.success);
    const data = await unwrap(result);
    if (op.successHasContent) {
      expect(result.response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(data).toBeDefined();
      expect(data).not.toBeNull();
      expect(result.data).toBe(data);
    } else {
      expect(data).toBeUndefined();
    }

    // What went over the wire: one request, the documented method, path and query, our credentials
    // and the example body as JSON.
    expect(sent).toHaveLength(1);
    const [request] = sent as [Request];
    const url = new URL(request.url);
    expect(request.method).toBe(op.method);
    expect(url.pathname).toBe(op.url);
    expect(Object.fromEntries(url.searchParams)).toEqual(asQueryString(op.query));
    expect(request.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    const body = await request.text();
    if (op.body !== undefined) {
      expect(request.headers.get("content-type")).toMatch(/^application\/json/);
      expect(JSON.parse(body)).toEqual(op.body);
    } else {
      expect(body).toBe("");
    }
  });
});
