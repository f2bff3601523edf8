// The install matrix (a step of `npm run check:package`, so of `npm test`): the packed tarball is
// installed, as an integrator would, into scratch projects that already pin a tool exactly
// (`npm install --save-exact`), one project each:
//   none                          every entry point imports (ESM and CJS); the testing kit says
//                                 what to install for the fake and for the Prism mock;
//   typescript@5.3.3              (below the stated 5.4 minimum: the install must still work)
//   msw@2, msw@3 (latest 3.x)     the fake's msw handlers answer a typed client through msw's
//                                 setupServer (msw 3 needs Node >= 22.12: run on the Node 22
//                                 binary the runtime matrix pins, see test/installs/);
//   @stoplight/prism-cli@5.16.0   startMockServer() runs on that Prism.
// Each install must succeed without --force or --legacy-peer-deps and leave the pinned version
// as it was, in package.json and in node_modules. A project's pinned tools are installed once
// into node_modules/.cache/aptic-install-matrix/<project>/ (delete it to pick up a newer msw 3)
// and copied to a temp directory for each run; installs use --prefer-offline (the npm cache).
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cleanEnv, installPinned } from "./pinned-install.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CACHE = join(ROOT, "node_modules/.cache/aptic-install-matrix");
const NPM_FLAGS = ["--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"];
const RUN_TIMEOUT_MS = 90_000;

const SUBPATHS = Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).exports)
  .filter((key) => key !== "./package.json")
  .map((key) => `aptic-gateway-client${key.slice(1)}`);

const HEAD = `import assert from "node:assert/strict";\nimport { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n`;

/** A typed client on the fake through msw's own interception; the same file for msw 2 and 3. */
const MSW_CHECK = `${HEAD}
import { http } from "msw";
import { setupServer } from "msw/node";
import { ApticConnectionError, apiKey, createApticClient, unwrap } from "aptic-gateway-client";
import { createFakeGateway } from "aptic-gateway-client/testing";
import { createDebtor, listDebtors } from "aptic-gateway-client/operations";
const fake = await createFakeGateway({ baseUrl: "https://gw.example.test/api" });
const server = setupServer(...fake.mswHandlers(http));
server.listen({ onUnhandledRequest: "error" });
try {
  const aptic = createApticClient({ baseUrl: fake.baseUrl, auth: apiKey(fake.apiKey, { header: fake.apiKeyHeader }), retry: false });
  const created = await unwrap(aptic.call(createDebtor, { body: { lastname: "Via msw" } }));
  assert.equal(fake.store.get("debtor", created.debtorGuid ?? "")?.lastname, "Via msw");
  fake.failNext({ operationId: "listDebtors", connection: "reset" });
  await assert.rejects(unwrap(aptic.call(listDebtors, {})), (err) => err instanceof ApticConnectionError);
  assert.deepEqual(fake.requests.map((r) => r.operationId), ["createDebtor", "listDebtors"]);
} finally {
  server.close();
}
console.log("msw " + require("msw/package.json").version + " on Node " + process.versions.node + ": the fake answered through setupServer");
`;

/** The scratch projects: what each pins, and what it then checks with the installed package. */
const PROJECTS = [
  {
    name: "none",
    pins: [],
    check: `${HEAD}
for (const entry of ${JSON.stringify(SUBPATHS)}) {
  await import(entry);
  require(entry);
}
const { createFakeGateway, startMockServer } = await import("aptic-gateway-client/testing");
await assert.rejects(createFakeGateway(), { name: "ApticUsageError", message: "createFakeGateway needs @cfworker/json-schema: npm install --save-dev @cfworker/json-schema@4" });
await assert.rejects(startMockServer(), { name: "ApticUsageError", message: "startMockServer needs @stoplight/prism-cli: npm install --save-dev @stoplight/prism-cli@5" });
console.log("every entry point imports; the testing kit names what to install");
`,
  },
  {
    name: "typescript-5.3.3",
    pins: ["typescript@5.3.3"],
    check: `${HEAD}
await import("aptic-gateway-client");
await import("aptic-gateway-client/operations");
assert.equal(require("typescript").version, "5.3.3");
console.log("the project's TypeScript is still " + require("typescript").version);
`,
  },
  { name: "msw-2", pins: ["msw@2", "@cfworker/json-schema@4"], check: MSW_CHECK },
  { name: "msw-3", pins: ["msw@3", "@cfworker/json-schema@4"], check: MSW_CHECK, node22: true },
  {
    name: "prism-cli-5.16.0",
    pins: ["@stoplight/prism-cli@5.16.0"],
    check: `${HEAD}
const { startMockServer } = await import("aptic-gateway-client/testing");
const { pingDebtors } = await import("aptic-gateway-client/operations");
const mock = await startMockServer();
try {
  const res = await fetch(mock.baseUrl + pingDebtors.path, { headers: { authorization: "Bearer t" } });
  assert.equal(res.status, 200);
} finally {
  await mock.close();
}
console.log("startMockServer() runs on Prism " + require("@stoplight/prism-cli/package.json").version);
`,
  },
];

