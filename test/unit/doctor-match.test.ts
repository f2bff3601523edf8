// The operation matcher shared by `doctor --from-openapi` and `npm run specs:import`
// (src/doctor/match.ts), piece by piece, on small hand-made operations with exact scores.
import { describe, expect, it } from "vitest";
import {
  effectiveProperties,
  jsonMediaType,
  listOperations,
  localResolver,
  matchOperations,
  pathPrefix,
  score,
  type Deref,
  type JsonObject,
  type MatchContext,
  type SpecOperation,
  unwrapNullable,
} from "../../src/doctor/match.js";

const same: Deref = (node) => node;
const ctx: MatchContext = { prefix: "", vDeref: same, oDeref: same };
const pathParam = (name: string): JsonObject => ({ in: "path", name });
const queryParam = (name: string): JsonObject => ({ in: "query", name });
const jsonBody = (...fields: string[]): JsonObject => ({
  content: { "application/json": { schema: { properties: Object.fromEntries(fields.map((f) => [f, {}])) } } },
});

function op(method: string, path: string, fields: JsonObject = {}, params: JsonObject[] = []): SpecOperation {
  return { method, path, op: fields, params };
}
/** Ours: GET /debtors/{debtorGuid}, named and summarised. */
const getDebtor = () => op("get", "/debtors/{debtorGuid}", { summary: "Get a debtor.", operationId: "getDebtor" }, [pathParam("debtorGuid")]);

describe("localResolver", () => {
  const doc = {
    components: {
      schemas: {
        A: { $ref: "#/components/schemas/B" },
        B: { type: "string" },
        Broken: { $ref: "#/components/schemas/Nowhere" },
        "a/b": { type: "slash" },
        "c~d": { type: "tilde" },
        X: { $ref: "#/components/schemas/Y" },
        Y: { $ref: "#/components/schemas/X" },
      },
    },
  };
  const deref = localResolver(doc);

  it("follows a chain of local refs to what it points at", () => {
    expect(deref({ $ref: "#/components/schemas/A" })).toEqual({ type: "string" });
    expect(deref({ $ref: "#" })).toBe(doc);
  });

  it("returns the last node it could reach when a ref points nowhere", () => {
    expect(deref({ $ref: "#/components/schemas/Broken" })).toEqual({ $ref: "#/components/schemas/Nowhere" });
    const missing = { $ref: "#/components/schemas/Missing" };
    expect(deref(missing)).toBe(missing);
    expect(deref({ $ref: "#/components/schemas/B/type/deeper" })).toEqual({ $ref: "#/components/schemas/B/type/deeper" });
  });

  it("decodes ~1 and ~0 in a pointer", () => {
    expect(deref({ $ref: "#/components/schemas/a~1b" })).toEqual({ type: "slash" });
    expect(deref({ $ref: "#/components/schemas/c~0d" })).toEqual({ type: "tilde" });
  });

  it("leaves remote refs, non-string refs and non-objects as they are", () => {
    const remote = { $ref: "common.yaml#/components/schemas/B" };
    expect(deref(remote)).toBe(remote);
    const numeric = { $ref: 1 };
    expect(deref(numeric)).toBe(numeric);
    expect(deref([{ $ref: "#/components/schemas/B" }])).toEqual([{ $ref: "#/components/schemas/B" }]);
    expect(deref("text")).toBe("text");
    expect(deref(null)).toBe(null);
  });

  it("stops on a cycle after 21 hops", () => {
    // X → Y → X …: an odd number of hops from X's ref ends on X's own node.
    expect(deref({ $ref: "#/components/schemas/X" })).toBe(doc.components.schemas.X);
  });
});

