// `doctor --from-openapi`: the vendor's own OpenAPI file (Swashbuckle's debtors shape) instead of
// a gateway. Nothing is sent; the routes it writes make a client pass a debtor scenario against a
// fake gateway serving the vendor's routes, and a client without them fails there.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { doctorMain, routesFromOpenApi, type OpenApiRoutesReport } from "../../src/doctor/index.js";
import { ApticApiError, unwrap, type ApticClient } from "../../src/index.js";
import { operations } from "../../generated/operations.js";
import { spec } from "../../generated/spec.js";
import { createDebtor, createDebtorPaymentPlan, getDebtor, invokeServicePut, listDebtors, updateDebtor } from "../../src/operations/index.js";
import { defineRoutes, type RoutesInput } from "../../src/routes/index.js";
import { createFakeGateway } from "../../src/testing/index.js";
import { fakeClient } from "../fake/support/client.js";

const VENDOR = new URL("../fixtures/vendor/debtors.swashbuckle.json", import.meta.url).pathname;
const SECRET = "s3cret-never-printed";
// The vendor file's methods where a spec edit may make ours differ (the rename proof changes
// createDebtorPaymentPlan): the method changes expected are those the operation table disagrees with.
const VENDOR_METHODS = [
  [updateDebtor, "PATCH"],
  [createDebtorPaymentPlan, "PUT"],
] as const;
const METHOD_CHANGES = VENDOR_METHODS.filter(([op, method]) => op.method !== method).map(([op, method]) => [op.id, op.method, method]);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ENV = {
  APTIC_CLIENT_ID: "doctor-client",
  APTIC_CLIENT_SECRET: SECRET,
  APTIC_TOKEN_URL: "http://127.0.0.1:9/token",
  APTIC_BASE_URL: "http://127.0.0.1:9",
};

let dir: string;
const fetchCalls: unknown[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "aptic-doctor-openapi-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllGlobals();
  fetchCalls.length = 0;
});
const throwingFetch = (...args: unknown[]): never => {
  fetchCalls.push(args);
  throw new Error("doctor --from-openapi must not send a request");
};

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  vi.stubGlobal("fetch", throwingFetch);
  let stdout = "";
  let stderr = "";
  const code = await doctorMain(["doctor", "--from-openapi", VENDOR, ...args], {
    env: ENV,
    fetch: throwingFetch,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: true,
  });
  return { code, stdout, stderr };
}

const debtorBody = { firstname: "Astrid", lastname: "Lindqvist", juridicalType: 0 as const, currencyCode: "SEK", email: "astrid@example.org" };

/** Create, read, update and list a debtor, all by operation. */
async function debtorScenario(aptic: ApticClient): Promise<void> {
  const created = await unwrap(aptic.call(createDebtor, { body: debtorBody }));
  const debtorGuid = created.debtorGuid ?? "";
  expect(await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }))).toMatchObject(debtorBody);
  await unwrap(aptic.call(updateDebtor, { params: { path: { debtorGuid } }, body: { lastname: "Berg", juridicalType: 0 } }));
  expect((await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }))).lastname).toBe("Berg");
  const page = await unwrap(aptic.call(listDebtors, {}));
  expect(page.value?.map((d) => d.debtorGuid)).toContain(debtorGuid);
}

