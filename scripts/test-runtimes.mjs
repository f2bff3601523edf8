// `npm run test:runtimes`: the packed package's ESM build on every runtime it promises — this
// Node, Node 22/24/26, Bun, Deno and workerd (through Miniflare) — running the same typed consumer
// (test/runtimes/consumer.mts: a GET, a paginated list and a 404 mapped to ApticNotFoundError)
// against a small loopback gateway (test/runtimes/loopback-gateway.mjs; Prism does not run on
// workerd). `.ci/run` runs it.
//
// The runtimes are Linux x64 binaries shipped inside npm packages, exact-pinned with integrity
// hashes in test/runtimes/package-lock.json and installed on first use into
// node_modules/.cache/aptic-runtimes/ (scripts/pinned-install.mjs; ~1 GB unpacked, ~250 MB
// download). They are not devDependencies: every `npm ci` would download them for one opt-in
// check, and platform-specific packages break `npm ci` on other platforms (as optional
// dependencies they would silently vanish there instead).
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { assertFreshDist } from "./dist-check.mjs";
import { cleanEnv, installPinned } from "./pinned-install.mjs";
import { installConsumerProject, packageDir } from "./smoke-consumer.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = join(ROOT, "test/runtimes");
const CACHE = join(ROOT, "node_modules/.cache/aptic-runtimes");
const RUN_TIMEOUT_MS = 90_000;
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const inCache = (path) => join(CACHE, "node_modules", path);
const versionOf = (dir) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;

/** Installs the pinned runtimes (once per lockfile); they are Linux x64 builds. */
function ensureRuntimes() {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`the runtime binaries are Linux x64 builds; this is ${process.platform}-${process.arch}`);
  }
  return installPinned("test/runtimes", "aptic-runtimes");
}

/** Miniflare's main module in the cache (its package.json has no "exports"). */
function miniflareEntry() {
  const { main } = JSON.parse(readFileSync(inCache("miniflare/package.json"), "utf8"));
  return join(inCache("miniflare"), main);
}

