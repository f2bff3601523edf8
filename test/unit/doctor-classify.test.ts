// The doctor's classification rules, one answer at a time (README "Doctor": what a 404 can and
// cannot tell).
import { describe, expect, it } from "vitest";
import { spec } from "../../generated/spec.js";
import { bodyKey, classify, resourceWord, type ControlAnswer, type ProbeAnswer } from "../../src/doctor/classify.js";
import { planProbe, planValues, randomValue } from "../../src/doctor/plan.js";
import { loadSchemaChecker } from "../../src/schema/checker.js";
import { buildSpecModel, type OperationModel } from "../../src/schema/spec-model.js";

const ID = "0b7e1c2a-4f5d-4e6f-a123-456789abcdef";
const ITEM = "/debtors/{debtorGuid}";
const answer = (status: number, text = "", extra: Partial<ProbeAnswer> = {}): ProbeAnswer => ({
  status,
  text,
  allow: null,
  requestPath: `/debtors/${ID}`,
  ids: [ID],
  ...extra,
});
const listAnswer = (status: number, text = ""): ProbeAnswer => ({ status, text, allow: null, requestPath: "/debtors", ids: [] });
const control = (status: number, text: string, path = "/aptic-doctor-1/2"): ControlAnswer => ({ status, key: bodyKey(text, path, []) });
const ROUTER_404 = control(404, '{"title":"Not Found","detail":"No route matches /aptic-doctor-1/2","traceId":"00-1"}');
const GENERIC_404 = control(404, "");

describe("classify", () => {
  it("405 refutes (naming Allow), unless unknown paths get 405 too", () => {
    expect(classify(answer(405, "", { allow: "DELETE, PUT" }), ROUTER_404, ITEM)).toEqual({
      verdict: "refuted",
      reason: "405 Method Not Allowed (Allow: DELETE, PUT)",
    });
    expect(classify(answer(405), ROUTER_404, ITEM)).toEqual({ verdict: "refuted", reason: "405 Method Not Allowed" });
    expect(classify(answer(405), control(405, ""), ITEM)).toEqual({ verdict: "unknown", reason: "405, but this gateway answers 405 to unknown paths too" });
  });

  it("a 404 like the unknown path's refutes when the router says so in its own words", () => {
    const routeLevel = answer(404, `{"title":"Not Found","detail":"No route matches /debtors/${ID}","traceId":"00-2"}`);
    expect(classify(routeLevel, ROUTER_404, ITEM)).toEqual({ verdict: "refuted", reason: "404 like an unknown path (route-level)" });
    expect(classify(listAnswer(404, ""), GENERIC_404, "/debtors")).toEqual({ verdict: "refuted", reason: "404 like an unknown path (route-level)" });
  });

  it("a bare 404 for an operation with ids cannot tell a missing route from a missing item", () => {
    expect(classify(answer(404, ""), GENERIC_404, ITEM)).toEqual({
      verdict: "unknown",
      reason: "404 with the same generic body as an unknown path: a missing route and a missing item look alike here",
    });
  });

  it("a 404 that names the random id or the resource confirms; the echoed request path does not count", () => {
    expect(classify(answer(404, `{"detail":"Debtor ${ID} not found"}`), GENERIC_404, ITEM)).toEqual({
      verdict: "confirmed",
      reason: "404 names the missing item",
    });
    expect(classify(answer(404, '{"detail":"No such debtor"}'), GENERIC_404, ITEM)).toEqual({
      verdict: "confirmed",
      reason: "404 names the resource (debtor)",
    });
    const plan = "/debtors/{debtorGuid}/payment-plans/{paymentplanGuid}";
    expect(classify(answer(404, '{"detail":"Payment plan missing"}'), GENERIC_404, plan).reason).toBe("404 names the resource (paymentplan)");
    const echoed = answer(404, `{"title":"Oops","instance":"/debtors/${ID}"}`);
    expect(classify(echoed, GENERIC_404, ITEM)).toEqual({
      verdict: "unknown",
      reason: "404 unlike an unknown path's, but naming neither the id nor the resource",
    });
    expect(classify(answer(404, '{"detail":"gone"}'), undefined, "/{x}")).toMatchObject({ verdict: "unknown" });
  });

  it("a 404 on a path without ids refutes when no control could be taken", () => {
    expect(classify(listAnswer(404, "{}"), undefined, "/debtors")).toEqual({ verdict: "refuted", reason: "404 on a path without ids" });
    expect(classify(listAnswer(404, '{"detail":"other"}'), GENERIC_404, "/debtors").verdict).toBe("unknown");
  });

  it.each([
    [401, "unknown", "401: the credentials were refused before the route could show"],
    [403, "unknown", "403: the credentials were refused before the route could show"],
    [429, "unknown", "429: rate limited"],
    [500, "unknown", "500: a server error says nothing about the route"],
    [503, "unknown", "503: a server error says nothing about the route"],
    [200, "confirmed", "answered 200"],
    [204, "confirmed", "answered 204"],
    [400, "confirmed", "answered 400"],
    [422, "confirmed", "answered 422"],
    [499, "confirmed", "answered 499"],
  ])("%i → %s", (status, verdict, reason) => {
    expect(classify(answer(status), ROUTER_404, ITEM)).toEqual({ verdict, reason });
  });
});

