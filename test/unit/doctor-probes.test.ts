// What the doctor sends, request by request (with a fixed random source, so every id and control
// path is known), how it reads what comes back (a base path, failing controls and variants, bodies
// that are not checked), and what planProbe makes of operations our spec does not have.
import { describe, expect, it } from "vitest";
import { spec } from "../../generated/spec.js";
import { planProbe, randomValue } from "../../src/doctor/plan.js";
import { runDoctor, type DoctorOptions } from "../../src/doctor/index.js";
import { apiKey, clientCredentials } from "../../src/index.js";
import { loadSchemaChecker } from "../../src/schema/checker.js";
import { buildSpecModel, type OperationModel } from "../../src/schema/spec-model.js";
import { createFakeGateway, type FakeGateway } from "../../src/testing/index.js";
import {
  activateDebtorPaymentPlan,
  createCustomerDirectDebitMandate,
  createDebtor,
  deleteDebtor,
  getDebtor,
  listDebtors,
  pingDebtors,
  pingWebhooks,
} from "../../src/operations/index.js";

const half = () => 0.5;
const UUID = "88888888-8888-4888-a888-888888888888";
const CONTROL = "/aptic-doctor-80000000/80000000";
const key = (fake: FakeGateway) => apiKey(fake.apiKey, { header: fake.apiKeyHeader });
const withId = (path: string) => path.replace(/\{[^}]+\}/g, UUID);
/** The ASP.NET spelling the doctor also tries (literal segments in PascalCase). */
const pascal = (path: string) =>
  path
    .split("/")
    .map((s) => (s.startsWith("{") ? s : s.replace(/(^|[-_])([a-z])/g, (_, _sep: string, c: string) => c.toUpperCase())))
    .join("/");
/** The variants of a refuted path, in the order tried up to `last`: each prefix ("" first), as is and in PascalCase. */
const variants = (path: string, prefixes: string[], last: string) => {
  const all = [...new Set(["", ...prefixes].flatMap((pre) => [pre + path, pre + pascal(path)]))].filter((v) => v !== path);
  return all.slice(0, all.indexOf(last) + 1);
};

/** runDoctor on the fake through a fetch that records `METHOD path` and may answer instead. */
async function doctor(fake: FakeGateway, options: Partial<DoctorOptions>, answer?: (request: Request) => Response | undefined) {
  const sent: string[] = [];
  const bodies: unknown[] = [];
  const fetch = async (input: Request, init?: RequestInit) => {
    sent.push(`${input.method} ${new URL(input.url).pathname}`);
    const text = input.body ? await input.clone().text() : undefined;
    bodies.push(text?.startsWith("{") || text?.startsWith("[") ? JSON.parse(text) : text);
    return answer?.(input) ?? fake.fetch(input, init);
  };
  const report = await runDoctor({ baseUrl: fake.baseUrl, fetch, auth: key(fake), random: half, ...options });
  return { report, sent, bodies };
}

