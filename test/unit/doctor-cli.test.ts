// The doctor command's own surface: the table's exact columns and order, every flag, the auth
// description (never a secret), the help and error paths and their exit codes, and the defaults
// it takes from the process when a test gives none.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { doctorMain, routesFromOpenApi, type DoctorIo, type DoctorReport } from "../../src/doctor/index.js";
import { operations } from "../../generated/operations.js";
import { spec } from "../../generated/spec.js";
import { createFakeGateway, type FakeGateway } from "../../src/testing/index.js";
import { deleteCustomer, deleteDebtor, listIdentities, pingCustomers, pingDebtors, pingWebhooks, updateDebtor } from "../../src/operations/index.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "aptic-doctor-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const keyEnv = (fake: FakeGateway) => ({ APTIC_BASE_URL: fake.baseUrl, APTIC_API_KEY: fake.apiKey, APTIC_API_KEY_HEADER: fake.apiKeyHeader });

async function run(argv: string[], io: Partial<DoctorIo>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await doctorMain(argv, { isTTY: false, ...io, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const cols = (verdict: string, status: string, op: string, method: string) => `${verdict.padEnd(10)}${status.padEnd(7)}${op.padEnd(36)}${method.padEnd(7)}`;

describe("the doctor's table", () => {
  it("lists refuted, then unknown, then confirmed operations in fixed columns, with found routes, the summary and the routes written", async () => {
    const fake = await createFakeGateway({
      routes: { pingWebhooks: { path: `/elsewhere${pingWebhooks.path}` }, listIdentities: { path: `/gw${listIdentities.path}` } },
    });
    const paths: string[] = [];
    const fetch = async (input: Request, init?: RequestInit) => {
      paths.push(new URL(input.url).pathname);
      if (new URL(input.url).pathname === pingDebtors.path) throw new TypeError("fetch failed");
      return fake.fetch(input, init);
    };
    const file = join(dir, "routes.json");
    const { code, stdout, stderr } = await run(
      ["doctor", "--try-prefix", "/x", "--try-prefix", "/gw", "--only", "pingCustomers,,pingWebhooks,listIdentities,pingDebtors", "--write-routes", file],
      { env: keyEnv(fake), fetch, isTTY: true },
    );
    expect(code).toBe(1);
    expect(stdout.split("\n")).toEqual([
      `Aptic gateway doctor: ${fake.baseUrl}`,
      `auth: API key (header ${fake.apiKeyHeader}): accepted (3 probe(s) got past auth)`,
      "",
      `${cols("VERDICT", "STATUS", "OPERATION", "METHOD")}PATH  REASON`,
      `${cols("refuted", "404", "listIdentities", "GET")}${listIdentities.path}  404 like an unknown path (route-level) → found GET /gw${listIdentities.path}`,
      `${cols("refuted", "404", "pingWebhooks", "GET")}${pingWebhooks.path}  404 like an unknown path (route-level)`,
      `${cols("unknown", "-", "pingDebtors", "GET")}${pingDebtors.path}  no answer: ApticConnectionError: GET ${fake.baseUrl}${pingDebtors.path}: connection failed`,
      `${cols("confirmed", "200", "pingCustomers", "GET")}${pingCustomers.path}  answered 200`,
      "",
      "summary: 1 confirmed, 2 refuted, 1 unknown",
      `routes written to ${file} (1 route(s))`,
      "",
    ]);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ listIdentities: { method: "GET", path: `/gw${listIdentities.path}` } });
    expect(stderr).toBe(
      ["[1/4] refuted   listIdentities", "[2/4] confirmed pingCustomers", "[3/4] unknown   pingDebtors", "[4/4] refuted   pingWebhooks", ""].join("\n"),
    );
    // The prefixes tried for a refuted route: /api and /api/v1 always, then the ones given, in order; nothing else.
    const tried = paths.filter((p) => p.endsWith(pingWebhooks.path) && p !== pingWebhooks.path);
    expect(tried).toEqual([`/api${pingWebhooks.path}`, `/api/v1${pingWebhooks.path}`, `/x${pingWebhooks.path}`, `/gw${pingWebhooks.path}`]);

    paths.length = 0;
    expect((await run(["doctor", "--only", "pingWebhooks"], { env: keyEnv(fake), fetch })).code).toBe(1);
    expect(paths.filter((p) => p.endsWith(pingWebhooks.path) && p !== pingWebhooks.path)).toEqual([`/api${pingWebhooks.path}`, `/api/v1${pingWebhooks.path}`]);
  });

  it("names write probes only with --write-probes, and honours --timeout-ms", async () => {
    const fake = await createFakeGateway();
    const reads = await run(["doctor", "--json", "--only", deleteDebtor.id], { env: keyEnv(fake), fetch: fake.fetch });
    const writes = await run(["doctor", "--json", "--write-probes", "--only", deleteDebtor.id], { env: keyEnv(fake), fetch: fake.fetch });
    expect((JSON.parse(reads.stdout) as DoctorReport).operations.map((r) => r.probe)).toEqual(["none"]);
    expect((JSON.parse(writes.stdout) as DoctorReport).operations.map((r) => r.probe)).toEqual(["write"]);
    expect(fake.requests.of(deleteDebtor.id)).toHaveLength(1);
    const table = await run(["doctor", "--write-probes", "--only", `${deleteDebtor.id},${deleteCustomer.id}`], { env: keyEnv(fake), fetch: fake.fetch });
    expect(table.stdout).toContain("\nchecked only by write probes: deleteCustomer, deleteDebtor\n");

    const hang = (_: Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const slow = await run(["doctor", "--json", "--timeout-ms", "30", "--only", "pingCustomers"], { env: keyEnv(fake), fetch: hang });
    expect((JSON.parse(slow.stdout) as DoctorReport).operations[0]?.reason).toMatch(/^no answer: ApticTimeoutError: .*30 ms/);
  });

  it("describes the auth by scheme and token URL origin and path, never a secret or the URL's query", async () => {
    const fake = await createFakeGateway();
    const schemes: string[] = [];
    const envs: Record<string, string>[] = [
      { APTIC_CLIENT_ID: fake.clientId, APTIC_CLIENT_SECRET: fake.clientSecret, APTIC_TOKEN_URL: `${fake.tokenUrl}?tenant=acme-secret-tenant` },
      { APTIC_API_KEY: fake.apiKey },
      { APTIC_API_KEY: fake.apiKey, APTIC_API_KEY_HEADER: "X-Other" },
      { APTIC_TOKEN: "a-bearer-token-value" },
      {},
    ];
    for (const env of envs) {
      const { stdout, stderr } = await run(["doctor", "--json", "--only", "pingCustomers"], {
        env: { APTIC_BASE_URL: fake.baseUrl, ...env },
        fetch: fake.fetch,
      });
      for (const value of Object.values(env)) if (!value.startsWith("http") && value !== "X-Other") expect(stdout + stderr).not.toContain(value);
      expect(stdout + stderr).not.toContain("acme-secret-tenant");
      schemes.push((JSON.parse(stdout) as DoctorReport).auth.scheme);
    }
    const token = new URL(fake.tokenUrl);
    expect(schemes).toEqual([
      `OAuth2 client credentials (token URL ${token.origin}${token.pathname})`,
      "API key (header default)",
      "API key (header X-Other)",
      "bearer token",
      "none",
    ]);
  });
});

describe("the command line", () => {
  it("prints the usage for no command, --help, -h and a --help anywhere, and sends nothing", async () => {
    const fetch = vi.fn();
    for (const argv of [[], ["--help"], ["-h"], ["doctor", "--help"], ["doctor", "--json", "--help"]]) {
      const { code, stdout, stderr } = await run(argv, { env: {}, fetch });
      expect([code, stderr]).toEqual([0, ""]);
      expect(stdout).toMatch(
        /^Usage: npx aptic-gateway-client doctor \[options\]\n[\s\S]*Exit code: 0 nothing refuted, 1 something refuted, 2 could not run\.\n$/,
      );
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it("exits 2 with one message line for what keeps it from running", async () => {
    const fake = await createFakeGateway();
    const notJson = join(dir, "routes.yaml");
    await writeFile(notJson, "pingDebtors: {}\n");
    const cases: [string[], Record<string, string>, string | RegExp][] = [
      [["doctor", "--base-url"], {}, "--base-url needs a value"],
      [["doctor", "--routes", "--json"], keyEnv(fake), "--routes needs a value"],
      [["doctor", "--timeout-ms", "0"], keyEnv(fake), "--timeout-ms must be a positive integer"],
      [["doctor", "--timeout-ms", "1.5"], keyEnv(fake), "--timeout-ms must be a positive integer"],
      [["doctor", "--timeout-ms", "soon"], keyEnv(fake), "--timeout-ms must be a positive integer"],
      [["doctor", "--bogus"], keyEnv(fake), 'Unknown option "--bogus"'],
      [["doctor", "--try-prefix", "api"], keyEnv(fake), '--try-prefix: "api" is not a path starting with "/"'],
      [["doctor", "--try-prefix", "/api v2"], keyEnv(fake), '--try-prefix: "/api v2" is not a path starting with "/"'],
      [["doctor", "--try-prefix", "/api?x=1"], keyEnv(fake), '--try-prefix: "/api?x=1" is not a path starting with "/"'],
      [["doctor", "--try-prefix", "v2/api"], keyEnv(fake), '--try-prefix: "v2/api" is not a path starting with "/"'],
      [["doctor", "--try-prefix", "x".repeat(100)], keyEnv(fake), `--try-prefix: "${"x".repeat(64)}" is not a path starting with "/"`],
      [["doctor"], {}, "APTIC_BASE_URL is not set (or pass --base-url)"],
      [["doctor"], { APTIC_BASE_URL: fake.baseUrl, APTIC_CLIENT_ID: "only-the-id" }, /^OAuth2 from the environment needs /],
      [["doctor", "--routes", join(dir, "missing.json")], keyEnv(fake), /^ENOENT: /],
      [["doctor", "--routes", notJson], keyEnv(fake), `${notJson} is not JSON (--routes reads what --write-routes writes)`],
    ];
    for (const [argv, env, message] of cases) {
      const { code, stdout, stderr } = await run(argv, { env, fetch: fake.fetch });
      expect([argv, code, stdout]).toEqual([argv, 2, ""]);
      expect(stderr).toMatch(/^aptic-gateway-client: [^\n]+\n$/);
      if (typeof message === "string") expect(stderr).toBe(`aptic-gateway-client: ${message}\n`);
      else expect(stderr.slice("aptic-gateway-client: ".length)).toMatch(message);
    }
    const unknown = await run(["doctr"], { env: {} });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^aptic-gateway-client: Unknown command "doctr"\n\nUsage: npx aptic-gateway-client doctor/);
  });

  it("lets an unexpected failure through instead of calling it a usage problem", async () => {
    const fake = await createFakeGateway();
    // A directory where the routes file should go: EISDIR is a bug in the call, not exit 2.
    await expect(
      doctorMain(["doctor", "--only", "pingCustomers", "--write-routes", dir], { env: keyEnv(fake), fetch: fake.fetch, stdout: () => {}, stderr: () => {} }),
    ).rejects.toMatchObject({
      code: "EISDIR",
    });
  });

  it("writes to the process's stdout and stderr when given none, with progress only when stderr is a terminal", async () => {
    const fake = await createFakeGateway();
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const tty = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
    const written = (spy: typeof out) => spy.mock.calls.splice(0).map(([text]) => String(text));
    try {
      for (const [isTTY, progress] of [
        [true, ["[1/1] confirmed pingCustomers\n"]],
        [false, []],
        [undefined, []],
      ] as const) {
        Object.defineProperty(process.stderr, "isTTY", { value: isTTY, configurable: true });
        expect(await doctorMain(["doctor", "--only", "pingCustomers"], { env: keyEnv(fake), fetch: fake.fetch })).toBe(0);
        expect([isTTY, written(err)]).toEqual([isTTY, progress]);
        expect(written(out).map((t) => t.split("\n")[0])).toEqual([`Aptic gateway doctor: ${fake.baseUrl}`]);
      }
      expect(await doctorMain(["doctor", "--bogus"], { env: {} })).toBe(2);
    } finally {
      if (tty) Object.defineProperty(process.stderr, "isTTY", tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
    expect(written(err)).toEqual(['aptic-gateway-client: Unknown option "--bogus"\n']);
  });
});

describe("doctor --from-openapi's table", () => {
  type Doc = { paths: Record<string, Record<string, unknown>> };

  it("names the vendor prefix, each move and method change, the summary, the vendor-only operations and the routes written", async () => {
    const vendor = structuredClone(spec) as unknown as Doc;
    vendor.paths = Object.fromEntries(Object.entries(vendor.paths).map(([path, item]) => [`/api/v9${path}`, item]));
    const moved = vendor.paths[`/api/v9${updateDebtor.path}`] ?? {};
    const other = updateDebtor.method === "PUT" ? "patch" : "put";
    vendor.paths[`/api/v9${updateDebtor.path}`] = {
      ...moved,
      [other]: moved[updateDebtor.method.toLowerCase()],
      [updateDebtor.method.toLowerCase()]: undefined,
    };
    vendor.paths["/api/v9/Invoices/{invoiceNo}/Reminders"] = {
      get: { operationId: "Invoices_Reminders", summary: "Reminders sent for an invoice", responses: { "200": { description: "OK" } } },
    };
    const file = join(dir, "vendor.json");
    const routes = join(dir, "vendor-routes.json");
    await writeFile(file, JSON.stringify(vendor));
    const { code, stdout } = await run(["doctor", "--from-openapi", file, "--write-routes", routes], { env: {} });
    const total = Object.keys(JSON.parse(await readFile(routes, "utf8"))).length;
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    // The prefix the matcher found (our own, if the spec has one, may follow /api/v9).
    const { prefix } = routesFromOpenApi(vendor);
    expect(prefix.startsWith("/api/v9")).toBe(true);
    expect(lines.slice(0, 3)).toEqual([`Aptic gateway doctor: routes from ${file} (nothing sent)`, `vendor path prefix: ${prefix}`, ""]);
    expect(lines).toContain(
      `${"method".padEnd(8)}${"updateDebtor".padEnd(36)}${updateDebtor.method} ${updateDebtor.path} → ${other.toUpperCase()} /api/v9${updateDebtor.path}`,
    );
    expect(lines).toContain(`${"moved".padEnd(8)}${"pingDebtors".padEnd(36)}GET ${pingDebtors.path} → GET /api/v9${pingDebtors.path}`);
    expect(lines.slice(-4)).toEqual([
      `summary: ${total} moved (1 with a method change), 0 unchanged, 0 ambiguous (not written), 0 of ours unmatched, 1 vendor-only`,
      "vendor-only operations: GET /api/v9/Invoices/{invoiceNo}/Reminders",
      `routes written to ${routes} (${total} route(s))`,
      "",
    ]);
  });

  it("reports a file with only operations we do not know, instead of calling it empty", async () => {
    const file = join(dir, "foreign.json");
    await writeFile(
      file,
      JSON.stringify({ openapi: "3.0.1", paths: { "/Invoices": { get: { operationId: "Invoices_List", responses: { "200": { description: "OK" } } } } } }),
    );
    const { code, stdout, stderr } = await run(["doctor", "--from-openapi", file], { env: {} });
    expect([code, stderr]).toEqual([0, ""]);
    expect(stdout).toContain(
      `0 unchanged, 0 ambiguous (not written), ${Object.keys(operations).length} of ours unmatched, 1 vendor-only\nvendor-only operations: GET /Invoices\n`,
    );
  });

  it("says 'none' when the paths share no prefix, and leaves out the method-change and routes-written lines", async () => {
    const file = join(dir, "ours.json");
    const extra = { get: { operationId: "Things_List", summary: "Things", responses: { "200": { description: "OK" } } } };
    const ours = spec as unknown as { paths: Record<string, unknown> };
    await writeFile(file, JSON.stringify({ ...ours, paths: { ...ours.paths, "/zz-vendor-only/things": extra } }));
    const { code, stdout } = await run(["doctor", "--from-openapi", file], { env: {} });
    const n = Object.keys(operations).length;
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        `Aptic gateway doctor: routes from ${file} (nothing sent)`,
        "vendor path prefix: none",
        "",
        "",
        `summary: 0 moved (0 with a method change), ${n} unchanged, 0 ambiguous (not written), 0 of ours unmatched, 1 vendor-only`,
        "vendor-only operations: GET /zz-vendor-only/things",
        "",
      ].join("\n"),
    );
  });
});
