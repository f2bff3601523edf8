// The doctor against the fake gateway serving deliberately different routes: it refutes exactly
// the moved operations, finds where they went, writes a routes file, and a client given that
// file passes the same scenario by operation.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKey } from "../../src/index.js";
import { doctorMain, runDoctor, type DoctorReport } from "../../src/doctor/index.js";
import { defineRoutes } from "../../src/routes/index.js";
import { createFakeGateway, type FakeGateway } from "../../src/testing/index.js";
import { fakeClient } from "../fake/support/client.js";
import { debtorScenario, MOVED } from "../fake/support/moved-routes.js";
import { listCustomers, listDebtors } from "../../src/operations/index.js";

const refuted = (report: DoctorReport) =>
  report.operations
    .filter((r) => r.verdict === "refuted")
    .map((r) => r.operationId)
    .sort();
const movedIds = Object.keys(MOVED).sort();
const auth = (fake: FakeGateway) => apiKey(fake.apiKey, { header: fake.apiKeyHeader });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "aptic-doctor-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("runDoctor", () => {
  it("confirms every route of a gateway that serves the generated routes", async () => {
    const fake = await createFakeGateway();
    const report = await runDoctor({ baseUrl: fake.baseUrl, fetch: fake.fetch, auth: auth(fake), writeProbes: true });
    expect(refuted(report)).toEqual([]);
    expect(report.summary.confirmed).toBeGreaterThan(60);
    expect(report.mismatches).toEqual([]);
    expect(report.routes).toEqual({});
  });

  it("by default sends reads only, refutes exactly the moved read operations, and says which writes it left out", async () => {
    const fake = await createFakeGateway({ routes: MOVED });
    const report = await runDoctor({ baseUrl: fake.baseUrl, fetch: fake.fetch, auth: auth(fake) });
    expect(refuted(report)).toEqual(movedIds.filter((id) => id !== "createDebtor"));
    expect(new Set(fake.requests.map((r) => r.method))).toEqual(new Set(["GET"]));
    const createDebtor = report.operations.find((r) => r.operationId === "createDebtor");
    expect(createDebtor).toMatchObject({ verdict: "unknown", probe: "none", reason: "write operation: not probed without --write-probes" });
    expect(report.writeProbed).toEqual([]);
  });

  it("with write probes refutes exactly the moved operations, creates nothing and finds every moved path", async () => {
    const fake = await createFakeGateway({ routes: MOVED });
    const report = await runDoctor({ baseUrl: fake.baseUrl, fetch: fake.fetch, auth: auth(fake), writeProbes: true });
    expect(refuted(report)).toEqual(movedIds);
    expect(report.routes).toEqual(defineRoutes(MOVED).table);
    expect(report.writeProbed).toContain("createDebtor");
    // Random ids and bodies the spec rejects: no write succeeded, nothing exists.
    for (const r of report.operations.filter((o) => o.probe === "write")) expect(r.status).toBeGreaterThanOrEqual(400);
    // Nested items cannot exist without their parents.
    expect([fake.store.count("debtor"), fake.store.count("customer")]).toEqual([0, 0]);
    expect(report.operations.find((r) => r.operationId === "listDebtors")).toMatchObject({
      reason: "404 like an unknown path (route-level)",
      found: { method: "GET", path: MOVED.listDebtors.path },
    });
    expect(report.operations.find((r) => r.operationId === "getDebtor")?.reason).toBe("405 Method Not Allowed (Allow: DELETE, PUT)");
  });

  it("lists response bodies that do not match the spec", async () => {
    const fake = await createFakeGateway();
    const fetch = async (input: Request, init?: RequestInit) => {
      const response = await fake.fetch(input, init);
      if (input.method !== "GET" || new URL(input.url).pathname !== listCustomers.path) return response;
      const body = (await response.json()) as Record<string, unknown>;
      return new Response(JSON.stringify({ ...body, total: "many" }), { status: response.status, headers: response.headers });
    };
    const report = await runDoctor({ baseUrl: fake.baseUrl, fetch, auth: auth(fake), only: ["listCustomers", "getCustomer"] });
    expect(report.operations.map((r) => r.operationId)).toEqual(["getCustomer", "listCustomers"]);
    expect(report.mismatches).toEqual([
      {
        operationId: "listCustomers",
        status: 200,
        message: "The 200 body of listCustomers does not match its response schema",
        errors: { total: [expect.stringMatching(/^type: /)] },
      },
    ]);
  });
});