/** The runtimes, each as the command that runs the consumer (the gateway URL is appended). */
function runtimes(project) {
  const workerd = versionOf(inCache("workerd"));
  const deno = ["run", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", "--no-prompt", "run.mjs"];
  return [
    { name: "Node (running this script)", command: [process.execPath, "run.mjs"] },
    { name: "Node 22", command: [inCache("node-22/bin/node"), "run.mjs"] },
    { name: "Node 24", command: [inCache("node-24/bin/node"), "run.mjs"] },
    { name: "Node 26", command: [inCache("node-26/bin/node"), "run.mjs"] },
    { name: "Bun", command: [inCache("@oven/bun-linux-x64/bin/bun"), "run.mjs"] },
    { name: "Deno", command: [inCache("@deno/linux-x64-glibc/deno"), ...deno], env: { DENO_DIR: join(project, ".deno"), DENO_NO_UPDATE_CHECK: "1" } },
    {
      name: "workerd (Miniflare)",
      // Miniflare wants Node >= 22: drive it with the cached Node 24.
      command: [inCache("node-24/bin/node"), "miniflare-run.mjs", miniflareEntry(), "worker.bundle.mjs"],
      suffix: [workerd],
    },
  ];
}

/** Runs `command` in `cwd`; resolves with exit code, stdout, stderr and seconds taken. */
function run(command, cwd, env) {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(command[0], command.slice(1), { cwd, env: { ...cleanEnv(), NO_COLOR: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? signal, stdout, stderr, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** What must hold for one runtime's report and the requests the gateway saw; returns problems. */
function problemsOf(report, requests, { TOKEN, LASTNAMES }) {
  const problems = [];
  if (report.packageVersion !== pkg.version) problems.push(`VERSION is ${report.packageVersion}, package.json says ${pkg.version}`);
  if (JSON.stringify(report.ping) !== "{}") problems.push(`ping returned ${JSON.stringify(report.ping)}`);
  if (JSON.stringify(report.lastnames) !== JSON.stringify(LASTNAMES)) problems.push(`pagination yielded ${JSON.stringify(report.lastnames)}`);
  const pages = requests.filter((r) => r.path === "/debtors").map((r) => `${r.query.$skip}+${r.query.$top}`);
  if (pages.join(" ") !== "0+2 2+2 4+2") problems.push(`pages requested ($skip+$top): ${pages.join(" ")}`);
  const nf = report.notFound;
  if (nf?.name !== "ApticNotFoundError" || nf.status !== 404 || !nf.isNotFound || !nf.isApiError || nf.title !== "Not Found") {
    problems.push(`404 surfaced as ${JSON.stringify(nf)}`);
  }
  if (requests.some((r) => r.authorization !== `Bearer ${TOKEN}`)) problems.push("a request lacked the bearer token");
  return problems;
}

async function main() {
  assertFreshDist(ROOT);
  const started = Date.now();
  ensureRuntimes();
  const work = mkdtempSync(join(tmpdir(), "aptic-runtimes-pack-"));
  let project;
  try {
    const [info] = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: ROOT, encoding: "utf8" }));
    project = installConsumerProject(join(work, info.filename), "aptic-runtimes-");
    for (const file of ["consumer.mts", "run.mjs", "worker.mjs", "miniflare-run.mjs"]) copyFileSync(join(FIXTURES, file), join(project, file));
    const tsconfig = {
      compilerOptions: {
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false,
        target: "es2022",
        module: "nodenext",
        moduleResolution: "nodenext",
        lib: ["es2022", "dom"],
        types: [],
        outDir: "out",
        rootDir: ".",
      },
      files: ["consumer.mts"],
    };
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    execFileSync(process.execPath, [join(packageDir("typescript"), "bin/tsc"), "-p", project], { cwd: project, stdio: "inherit" });
    // workerd runs one module graph from a single script: bundle the worker as a Workers build would.
    await build({
      entryPoints: [join(project, "worker.mjs")],
      outfile: join(project, "worker.bundle.mjs"),
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      conditions: ["workerd", "worker", "browser"],
      mainFields: ["module", "main"],
      logLevel: "warning",
    });
    const { startLoopbackGateway, LASTNAMES } = await import(pathToFileURL(join(FIXTURES, "loopback-gateway.mjs")).href);
    const { TOKEN } = await import(pathToFileURL(join(project, "out/consumer.mjs")).href);

    const table = [];
    const failures = [];
    for (const runtime of runtimes(project)) {
      const gateway = await startLoopbackGateway({ token: TOKEN });
      try {
        const result = await run([...runtime.command, gateway.url, ...(runtime.suffix ?? [])], project, runtime.env);
        let report;
        try {
          report = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "");
        } catch {
          report = undefined;
        }
        const problems =
          result.code !== 0 || !report
            ? [`exit ${result.code}: ${(result.stderr || result.stdout).trim().slice(-2000)}`]
            : problemsOf(report, gateway.requests, { TOKEN, LASTNAMES });
        table.push({
          runtime: runtime.name,
          version: report?.runtime ?? "?",
          GET: problems.length ? "" : "ok",
          pagination: problems.length ? "" : `${report.lastnames.length} items / 3 pages`,
          "404 →": problems.length ? "" : report.notFound.name,
          seconds: result.seconds.toFixed(1),
          result: problems.length ? "FAILED" : "ok",
        });
        if (problems.length) failures.push(`${runtime.name}:\n  - ${problems.join("\n  - ")}`);
      } finally {
        await gateway.close();
      }
    }
    console.table(table);
    if (failures.length) throw new Error(`${failures.length} runtime(s) failed:\n${failures.join("\n")}`);
    console.log(`test:runtimes: ${table.length} runtimes passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (project) rmSync(project, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`test:runtimes: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
});