describe("what the doctor sends", () => {
  it("one probe per operation, one control per method, variants only of refuted routes; below the base path", async () => {
    const fake = await createFakeGateway({ baseUrl: "https://gw.example.test/base", routes: { pingWebhooks: { path: `/gw${pingWebhooks.path}` } } });
    const given = { listIdentities: { method: "GET" as const, path: "/elsewhere/identities" } };
    const { report, sent, bodies } = await doctor(fake, {
      baseUrl: "https://gw.example.test/base/",
      only: [createDebtor.id, deleteDebtor.id, getDebtor.id, pingDebtors.id, pingWebhooks.id],
      writeProbes: true,
      tryPrefixes: ["/gw//"],
      routes: given,
    });
    expect(sent).toEqual([
      `POST /base${createDebtor.path}`,
      `POST /base${CONTROL}`,
      `DELETE /base${withId(deleteDebtor.path)}`,
      `DELETE /base${CONTROL}`,
      `GET /base${withId(getDebtor.path)}`,
      `GET /base${CONTROL}`,
      `GET /base${pingDebtors.path}`,
      `GET /base${pingWebhooks.path}`,
      ...variants(pingWebhooks.path, ["/gw"], `/gw${pingWebhooks.path}`).map((v) => `GET /base${v}`),
    ]);
    // The write probes: a body the spec rejects (createDebtor requires no field, so [], the wrong type), and none for a DELETE.
    expect(bodies.slice(0, 3)).toEqual([[], undefined, undefined]);
    expect(report.operations.map((r) => [r.operationId, r.verdict, r.reason])).toEqual([
      ["createDebtor", "confirmed", "answered 400"],
      ["deleteDebtor", "confirmed", "404 names the missing item"],
      ["getDebtor", "confirmed", "404 names the missing item"],
      ["pingDebtors", "confirmed", "answered 200"],
      // The fake echoes the path below the base (as ASP.NET's Request.Path does): still route-level.
      ["pingWebhooks", "refuted", "404 like an unknown path (route-level)"],
    ]);
    expect(report.baseUrl).toBe("https://gw.example.test/base");
    expect(report.routes).toEqual({ ...given, pingWebhooks: { method: "GET", path: `/gw${pingWebhooks.path}` } });
    expect(fake.store.count("debtor")).toBe(0);
  });

  it("tries /api and /api/v1 by default; a variant that gets no answer, or a control that gets none, is passed over", async () => {
    const fake = await createFakeGateway({ routes: { pingWebhooks: { path: `/api/v1${pingWebhooks.path}` } } });
    const failing = (request: Request) => {
      const path = new URL(request.url).pathname;
      if (path.startsWith("/aptic-doctor-") || path === `/api${pingWebhooks.path}`) throw new TypeError("fetch failed");
      return undefined;
    };
    const { report, sent } = await doctor(fake, { only: [pingWebhooks.id] }, failing);
    const tried = variants(pingWebhooks.path, ["/api", "/api/v1"], `/api/v1${pingWebhooks.path}`);
    expect(sent).toEqual([pingWebhooks.path, CONTROL, ...tried].map((p) => `GET ${p}`));
    // Without a control, a 404 on a path without ids is still a refusal; the unanswered /api variant is skipped.
    expect(report.operations[0]).toMatchObject({ verdict: "refuted", reason: "404 on a path without ids", found: { path: `/api/v1${pingWebhooks.path}` } });
  });

  it("says how many tokens the token URL issued, and whether every probe was refused (401 or 403)", async () => {
    const fake = await createFakeGateway();
    const oauth = () => clientCredentials({ clientId: fake.clientId, clientSecret: fake.clientSecret, tokenUrl: fake.tokenUrl });
    const only = [pingDebtors.id, getDebtor.id];
    expect((await doctor(fake, { auth: oauth(), only })).report.auth).toEqual({
      scheme: "none",
      result: "accepted",
      detail: "2 probe(s) got past auth; 1 token(s) issued by the token URL",
    });
    expect((await doctor(fake, { only })).report.auth.detail).toBe("2 probe(s) got past auth");
    // A 401 makes the client drop its token and fetch another; a 403 does not.
    for (const [status, tokens] of [
      [401, 4],
      [403, 1],
    ]) {
      const refuse = (request: Request) => (new URL(request.url).pathname === new URL(fake.tokenUrl).pathname ? undefined : new Response(null, { status }));
      const { report } = await doctor(fake, { auth: oauth(), only, authScheme: "OAuth2" }, refuse);
      expect([status, report.auth]).toEqual([
        status,
        { scheme: "OAuth2", result: "refused", detail: `every probe was refused with 401/403; ${tokens} token(s) issued by the token URL` },
      ]);
    }
  });

  it("checks only confirmed routes' documented bodies: an empty 204, an undocumented 418 and a refused 401 are no mismatch", async () => {
    const fake = await createFakeGateway();
    const answers: Record<string, Response> = {
      [`DELETE ${withId(deleteDebtor.path)}`]: new Response(null, { status: 204 }),
      [`GET ${pingWebhooks.path}`]: new Response("I'm a teapot", { status: 418 }),
      [`GET ${withId(getDebtor.path)}`]: new Response("not json", { status: 401, headers: { "content-type": "text/plain" } }),
    };
    const { report } = await doctor(fake, { only: [deleteDebtor.id, pingWebhooks.id, getDebtor.id], writeProbes: true }, (r) =>
      answers[`${r.method} ${new URL(r.url).pathname}`]?.clone(),
    );
    expect(report.operations.map((r) => [r.operationId, r.verdict, r.reason])).toEqual([
      ["deleteDebtor", "confirmed", "answered 204"],
      ["getDebtor", "unknown", "401: the credentials were refused before the route could show"],
      ["pingWebhooks", "confirmed", "answered 418"],
    ]);
    expect(report.mismatches).toEqual([]);
  });

  it("a 2xx on a literal path is confirmed even where a parameter route matches it too (only an error could be the other's)", async () => {
    const fake = await createFakeGateway();
    const { report } = await doctor(fake, { only: [pingDebtors.id] }, (r) =>
      new URL(r.url).pathname === pingDebtors.path ? new Response(null, { status: 299 }) : undefined,
    );
    expect(report.operations[0]).toMatchObject({ verdict: "confirmed", reason: "answered 299" });
  });
});