describe("unwrapNullable", () => {
  it("takes the inner schema of a two-branch anyOf or oneOf with a null branch, either order", () => {
    expect(unwrapNullable({ anyOf: [{ type: "string" }, { type: "null" }] })).toEqual({ type: "string" });
    expect(unwrapNullable({ oneOf: [{ type: "null" }, { $ref: "#/x" }] })).toEqual({ $ref: "#/x" });
  });
  it("prefers anyOf over oneOf", () => {
    expect(unwrapNullable({ anyOf: [{ type: "integer" }, { type: "null" }], oneOf: [{ type: "string" }, { type: "null" }] })).toEqual({ type: "integer" });
  });
  it("leaves everything else alone", () => {
    for (const schema of [
      { anyOf: [{ type: "string" }, { type: "integer" }] },
      { anyOf: [{ type: "string" }, { type: "integer" }, { type: "null" }] },
      { anyOf: [{ type: "null" }] },
      { anyOf: { type: "null" } },
      { type: "string" },
      "text",
      null,
    ])
      expect(unwrapNullable(schema)).toBe(schema);
  });
});

describe("effectiveProperties", () => {
  const doc = {
    components: {
      schemas: {
        Base: { properties: { id: { type: "string" } } },
        Named: { allOf: [{ $ref: "#/components/schemas/Base" }, { properties: { name: { type: "string" } } }] },
      },
    },
  };
  const deref = localResolver(doc);

  it("merges allOf parts, resolving each, the schema's own properties first", () => {
    expect(
      effectiveProperties({ properties: { a: { v: 1 } }, allOf: [{ properties: { a: { v: 2 }, b: {} } }, { $ref: "#/components/schemas/Base" }] }, deref),
    ).toEqual({
      a: { v: 2 },
      b: {},
      id: { type: "string" },
    });
  });

  it("follows a ref to the schema and a nested allOf in a part", () => {
    expect(effectiveProperties({ $ref: "#/components/schemas/Named" }, deref)).toEqual({ id: { type: "string" }, name: { type: "string" } });
    expect(effectiveProperties({ allOf: [{ $ref: "#/components/schemas/Named" }, { properties: { extra: {} } }] }, deref)).toEqual({
      id: { type: "string" },
      name: { type: "string" },
      extra: {},
    });
  });

  it("looks through a nullable wrapper around a ref", () => {
    expect(effectiveProperties({ anyOf: [{ $ref: "#/components/schemas/Named" }, { type: "null" }] }, deref)).toEqual({
      id: { type: "string" },
      name: { type: "string" },
    });
  });

  it("gives {} for no schema, a missing ref or a schema without properties", () => {
    expect(effectiveProperties(undefined, deref)).toEqual({});
    expect(effectiveProperties({ $ref: "#/components/schemas/Missing" }, deref)).toEqual({});
    expect(effectiveProperties({ type: "string", properties: "nope", allOf: "nope" }, deref)).toEqual({});
  });
});

describe("jsonMediaType", () => {
  it("prefers application/json, then application/…+json, then anything naming json", () => {
    expect(jsonMediaType({ "text/plain": {}, "text/json": {}, "application/problem+json": {}, "application/json": {} })).toBe("application/json");
    expect(jsonMediaType({ "text/json": {}, "application/vnd.aptic.v1+json": {} })).toBe("application/vnd.aptic.v1+json");
    expect(jsonMediaType({ "text/plain": {}, "text/json": {} })).toBe("text/json");
  });
  it("anchors the application/…+json form at both ends", () => {
    expect(jsonMediaType({ "text/json": {}, "xapplication/a+json": {} })).toBe("text/json");
    expect(jsonMediaType({ "text/json": {}, "application/a+jsonx": {} })).toBe("text/json");
  });
  it("is undefined without a JSON type or content", () => {
    expect(jsonMediaType({ "text/plain": {}, "application/xml": {} })).toBeUndefined();
    expect(jsonMediaType(undefined)).toBeUndefined();
    expect(jsonMediaType(["application/json"])).toBeUndefined();
  });
});