function npm(args, cwd) {
  execFileSync("npm", args, { cwd, env: cleanEnv(), stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
}

const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

/** The project with only its pinned tools installed (cached; rebuilt when its pins change). */
function baseProject(project) {
  const dir = join(CACHE, project.name);
  const marker = join(dir, ".pins.json");
  if (existsSync(marker) && readFileSync(marker, "utf8") === JSON.stringify(project.pins)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: `scratch-${project.name}`, version: "1.0.0", private: true, type: "module" }, null, 2)}\n`,
  );
  if (project.pins.length > 0) npm(["install", "--save-exact", ...NPM_FLAGS, ...project.pins], dir);
  writeFileSync(marker, JSON.stringify(project.pins));
  return dir;
}

/** Node 22 for msw 3: the runtime matrix's copy when it is installed, else the same pin on its own. */
function node22() {
  const spec = (file) => readJson(join(ROOT, file)).dependencies["node-22"];
  if (spec("test/installs/package.json") !== spec("test/runtimes/package.json")) {
    throw new Error("test/installs/package.json pins another node-22 than test/runtimes/package.json");
  }
  const shared = join(ROOT, "node_modules/.cache/aptic-runtimes/node_modules/node-22/bin/node");
  if (existsSync(shared)) return shared;
  return join(installPinned("test/installs", "aptic-install-node"), "node_modules/node-22/bin/node");
}

/** Installs `tarball` into a copy of each project and runs its check; throws on the first failure. */
export function installMatrix(tarball) {
  if (process.platform !== "linux" || process.arch !== "x64") console.warn("install matrix: the msw 3 project needs the Linux x64 Node 22 binary");
  const work = mkdtempSync(join(tmpdir(), "aptic-installs-"));
  try {
    for (const project of PROJECTS) {
      const started = Date.now();
      const dir = join(work, project.name);
      cpSync(baseProject(project), dir, { recursive: true, verbatimSymlinks: true });
      const before = readJson(join(dir, "package.json")).dependencies ?? {};
      try {
        npm(["install", ...NPM_FLAGS, tarball], dir);
      } catch (err) {
        throw new Error(`install matrix: npm install of the tarball failed in the project that pins ${project.pins.join(", ") || "nothing"}: ${err.message}`);
      }
      const after = readJson(join(dir, "package.json")).dependencies ?? {};
      for (const [pkg, version] of Object.entries(before)) {
        const installed = readJson(join(dir, "node_modules", pkg, "package.json")).version;
        if (after[pkg] !== version || installed !== version) {
          throw new Error(
            `install matrix (${project.name}): ${pkg} was pinned at ${version}; after the install package.json says ${after[pkg]}, node_modules has ${installed}`,
          );
        }
      }
      if (!after["aptic-gateway-client"]) throw new Error(`install matrix (${project.name}): aptic-gateway-client is not in package.json`);
      writeFileSync(join(dir, "check.mjs"), project.check);
      const node = project.node22 ? node22() : process.execPath;
      const run = spawnSync(node, ["check.mjs"], { cwd: dir, encoding: "utf8", timeout: RUN_TIMEOUT_MS });
      if (run.status !== 0) {
        throw new Error(`install matrix (${project.name}): check.mjs failed (exit ${run.status ?? run.signal}):\n${run.stdout}${run.stderr}`);
      }
      const pinned = Object.entries(before).map(([pkg, version]) => `${pkg}@${version}`);
      console.log(`  ${project.name.padEnd(18)} pins [${pinned.join(", ")}] kept; ${run.stdout.trim()} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tarball = process.argv[2];
  if (!tarball) throw new Error("usage: node scripts/install-matrix.mjs <tarball.tgz>");
  installMatrix(resolve(tarball));
}