describe("doctor --from-openapi (the vendor's OpenAPI file, no gateway)", () => {
  it("reports the moved operations, the method change and what it could not match, sending nothing", async () => {
    const written = join(dir, "routes.json");
    const { code, stdout, stderr } = await run(["--json", "--write-routes", written]);
    expect([code, stderr]).toEqual([0, ""]);
    expect(fetchCalls).toEqual([]);
    const report = JSON.parse(stdout) as OpenApiRoutesReport;
    expect(report.prefix).toBe("/api/v1");
    // Every debtor operation of the file but getDebtorSummary (which it lacks) is found under /api/v1, PascalCase.
    expect(report.moved).toHaveLength(27);
    expect(report.ambiguous).toEqual([]);
    expect(report.unchanged).toEqual([]);
    expect(report.unmatched.vendor).toEqual(["GET /api/v1/Debtors/Search/{term}", "GET /api/v1/Debtors/{debtorId}/Notes"]);
    expect(report.unmatched.ours).toContain("getDebtorSummary");
    expect(report.unmatched.ours).toHaveLength(51);
    expect(report.moved.filter((m) => m.methodChange).map((m) => [m.operationId, m.from.method, m.to.method])).toEqual(METHOD_CHANGES);
    const routes = JSON.parse(await readFile(written, "utf8")) as RoutesInput;
    expect(routes).toEqual(report.routes);
    expect(routes.updateDebtor).toEqual({ method: "PATCH", path: "/api/v1/Debtors/{debtorGuid}", methodChange: true });
    expect(routes.getDebtor).toEqual({ method: "GET", path: "/api/v1/Debtors/{debtorGuid}" });
    expect(routes.activateDebtorPaymentPlan).toEqual({ method: "POST", path: "/api/v1/Debtors/{debtorGuid}/PaymentPlans/{paymentplanGuid}/Activate" });
    expect(routes.getDebtorSummary).toBeUndefined();
    expect(Object.keys(routes)).toHaveLength(27);
    expect(`${stdout}${await readFile(written, "utf8")}`).not.toContain(SECRET);
  });

  it("prints a table naming the method change and the vendor-only operations", async () => {
    const { code, stdout } = await run([]);
    expect(code).toBe(0);
    expect(fetchCalls).toEqual([]);
    expect(stdout).toContain("nothing sent");
    expect(stdout).toMatch(
      new RegExp(`method\\s+updateDebtor\\s+${escapeRegExp(`${updateDebtor.method} ${updateDebtor.path}`)} → PATCH /api/v1/Debtors/\\{debtorGuid\\}`),
    );
    expect(stdout).toContain(
      `summary: 27 moved (${METHOD_CHANGES.length} with a method change), 0 unchanged, 0 ambiguous (not written), 51 of ours unmatched, 2 vendor-only`,
    );
    expect(stdout).toContain("vendor-only operations: GET /api/v1/Debtors/Search/{term}, GET /api/v1/Debtors/{debtorId}/Notes");
    expect(stdout).not.toContain(SECRET);
  });

  it("reports an operation two vendor operations fit equally as ambiguous and writes no route for it", async () => {
    const vendor = JSON.parse(await readFile(VENDOR, "utf8")) as { paths: Record<string, Record<string, unknown>> };
    // The same GET a second time, spelt in lower case: getDebtor now has a rival as good as its match.
    const twin = vendor.paths["/api/v1/Debtors/{debtorId}"] ?? {};
    vendor.paths["/api/v1/debtors/{debtorId}"] = { get: twin["get"] };
    const file = join(dir, "twin.json");
    await writeFile(file, JSON.stringify(vendor));
    const report = routesFromOpenApi(vendor);
    expect(report.ambiguous.map((a) => a.operationId)).toEqual(["getDebtor"]);
    expect(report.ambiguous[0]?.candidates.map((c) => `${c.method} ${c.path}`).sort()).toEqual([
      "GET /api/v1/Debtors/{debtorId}",
      "GET /api/v1/debtors/{debtorId}",
    ]);
    expect(report.routes.getDebtor).toBeUndefined();
    expect(report.unmatched.ours).not.toContain("getDebtor");
    const written = join(dir, "twin-routes.json");
    vi.stubGlobal("fetch", throwingFetch);
    let stdout = "";
    expect(await doctorMain(["doctor", "--from-openapi", file, "--write-routes", written], { env: ENV, stdout: (t) => (stdout += t), stderr: () => {} })).toBe(
      0,
    );
    expect(fetchCalls).toEqual([]);
    expect(stdout).toMatch(/ambiguous\s+getDebtor\s+GET \/api\/v1\/Debtors\/\{debtorId\} \(\d+(\.\d)?\) \| GET \/api\/v1\/debtors\/\{debtorId\}/);
    expect(JSON.parse(await readFile(written, "utf8")).getDebtor).toBeUndefined();
  });

  it("finds our own document unchanged everywhere: no route, nothing unmatched", () => {
    const report = routesFromOpenApi(spec);
    expect(report.unchanged.sort()).toEqual(Object.keys(operations).sort());
    expect([report.moved, report.ambiguous, report.unmatched, report.routes]).toEqual([[], [], { vendor: [], ours: [] }, {}]);
  });

  it("reports a method alone that differs as a move with a method change", () => {
    const vendor = structuredClone(spec) as unknown as { paths: Record<string, Record<string, unknown>> };
    const item = vendor.paths[updateDebtor.path] ?? {};
    const other = String(updateDebtor.method) === "PATCH" ? "put" : "patch";
    vendor.paths[updateDebtor.path] = { ...item, [other]: item[updateDebtor.method.toLowerCase()], [updateDebtor.method.toLowerCase()]: undefined };
    const report = routesFromOpenApi(vendor);
    expect(report.moved.map((m) => [m.operationId, m.methodChange, m.to])).toEqual([
      ["updateDebtor", true, { method: other.toUpperCase(), path: updateDebtor.path }],
    ]);
    expect(report.unchanged).toHaveLength(Object.keys(operations).length - 1);
  });

  it("writes no route for a match whose path has another number of parameters, and names its one candidate", () => {
    type Doc = { paths: Record<string, Record<string, unknown>> };
    const vendor = structuredClone(spec) as unknown as Doc;
    const item = vendor.paths[getDebtor.path] ?? {};
    const { get, ...rest } = item;
    vendor.paths[getDebtor.path] = rest;
    const path = `/api${getDebtor.path}/{version}`;
    vendor.paths[path] = { get: { ...(get as object), parameters: [{ name: "version", in: "path", required: true, schema: { type: "string" } }] } };
    const report = routesFromOpenApi(vendor);
    expect(report.ambiguous).toEqual([{ operationId: "getDebtor", candidates: [{ method: "GET", path, score: expect.any(Number) }] }]);
    expect(report.routes).toEqual({});
    expect(report.unmatched).toEqual({ vendor: [], ours: [] });
  });

  it("reports one vendor operation that several of ours fit about as well as ambiguous, with its path once", () => {
    // The service verbs share a summary and a path: a vendor file with only the PUT, unnamed, fits each of them.
    const item = (spec as unknown as { paths: Record<string, Record<string, Record<string, unknown>>> }).paths[invokeServicePut.path] ?? {};
    const { operationId: _, ...put } = item["put"] ?? {};
    const report = routesFromOpenApi({
      openapi: "3.0.1",
      components: spec.components,
      paths: { [`/api${invokeServicePut.path}`]: { parameters: item["parameters"], put } },
    });
    expect(report.ambiguous).toEqual([
      { operationId: "invokeServicePut", candidates: [{ method: "PUT", path: `/api${invokeServicePut.path}`, score: expect.any(Number) }] },
    ]);
    expect(report.routes).toEqual({});
    expect(report.unmatched.ours).not.toContain("invokeServicePut");
  });

  it("writes routes that make a client pass a debtor scenario against a gateway serving them; without them it fails", async () => {
    const written = join(dir, "scenario-routes.json");
    expect((await run(["--write-routes", written])).code).toBe(0);
    const routes = defineRoutes(JSON.parse(await readFile(written, "utf8")) as RoutesInput);
    vi.unstubAllGlobals();
    const fake = await createFakeGateway({ routes });
    await debtorScenario(fakeClient(fake, { routes }));
    expect(fake.requests.of("updateDebtor").map((r) => r.method)).toEqual(["PATCH"]);
    expect(fake.requests.of("createDebtor").map((r) => r.path)).toEqual(["/api/v1/Debtors"]);

    const plain = fakeClient(fake);
    await expect(plain.call(createDebtor, { body: debtorBody }).then((r) => r.response.status)).resolves.toBe(404);
    await expect(debtorScenario(plain)).rejects.toBeInstanceOf(ApticApiError);
    // And the one method change on its own: updateDebtor sent as PUT to a path the gateway serves only with PATCH (and GET, DELETE).
    const { debtorGuid = "" } = await unwrap(fakeClient(fake, { routes }).call(createDebtor, { body: debtorBody }));
    const put = await fakeClient(fake, { routes: defineRoutes({ updateDebtor: { path: "/api/v1/Debtors/{debtorGuid}" } }) }).call(updateDebtor, {
      params: { path: { debtorGuid } },
      body: { lastname: "Berg", juridicalType: 0 },
    });
    expect(put.response.status).toBe(405);
  });

  it("exits 2 with a message for a file it cannot read or parse, still sending nothing", async () => {
    vi.stubGlobal("fetch", throwingFetch);
    const bad = join(dir, "bad.json");
    await writeFile(bad, "openapi: 3.0.1\n");
    const empty = join(dir, "empty.json");
    await writeFile(empty, JSON.stringify({ openapi: "3.0.1", paths: { "/x": { parameters: [] } } }));
    const messages: Record<string, RegExp> = {
      [bad]: /^aptic-gateway-client: .*bad\.json is not JSON \(--from-openapi reads JSON; convert a YAML file first\)\n$/,
      [empty]: /^aptic-gateway-client: .*empty\.json has no operations/,
      [join(dir, "missing.json")]: /^aptic-gateway-client: ENOENT/,
    };
    for (const [file, message] of Object.entries(messages)) {
      let stderr = "";
      expect(await doctorMain(["doctor", "--from-openapi", file], { env: ENV, stdout: () => {}, stderr: (t) => (stderr += t) })).toBe(2);
      expect(stderr).toMatch(message);
    }
    expect(fetchCalls).toEqual([]);
  });
});