describe("planProbe beyond our spec", () => {
  const setup = async () => {
    const checker = await loadSchemaChecker(spec, "test");
    const model = buildSpecModel(checker.doc);
    const op = (id: string) => model.operations.get(id as never) as OperationModel;
    const plan = (o: OperationModel, writeProbes = true) => planProbe(o, checker, model.resolve, { writeProbes, random: half });
    return { op, plan };
  };

  it("random values no item has: a v4-shaped GUID, a large integer, a marked string, false, the first enum value", () => {
    expect(randomValue({ format: "uuid" }, half)).toBe(UUID);
    expect(randomValue({ type: "string" }, half, "0f8fad5b-d9cb-469f-a165-70867728950e")).toBe(UUID);
    expect(randomValue({ type: "string" }, half, "id-0f8fad5b-d9cb-469f-a165-70867728950e")).toBe("aptic-doctor-888888888888");
    expect(randomValue({ type: "string" }, half, "0f8fad5b-d9cb-469f-a165-70867728950e-x")).toBe("aptic-doctor-888888888888");
    expect(randomValue({ type: "string" }, half)).toBe("aptic-doctor-888888888888");
    expect(randomValue({ type: "integer" }, half)).toBe(2_050_000_000);
    expect(randomValue({ type: ["null", "integer"] }, half)).toBe(2_050_000_000);
    expect(randomValue({ type: "number" }, half)).toBe(2_050_000_000);
    expect(randomValue({ type: "boolean" }, half)).toBe(false);
    expect(randomValue({ type: "integer", enum: [3, 4] }, half)).toBe(3);
  });

  it("fills required query parameters only, and $top=1 for paged lists and wherever $top is a parameter", async () => {
    const { op, plan } = await setup();
    const list = op(listDebtors.id);
    const withStatus: OperationModel = {
      ...list,
      parameters: [
        ...list.parameters,
        { name: "status", in: "query", required: true, schema: { type: "string" } },
        { name: "optional", in: "query", required: false, schema: { type: "string" } },
        { name: "X-Tenant", in: "header", required: true, schema: { type: "string" } },
      ],
    };
    expect(plan(withStatus)).toMatchObject({ kind: "read", query: { status: "aptic-doctor-888888888888", $top: 1 } });
    expect(Object.keys((plan(withStatus) as { query: object }).query)).toEqual(["status", "$top"]);
    const item = op(getDebtor.id);
    expect(plan(item)).toEqual({ kind: "read", path: { debtorGuid: UUID }, query: {}, body: undefined });
    expect(plan({ ...item, info: { ...item.info, queryParams: ["$top"] } })).toMatchObject({ query: { $top: 1 } });
    expect(plan({ ...list, info: { ...list.info, queryParams: [] } })).toMatchObject({ query: { $top: 1 } });
  });

  it("writes: skipped without writeProbes; a rejected body, an id without a body, or no probe where one could act", async () => {
    const { op, plan } = await setup();
    expect(plan(op(createDebtor.id), false)).toEqual({ kind: "skip", reason: "write operation: not probed without --write-probes" });
    // `{}` where the spec requires a field, `[]` (the wrong type) where it requires none.
    expect(plan(op(createCustomerDirectDebitMandate.id))).toMatchObject({ kind: "write", body: {} });
    expect(plan(op(createDebtor.id))).toEqual({ kind: "write", path: {}, query: {}, body: [] });
    expect(plan(op(activateDebtorPaymentPlan.id))).toEqual({ kind: "write", path: { debtorGuid: UUID, paymentplanGuid: UUID }, query: {}, body: undefined });
    const activate = op(activateDebtorPaymentPlan.id);
    const noId: OperationModel = { ...activate, parameters: [], info: { ...activate.info, pathParams: [] } };
    expect(plan(noId)).toEqual({ kind: "skip", reason: "write operation without a body or an id: a probe could act" });
    const acceptsAll = "write operation whose spec accepts every body: no body it rejects to send";
    const create = op(createDebtor.id);
    expect(plan({ ...create, requestBody: { required: true, media: { contentType: "application/json", schema: {}, example: undefined } } })).toEqual({
      kind: "skip",
      reason: acceptsAll,
    });
    // A body the table requires but the spec model has no schema for: nothing to reject with.
    expect(plan({ ...activate, requestBody: undefined, info: { ...activate.info, body: "required" } })).toEqual({ kind: "skip", reason: acceptsAll });
  });
});