describe("bodyKey and resourceWord", () => {
  it("takes out what differs between two requests", () => {
    expect(bodyKey(`{"detail":"No route /a/${ID}","traceId":"00-ab","at":"2026-12-07T05:00:00.123Z","n":1234567}`, `/a/${ID}`, [ID])).toBe(
      '{"detail":"No route <path>","traceId":"","at":"<time>","n":<n>}',
    );
    expect(bodyKey("x /a/b%20c y", "/a/b%20c", [])).toBe("x <path> y");
    expect(bodyKey("a 2026-12-07T05:00:00+01:00 b 2026-12-07T05:00:00.5 c 2026-12-07T05:00:00Z", "/p", [])).toBe("a <time> b <time> c <time>");
    // Full path first, then the path below the base (a gateway under a path base may echo either).
    expect(bodyKey("at /base/a/1 or /a/1", ["/base/a/1", "/a/1"], [])).toBe("at <path> or <path>");
    expect(bodyKey("x /a/b c y", "/a/b%20c", [])).toBe("x <path> y");
    expect(bodyKey(`id ${ID.toUpperCase()} v7`, "/p", ["v7"])).toBe("id <uuid> <id>");
    expect(bodyKey('{"instance":"/other","requestId":"r1","correlationId":"c","timestamp":"t"}', "/p", [])).toBe(
      '{"instance":"","requestId":"","correlationId":"","timestamp":""}',
    );
    expect(bodyKey("1234 12345", "", [""])).toBe("1234 <n>");
  });

  it("names the last literal segment, singular and flattened", () => {
    expect(resourceWord("/customers/{customerGuid}/credit-insurances/{insuranceGuid}")).toBe("creditinsurance");
    expect(resourceWord("/customers/{customerGuid}/user-questions/{id}")).toBe("userquestion");
    expect(resourceWord("/debtors/{debtorGuid}/extra-fields/{name}")).toBe("extrafield");
    expect(resourceWord("/policies/{id}")).toBe("policy");
    expect(resourceWord("/{id}")).toBeUndefined();
    expect(resourceWord("/a/series-items/{id}")).toBe("seriesitem");
  });

  it("without a control a 405 still refutes; a resource word of two letters or none never confirms a 404", () => {
    expect(classify(answer(405), undefined, ITEM)).toEqual({ verdict: "refuted", reason: "405 Method Not Allowed" });
    const vague = "404 unlike an unknown path's, but naming neither the id nor the resource";
    expect(classify(answer(404, "about nothing", { requestPath: `/x/ab/${ID}` }), ROUTER_404, "/x/ab/{id}")).toEqual({ verdict: "unknown", reason: vague });
    expect(classify(answer(404, "nope", { requestPath: `/${ID}` }), ROUTER_404, "/{id}")).toEqual({ verdict: "unknown", reason: vague });
    expect(classify(answer(404, "no abc here", { requestPath: `/x/abc/${ID}` }), ROUTER_404, "/x/abc/{id}")).toEqual({
      verdict: "confirmed",
      reason: "404 names the resource (abc)",
    });
  });
});

describe("planProbe", async () => {
  const checker = await loadSchemaChecker(spec, "this test");
  const model = buildSpecModel(checker.doc);
  const op = (id: string) => model.operations.get(id as never) as OperationModel;
  let seed = 0;
  const random = () => (seed = (seed * 9301 + 49297) % 233280) / 233280;
  const plan = (id: string, writeProbes = false) => planProbe(op(id), checker, model.resolve, { writeProbes, random });

  it("reads: random valid ids for item operations, $top=1 for lists", () => {
    const item = plan("getDebtor");
    expect(item).toMatchObject({ kind: "read", query: {}, body: undefined });
    expect(planValues(item)[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(plan("listDebtors")).toEqual({ kind: "read", path: {}, query: { $top: 1 }, body: undefined });
    expect(plan("getDebtorExtraField")).toMatchObject({ path: { name: expect.stringMatching(/^aptic-doctor-[0-9a-f]{12}$/) } });
  });

  it("writes only with writeProbes, only with a body the spec rejects or an id that cannot exist", () => {
    expect(plan("createDebtor")).toEqual({ kind: "skip", reason: "write operation: not probed without --write-probes" });
    // DebtorCreate requires nothing, so the wrong type is what the spec rejects.
    expect(plan("createDebtor", true)).toEqual({ kind: "write", path: {}, query: {}, body: [] });
    expect(plan("registerWebhook", true)).toMatchObject({ kind: "write", body: {} });
    expect(plan("deleteDebtor", true)).toMatchObject({ kind: "write", body: undefined });
    expect(plan("invokeServicePost", true)).toEqual({ kind: "skip", reason: "write operation whose spec accepts every body: no body it rejects to send" });
    expect(planValues({ kind: "skip", reason: "x" })).toEqual([]);
  });

  it("draws values by the parameter's schema", () => {
    expect(randomValue({ type: "integer" }, () => 0.5)).toBe(2_050_000_000);
    expect(randomValue({ type: ["number", "null"] }, () => 0)).toBe(2_000_000_000);
    expect(randomValue({ type: "boolean" }, () => 0)).toBe(false);
    expect(randomValue({ type: "string", enum: ["EUR", "SEK"] }, () => 0)).toBe("EUR");
    expect(randomValue({ type: "string", enum: [] }, () => 0)).toBe("aptic-doctor-000000000000");
    expect(randomValue({ format: "uuid" }, () => 0.999)).toBe("ffffffff-ffff-4fff-afff-ffffffffffff");
    expect(randomValue({ type: "string" }, () => 0, "3F2C8A61-5B7E-4D2A-9C1F-8E6B4A2D7C90")).toBe("00000000-0000-4000-a000-000000000000");
    expect(randomValue({ type: "string" }, () => 0, "x3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90")).toBe("aptic-doctor-000000000000");
    expect(randomValue({ type: "string" }, () => 0, 7)).toBe("aptic-doctor-000000000000");
  });
});