describe("listOperations", () => {
  it("lists every method of every path in order, with path-item parameters first and refs resolved", () => {
    const all = Object.fromEntries(["trace", "options", "head", "patch", "delete", "post", "put", "get"].map((m) => [m, { operationId: m }]));
    const doc = {
      components: { parameters: { Id: { in: "path", name: "id" } } },
      paths: {
        "/a/{id}": {
          parameters: [{ $ref: "#/components/parameters/Id" }],
          summary: "not an operation",
          "x-extra": {},
          get: { parameters: [queryParam("q")] },
          post: "nope",
        },
        "/b": all,
      },
    };
    const ops = listOperations(doc, localResolver(doc));
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual([
      "get /a/{id}",
      "get /b",
      "put /b",
      "post /b",
      "delete /b",
      "patch /b",
      "head /b",
      "options /b",
      "trace /b",
    ]);
    expect(ops[0]?.params).toEqual([{ in: "path", name: "id" }, queryParam("q")]);
    expect(ops[1]?.params).toEqual([]);
    expect(ops[1]?.op).toEqual({ operationId: "get" });
  });
  it("is empty for a document without paths", () => {
    expect(listOperations({}, same)).toEqual([]);
    expect(listOperations(null, same)).toEqual([]);
  });
});

describe("pathPrefix", () => {
  it("takes the common leading prefix segments", () => {
    expect(pathPrefix(["/api/v1/Debtors", "/api/v1/Debtors/{id}"])).toBe("/api/v1");
    expect(pathPrefix(["/API/V2.1/x", "/API/V2.1/y"])).toBe("/API/V2.1");
    expect(pathPrefix(["/rest/x"])).toBe("/rest");
    expect(pathPrefix(["/gateway/v3/x"])).toBe("/gateway/v3");
    expect(pathPrefix(["/v12/x"])).toBe("/v12");
    expect(pathPrefix(["/api/v2.10/x"])).toBe("/api/v2.10");
  });
  it("is empty when the paths share no prefix segment", () => {
    expect(pathPrefix(["/api/x", "/rest/x"])).toBe("");
    expect(pathPrefix(["/debtors", "/debtors/{id}"])).toBe("");
    expect(pathPrefix(["/myapi/x", "/myapi/y"])).toBe("");
    expect(pathPrefix(["/v1beta/x"])).toBe("");
    expect(pathPrefix([])).toBe("");
  });
  it("stops where a segment is some path's last one (a prefix that is a whole path)", () => {
    expect(pathPrefix(["/api", "/api/debtors"])).toBe("");
    expect(pathPrefix(["/api/v1", "/api/v1/debtors"])).toBe("/api");
  });
  it("stops at the first segment that is no prefix word, parameters included", () => {
    expect(pathPrefix(["/{tenant}/api/x", "/{tenant}/api/y"])).toBe("");
    expect(pathPrefix(["/api/{version}/x", "/api/{version}/y"])).toBe("/api");
    expect(pathPrefix(["/api/debtors/v1/x", "/api/debtors/v1/y"])).toBe("/api");
  });
});

