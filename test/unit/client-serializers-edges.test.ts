// Path templates, path parameters, query values and bodies at their edges: what is refused (with
// the message the README quotes) before anything is sent, and what is accepted exactly as given.
import { describe, expect, it } from "vitest";
import { ApticUsageError, createApticClient } from "../../src/index.js";
import { invokeService } from "../../src/services/index.js";
import { fakeFetch, GUID, json } from "../support/fake-fetch.js";
import { refusedBy } from "../support/usage-errors.js";
import { createDebtor, getDebtor as getDebtorOp, listDebtors, listWebhooks, pingDebtors, updateDebtor } from "../../src/operations/index.js";
import { pathWith } from "../support/operation-url.js";
import { MAX_PATH_PARAM_LENGTH } from "../../src/client/serializers.js";

const BASE = "http://127.0.0.1:9";
const PARAM_RULE = 'must be a non-empty string other than "." and "..", or a finite number';

function setup() {
  const fetch = fakeFetch(() => json(200, {}));
  return { fetch, aptic: createApticClient({ baseUrl: BASE, fetch }) };
}

/** The ApticUsageError a call rejects with; nothing may have been sent. */
const refused = (call: (aptic: ReturnType<typeof setup>["aptic"]) => Promise<unknown>) => refusedBy(setup, call);

const getDebtor = (debtorGuid: unknown) => (aptic: ReturnType<typeof setup>["aptic"]) =>
  aptic.GET(getDebtorOp.path, { params: { path: { debtorGuid: debtorGuid as string } } });

describe("path parameter length", () => {
  it("a value of MAX_PATH_PARAM_LENGTH (1024) characters is sent", async () => {
    const { fetch, aptic } = setup();
    await aptic.GET(getDebtorOp.path, { params: { path: { debtorGuid: "a".repeat(MAX_PATH_PARAM_LENGTH) } } });
    expect(MAX_PATH_PARAM_LENGTH).toBe(1024);
    expect(fetch.seen[0]?.url).toBe(`${BASE}${pathWith(getDebtorOp, { debtorGuid: "a".repeat(1024) })}`);
  });

  it.each([1025, 100_000])("a value of %i characters is refused before sending", async (length) => {
    expect(await refused(getDebtor("g".repeat(length)))).toBe(`Path parameter "debtorGuid" is ${length} characters long; at most 1024 are sent`);
  });
});

describe("path parameters (README troubleshooting)", () => {
  it.each<[unknown, string]>([
    [null, "null"],
    [{ id: 1 }, "an object"],
    [["a"], "an array"],
    [Number.NaN, "NaN"],
    [Infinity, "Infinity"],
    ["", '""'],
    ["..", '".."'],
    ["%2E", '"%2E"'],
    [true, "true"],
  ])("%j is refused, shown as %s", async (value, shown) => {
    expect(await refused(getDebtor(value))).toBe(`Path parameter "debtorGuid" ${PARAM_RULE} (got ${shown})`);
  });

  it("a lone surrogate is refused as not well-formed Unicode", async () => {
    expect(await refused(getDebtor("ab\uD800"))).toBe('Path parameter "debtorGuid" is not well-formed Unicode (a lone surrogate)');
  });

  it("dots are refused only as a whole segment: v1.., .hidden and 0.5 pass as they are", async () => {
    const { fetch, aptic } = setup();
    for (const value of ["v1..", ".hidden", "a.b", 0.5]) await getDebtor(value)(aptic);
    expect(fetch.seen.map((s) => s.url.slice(BASE.length))).toEqual(
      ["v1..", ".hidden", "a.b", "0.5"].map((debtorGuid) => pathWith(getDebtorOp, { debtorGuid })),
    );
  });

  it("a template with a placeholder and no path parameters at all names the one missing", async () => {
    expect(await refused((aptic) => aptic.GET(getDebtorOp.path as never))).toBe(`Path parameter "debtorGuid" is missing for ${getDebtorOp.path}`);
    expect(await refused((aptic) => aptic.GET(getDebtorOp.path as never, { params: { path: null } } as never))).toBe(
      `Path parameter "debtorGuid" is missing for ${getDebtorOp.path}`,
    );
    expect(await refused((aptic) => aptic.GET(getDebtorOp.path, { params: { path: {} } } as never))).toBe('Path parameter "debtorGuid" is missing');
  });
});

describe("path templates", () => {
  it.each([
    `/..${listWebhooks.path}`,
    `${listDebtors.path}/./x`,
    listDebtors.path.slice(1),
    `${listDebtors.path}?x=1`,
    pingDebtors.path.replace(/\/(?=[^/]*$)/, "//"),
    `${listDebtors.path}/%2E%2e`,
  ])("%j is not a path of this API", async (template) => {
    expect(await refused((aptic) => aptic.GET(template as never))).toBe(`Not a path of this API: ${JSON.stringify(template)}`);
  });

  it("a template that is not a string is shown by its kind", async () => {
    expect(await refused((aptic) => aptic.GET({ path: listDebtors.path } as never))).toBe("Not a path of this API: an object");
  });

  it("segments that merely contain dots are paths of this API (service sub-paths)", async () => {
    const { fetch, aptic } = setup();
    await invokeService(aptic, "Reports", { subPath: [".well-known", "report..", "v1.2"] });
    expect(new URL(fetch.seen[0]?.url ?? "").pathname.endsWith("/Reports/.well-known/report../v1.2")).toBe(true);
  });
});

describe("query values", () => {
  it("undefined and null leave a parameter out; false and 0 are sent", async () => {
    const { fetch, aptic } = setup();
    await aptic.GET(listDebtors.path, { params: { query: { $filter: undefined, $orderby: null, $top: 0, $count: false } as never } });
    expect(new URL(fetch.seen[0]?.url ?? "").search).toBe("?%24top=0&%24count=false");
  });

  it.each<[unknown, string]>([
    [Number.NaN, "NaN"],
    [-Infinity, "-Infinity"],
    [{ a: 1 }, "an object"],
    [[1, null], "null"],
  ])("%j is refused, shown as %s", async (value, shown) => {
    expect(await refused((aptic) => aptic.GET(listDebtors.path, { params: { query: { $top: value } as never } }))).toBe(
      `Query parameter "$top" must be a string, finite number or boolean (got ${shown})`,
    );
  });

  it("a lone surrogate in a name or a value is refused, saying which", async () => {
    expect(await refused((aptic) => aptic.GET(listDebtors.path, { params: { query: { $filter: "x\uDC00" } } }))).toBe(
      'Query parameter "$filter" is not well-formed Unicode (a lone surrogate)',
    );
    expect(await refused((aptic) => aptic.GET(listDebtors.path, { params: { query: { "k\uD800": "v" } as never } }))).toBe(
      'Query parameter name "k\uD800" is not well-formed Unicode (a lone surrogate)',
    );
  });
});

describe("request bodies", () => {
  it("a body JSON cannot encode is refused, with JSON's own error as cause", async () => {
    const { fetch, aptic } = setup();
    const err = await aptic.POST(createDebtor.path, { body: { amount: 10n } as never }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticUsageError);
    expect((err as Error).message).toBe("The request body cannot be encoded as JSON");
    expect((err as Error).cause).toBeInstanceOf(TypeError);
    expect(fetch.seen).toHaveLength(0);
  });

  it("a body is sent as its JSON text", async () => {
    const { fetch, aptic } = setup();
    await aptic.PUT(updateDebtor.path, { params: { path: { debtorGuid: GUID } }, body: { firstname: "Åsa" } as never });
    expect(fetch.seen[0]?.body).toBe('{"firstname":"Åsa"}');
  });
});