describe("npx aptic-gateway-client doctor", () => {
  async function run(fake: FakeGateway, args: string[], env: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await doctorMain(args, {
      env: { APTIC_BASE_URL: fake.baseUrl, APTIC_CLIENT_ID: fake.clientId, APTIC_CLIENT_SECRET: fake.clientSecret, APTIC_TOKEN_URL: fake.tokenUrl, ...env },
      fetch: fake.fetch,
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      isTTY: true,
    });
    return { code, stdout: out.join(""), stderr: err.join("") };
  }

  it("writes a routes file from what it learned; a client given it passes the scenario; a re-check refutes nothing", async () => {
    const fake = await createFakeGateway({ routes: MOVED });
    const file = join(dir, "aptic-routes.json");
    const first = await run(fake, ["doctor", "--write-probes", "--write-routes", file]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(`auth: OAuth2 client credentials (token URL ${fake.tokenUrl}): accepted`);
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    expect(first.stdout).toMatch(
      new RegExp(
        `^refuted {3}404 {4}listDebtors +GET {4}${esc(listDebtors.path)} +404 like an unknown path \\(route-level\\) → found GET ${esc(MOVED.listDebtors.path)}$`,
        "m",
      ),
    );
    expect(first.stdout).toContain(`summary: ${78 - 5 - 9} confirmed, 5 refuted, 9 unknown`);
    expect(first.stdout).toContain(`routes written to ${file} (5 route(s))`);
    expect(first.stderr.split("\n").filter((l) => /^\[\d+\/78\] /.test(l))).toHaveLength(78);
    const written = await readFile(file, "utf8");
    for (const text of [first.stdout, first.stderr, written]) expect(text).not.toContain(fake.clientSecret);

    const routes = defineRoutes(JSON.parse(written));
    await debtorScenario(fakeClient(fake, { routes }));

    const again = await run(fake, ["doctor", "--routes", file, "--write-probes", "--json"]);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as DoctorReport;
    expect(report.summary.refuted).toBe(0);
    expect(report.operations.find((r) => r.operationId === "getDebtor")).toMatchObject({ verdict: "confirmed", path: MOVED.getDebtor.path });
  });

  it("exits 2 with a message for what keeps it from running, never echoing the secret", async () => {
    const fake = await createFakeGateway();
    const wrong = await run(fake, ["doctor", "--only", "pingDebtors"], { APTIC_CLIENT_SECRET: "wrong-secret-value-123" });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^aptic-gateway-client: /);
    expect(wrong.stderr).not.toContain("wrong-secret-value-123");
    expect((await run(fake, ["doctor", "--verbose"])).stderr).toBe('aptic-gateway-client: Unknown option "--verbose"\n');
    expect((await run(fake, ["doctor", "--routes"])).stderr).toBe("aptic-gateway-client: --routes needs a value\n");
    expect((await run(fake, ["doctor", "--timeout-ms", "0"])).stderr).toBe("aptic-gateway-client: --timeout-ms must be a positive integer\n");
    expect((await run(fake, ["doctor", "--only", "getDebtr"])).stderr).toBe('aptic-gateway-client: --only: unknown operation "getDebtr"\n');
    expect((await run(fake, ["doctor", "--routes", join(dir, "missing.json")])).code).toBe(2);
    expect((await run(fake, ["check"])).stderr).toMatch(/^aptic-gateway-client: Unknown command "check"/);
    expect((await run(fake, ["doctor"], { APTIC_BASE_URL: "" })).stderr).toBe("aptic-gateway-client: APTIC_BASE_URL is not set (or pass --base-url)\n");
    const help = await run(fake, ["doctor", "--help"]);
    expect([help.code, help.stdout]).toEqual([0, expect.stringMatching(/^Usage: npx aptic-gateway-client doctor \[options\]/)]);
  });

  it("names an API key's header and a bearer token without their values", async () => {
    const fake = await createFakeGateway();
    const noOAuth = { APTIC_CLIENT_ID: "", APTIC_CLIENT_SECRET: "", APTIC_TOKEN_URL: "" };
    const keyed = await run(fake, ["doctor", "--only", "pingDebtors,getDebtor", "--json"], {
      ...noOAuth,
      APTIC_API_KEY: fake.apiKey,
      APTIC_API_KEY_HEADER: fake.apiKeyHeader,
    });
    expect(keyed.code).toBe(0);
    const report = JSON.parse(keyed.stdout) as DoctorReport;
    expect(report.auth).toEqual({ scheme: `API key (header ${fake.apiKeyHeader})`, result: "accepted", detail: "2 probe(s) got past auth" });
    expect(keyed.stdout).not.toContain(fake.apiKey);
    const bearer = await run(fake, ["doctor", "--only", "pingDebtors", "--json"], { ...noOAuth, APTIC_TOKEN: "not-a-token-of-the-fake" });
    expect((JSON.parse(bearer.stdout) as DoctorReport).auth).toEqual({
      scheme: "bearer token",
      result: "refused",
      detail: "every probe was refused with 401/403",
    });
    expect(bearer.stdout).not.toContain("not-a-token-of-the-fake");
  });
});