describe("score", () => {
  it("gives an identical operation every point: summary 4, operationId 5, path 3, method 1, path parameters 1", () => {
    expect(score(getDebtor(), getDebtor(), ctx)).toEqual({ total: 14, reasons: ["summary", "operationId", "path", "method", "path parameters"] });
  });

  it("compares the paths below both prefixes: the vendor's and, when given, ours", () => {
    const vendor = { ...getDebtor(), path: "/api/v1/Debtors/{debtorId}" };
    const ours = { ...getDebtor(), path: "/v2/debtors/{debtorGuid}" };
    expect(score(vendor, ours, { ...ctx, prefix: "/api/v1", ourPrefix: "/v2" })).toEqual(score(getDebtor(), getDebtor(), ctx));
    expect(score(vendor, ours, { ...ctx, prefix: "/api/v1" }).reasons).not.toContain("path");
  });

  it("costs a method mismatch its point", () => {
    const o = { ...getDebtor(), method: "put" };
    expect(score(getDebtor(), o, ctx)).toEqual({ total: 13, reasons: ["summary", "operationId", "path", "path parameters"] });
  });

  it("takes 2 points for a different number of path parameters", () => {
    const v = { ...getDebtor(), params: [] };
    expect(score(v, getDebtor(), ctx)).toEqual({ total: 11, reasons: ["summary", "operationId", "path", "method"] });
    const two = { ...getDebtor(), params: [pathParam("a"), pathParam("b"), queryParam("c")] };
    // 13 − 2 for the path parameters − 0.5 for a query parameter ours lacks.
    expect(score(two, getDebtor(), ctx).total).toBe(10.5);
  });

  it("gives 3 for a summary that starts the other, words compared without case or punctuation", () => {
    const v = op("get", "/x", { summary: "Get a debtor" });
    expect(score(v, op("get", "/x", { summary: "get a DEBTOR!" }), ctx).reasons).toContain("summary");
    expect(score(v, op("get", "/x", { summary: "get a DEBTOR!" }), ctx).total).toBe(4 + 3 + 1 + 1);
    expect(score(v, op("get", "/x", { summary: "Get a debtor by its GUID." }), ctx).total).toBe(3 + 3 + 1 + 1);
    expect(score(op("get", "/x", { summary: "Get a debtor by its GUID." }), v, ctx).total).toBe(3 + 3 + 1 + 1);
    expect(score(v, op("get", "/x", { summary: "List debtors" }), ctx).total).toBe(3 + 1 + 1);
    expect(score(v, op("get", "/x", { summary: "Get a debtor by its GUID." }), ctx).reasons).toEqual(["summary", "path", "method", "path parameters"]);
    // A run of punctuation is one word break, and punctuation breaks words like a space does.
    expect(score(op("get", "/x", { summary: "Get the debtor's--case" }), op("get", "/x", { summary: "get the debtor's-case" }), ctx).total).toBe(4 + 5);
    expect(score(op("get", "/x", { summary: "Get the debtor-case" }), op("get", "/x", { summary: "Get the debtor case" }), ctx).total).toBe(4 + 5);
  });

  it("gives nothing for a summary or an operationId that one side lacks", () => {
    expect(score(op("get", "/x"), op("get", "/x", { summary: "Anything", operationId: "x" }), ctx)).toEqual({
      total: 5,
      reasons: ["path", "method", "path parameters"],
    });
    expect(score(op("get", "/x", { summary: "Anything", operationId: "x" }), op("get", "/x"), ctx).total).toBe(5);
    expect(score(op("get", "/x", { summary: 7, operationId: 7 }), op("get", "/x", { summary: 7, operationId: 7 }), ctx).total).toBe(5);
  });

  it("names an operationId by its last part after _ or . and without case", () => {
    const v = op("get", "/x", { operationId: "Debtors_GetDebtor" });
    expect(score(v, op("get", "/x", { operationId: "debtors.getDebtor" }), ctx).total).toBe(10);
    expect(score(v, op("get", "/x", { operationId: "getDebtors" }), ctx).total).toBe(5);
  });

  it("compares paths after the vendor prefix, without case, - or _, any parameter names", () => {
    const v = op("get", "/api/v1/Debtors/{debtorId}/Payment_Plans", {}, [pathParam("debtorId")]);
    const o = op("get", "/debtors/{debtorGuid}/payment-plans", {}, [pathParam("debtorGuid")]);
    expect(score(v, o, { ...ctx, prefix: "/api/v1" })).toEqual({ total: 5, reasons: ["path", "method", "path parameters"] });
    // Without the prefix stripped the shapes share 3 of 5 segments: 2·3/5 − 1.
    const unstripped = score(v, o, ctx);
    expect(unstripped.total).toBeCloseTo(2 * (3 / 5) - 1 + 2, 10);
    expect(unstripped.reasons).toEqual(["similar path", "method", "path parameters"]);
  });

  it("takes only a whole {segment} for a parameter; a bare - or _ segment is no parameter", () => {
    for (const literal of ["/debtors/x{id}", "/debtors/{id}x", "/debtors/_"])
      expect(score(op("get", literal, {}, [pathParam("id")]), getDebtor(), ctx)).toEqual({
        total: 2 * (1 / 3) - 1 + 2,
        reasons: ["method", "path parameters"],
      });
  });

  it("scores a similar path 2·jaccard − 1, negative (and no reason) when nothing is shared", () => {
    const notes = op("get", "/debtors/{id}/notes", {}, [pathParam("id")]);
    const s = score(notes, getDebtor(), ctx);
    expect(s.total).toBeCloseTo(2 * (2 / 3) - 1 + 1 + 1, 10);
    expect(s.reasons).toEqual(["similar path", "method", "path parameters"]);
    expect(score(op("get", "/x"), op("get", "/y"), ctx)).toEqual({ total: -1 + 1 + 1, reasons: ["method", "path parameters"] });
  });

  it("scores query parameters 2·jaccard − 0.5 when either side has some", () => {
    const o = op("get", "/x", {}, [queryParam("a")]);
    expect(score(op("get", "/x", {}, [queryParam("a"), queryParam("b")]), o, ctx)).toEqual({
      total: 5 + 0.5,
      reasons: ["path", "method", "path parameters", "query parameters"],
    });
    expect(score(op("get", "/x", {}, [queryParam("b")]), o, ctx).total).toBe(5 - 0.5);
    expect(score(op("get", "/x"), o, ctx).total).toBe(5 - 0.5);
    expect(score(op("get", "/x", {}, [{ in: "header", name: "a" }]), op("get", "/x", {}, [{ in: "header", name: "b" }]), ctx).total).toBe(5);
  });

  it("takes 2 points when only one side has a JSON body, and scores shared fields 2·jaccard", () => {
    const withBody = op("post", "/x", { requestBody: jsonBody("a", "b") });
    expect(score(withBody, op("post", "/x"), ctx)).toEqual({ total: 5 - 2, reasons: ["path", "method", "path parameters"] });
    expect(score(op("post", "/x"), withBody, ctx).total).toBe(3);
    expect(score(withBody, op("post", "/x", { requestBody: jsonBody("a") }), ctx)).toEqual({
      total: 5 + 1,
      reasons: ["path", "method", "path parameters", "body"],
    });
    expect(score(withBody, op("post", "/x", { requestBody: jsonBody("c") }), ctx)).toEqual({ total: 5, reasons: ["path", "method", "path parameters"] });
    expect(score(op("post", "/x", { requestBody: jsonBody() }), op("post", "/x", { requestBody: jsonBody() }), ctx)).toEqual({
      total: 6,
      reasons: ["path", "method", "path parameters", "body"],
    });
  });

  it("counts a body without a JSON media type as none, and resolves each side's body with its own resolver", () => {
    const text = op("post", "/x", { requestBody: { content: { "text/plain": { schema: { properties: { a: {} } } } } } });
    expect(score(text, op("post", "/x"), ctx).total).toBe(5);
    const vDoc = { components: { requestBodies: { B: jsonBody("a", "b") } } };
    const oDoc = { components: { schemas: { S: { properties: { a: {}, b: {} } } } } };
    const v = op("post", "/x", { requestBody: { $ref: "#/components/requestBodies/B" } });
    const o = op("post", "/x", { requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/S" } } } } });
    expect(score(v, o, { prefix: "", vDeref: localResolver(vDoc), oDeref: localResolver(oDoc) }).total).toBe(5 + 2);
  });
});

describe("matchOperations", () => {
  const listDebtors = () => op("get", "/debtors", { summary: "List debtors.", operationId: "listDebtors" });

  it("pairs one to one, best score first, and lists what is left on each side", () => {
    const ours = [getDebtor(), listDebtors()];
    const exact = getDebtor();
    // Fits getDebtor (9: path, method, path parameters and its summary) but less than `exact` (14).
    const lesser = op("get", "/debtors/{id}", { summary: "Get a debtor." }, [pathParam("id")]);
    const stray = op("delete", "/elsewhere");
    const result = matchOperations([lesser, exact, stray], ours, ctx);
    expect(result.matched.map((m) => [m.vendor, m.ours, m.score])).toEqual([[exact, ours[0], 14]]);
    expect(result.matched[0]?.reasons).toEqual(["summary", "operationId", "path", "method", "path parameters"]);
    expect(result.vendorOnly).toEqual([lesser, stray]);
    expect(result.oursOnly).toEqual([ours[1]]);
  });

  it("needs a score of at least min (5 by default)", () => {
    const bare = op("get", "/x");
    expect(matchOperations([bare], [op("get", "/x")], ctx).matched).toHaveLength(1);
    expect(matchOperations([bare], [op("put", "/x")], ctx).matched).toEqual([]);
    expect(matchOperations([getDebtor()], [getDebtor()], ctx, 14).matched).toHaveLength(1);
    const none = matchOperations([getDebtor()], [getDebtor()], ctx, 14.1);
    expect([none.matched, none.vendorOnly.length, none.oursOnly.length]).toEqual([[], 1, 1]);
  });

  it("rounds scores to one decimal", () => {
    const notes = op("get", "/debtors/{id}/notes", { operationId: "getDebtor" }, [pathParam("id")]);
    expect(matchOperations([notes], [getDebtor()], ctx).matched[0]?.score).toBe(7.3);
  });

  it("lists rivals within margin of a match, best first, on both sides, and none below min", () => {
    const v = getDebtor();
    const o1 = getDebtor();
    const o2 = { ...getDebtor(), method: "put" }; // 13 against v
    const o3 = { ...getDebtor(), method: "put", params: [] }; // 10 against v
    const [match] = matchOperations([v], [o1, o2, o3], ctx).matched;
    expect(match?.ours).toBe(o1);
    expect(match?.rivals).toEqual([{ vendor: v, ours: o2, score: 13 }]);
    // A margin of 4 reaches o3 too (10 = 14 − 4: the edge counts).
    expect(matchOperations([v], [o1, o2, o3], ctx, 5, 4).matched[0]?.rivals.map((r) => r.ours)).toEqual([o2, o3]);
    expect(matchOperations([v], [o1, o2, o3], ctx, 5, 3.9).matched[0]?.rivals.map((r) => r.ours)).toEqual([o2]);
    // A rival below min is none; one at min is one.
    expect(matchOperations([v], [o1, o2], ctx, 13.5, 4).matched[0]?.rivals).toEqual([]);
    expect(matchOperations([v], [o1, o2], ctx, 13, 4).matched[0]?.rivals.map((r) => r.ours)).toEqual([o2]);
    // The other side: a second vendor operation as good for the same one of ours.
    const v2 = { ...getDebtor(), method: "put" };
    const [theirs] = matchOperations([v, v2], [o1], ctx).matched;
    expect(theirs?.vendor).toBe(v);
    expect(theirs?.rivals).toEqual([{ vendor: v2, ours: o1, score: 13 }]);
    // A clear match has none.
    expect(matchOperations([v], [o1, o3], ctx).matched[0]?.rivals).toEqual([]);
  });

  it("counts no rival whose other operation went to a better match, but one that went to an equal one", () => {
    const v = getDebtor();
    const o1 = getDebtor();
    const o2 = { ...getDebtor(), method: "put" }; // 13 against v
    // w takes o2 at 14 (better than v's 13 for it): o2 is no rival of v's match.
    const w = { ...getDebtor(), method: "put" };
    const taken = matchOperations([v, w], [o1, o2], ctx).matched;
    expect(taken.map((m) => [m.vendor, m.ours])).toEqual([
      [v, o1],
      [w, o2],
    ]);
    expect(taken[0]?.rivals).toEqual([]);
    expect(taken[1]?.rivals).toEqual([]);
    // x fits o1 and o2 at 13 each and gets o2 at 13 after v took o1: v–o2 (13) is as good as what o2 got, and
    // x–o1 (13) as good as what x got, so both stay v's rivals; x's own rivals went to v's better 14.
    const x = { ...getDebtor(), method: "patch" };
    const tied = matchOperations([v, x], [o1, o2], ctx).matched;
    expect(tied.map((m) => [m.vendor, m.ours, m.score])).toEqual([
      [v, o1, 14],
      [x, o2, 13],
    ]);
    expect(tied[0]?.rivals).toEqual([
      { vendor: v, ours: o2, score: 13 },
      { vendor: x, ours: o1, score: 13 },
    ]);
    expect(tied[1]?.rivals).toEqual([]);
  });
});
