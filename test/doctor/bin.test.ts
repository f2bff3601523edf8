// The installed command, as `npx aptic-gateway-client doctor` runs it: the package's bin over the
// built dist/, against the fake gateway on 127.0.0.1 with moved routes.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertFreshDist } from "../../scripts/dist-check.mjs";
import { createFakeGateway } from "../../src/testing/index.js";
import { MOVED } from "../fake/support/moved-routes.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { bin: Record<string, string> };
const bin = new URL(`../../${pkg.bin["aptic-gateway-client"]}`, import.meta.url);

function runBin(args: string[], env: Record<string, string>, cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin.pathname, ...args], {
      env: { PATH: process.env["PATH"] ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      ...(cwd ? { cwd } : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("bin aptic-gateway-client (over dist/: npm test builds first)", () => {
  beforeAll(() => assertFreshDist());

  it("doctor --json over HTTP refutes the moved read operations and exits 1", async () => {
    const fake = await createFakeGateway({ routes: MOVED });
    const server = await fake.listen();
    try {
      const { code, stdout, stderr } = await runBin(["doctor", "--json"], {
        APTIC_BASE_URL: server.url,
        APTIC_CLIENT_ID: fake.clientId,
        APTIC_CLIENT_SECRET: fake.clientSecret,
        APTIC_TOKEN_URL: server.tokenUrl,
      });
      expect([code, stderr]).toEqual([1, ""]);
      const report = JSON.parse(stdout) as { summary: { refuted: number }; operations: { operationId: string; verdict: string }[] };
      expect(report.operations.filter((r) => r.verdict === "refuted").map((r) => r.operationId)).toEqual([
        "getCustomerAddress",
        "getDebtor",
        "listDebtors",
        "pingDebtors",
      ]);
      expect(stdout).not.toContain(fake.clientSecret);
    } finally {
      await server.close();
    }
  });

  it("doctor --from-openapi --write-routes reads the vendor's file, writes the routes and sends nothing", async () => {
    const vendor = new URL("../fixtures/vendor/debtors.swashbuckle.json", import.meta.url).pathname;
    const dir = await mkdtemp(join(tmpdir(), "aptic-doctor-bin-"));
    // A gateway and a token endpoint in the environment that count what reaches them: nothing may.
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const secret = "bin-secret-never-printed";
    try {
      const { code, stdout, stderr } = await runBin(
        ["doctor", "--from-openapi", vendor, "--write-routes", "routes.json"],
        { APTIC_BASE_URL: url, APTIC_CLIENT_ID: "bin-client", APTIC_CLIENT_SECRET: secret, APTIC_TOKEN_URL: `${url}/token` },
        dir,
      );
      expect([code, stderr]).toEqual([0, ""]);
      expect(requests).toBe(0);
      expect(stdout).toContain("summary: 27 moved (1 with a method change), 0 unchanged, 0 ambiguous (not written), 51 of ours unmatched, 2 vendor-only");
      expect(stdout).toContain("routes written to routes.json (27 route(s))");
      const written = await readFile(join(dir, "routes.json"), "utf8");
      const routes = JSON.parse(written) as Record<string, unknown>;
      expect(routes["updateDebtor"]).toEqual({ method: "PATCH", path: "/api/v1/Debtors/{debtorGuid}", methodChange: true });
      expect(Object.keys(routes)).toHaveLength(27);
      expect(`${stdout}${written}`).not.toContain(secret);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
