// Consumer smoke test: install the packed tarball into a fresh temporary project (offline-safe:
// --prefer-offline, dependencies come from the npm cache `npm ci` filled), then
//   1. type-check strict consumers — skipLibCheck false, exactOptionalPropertyTypes,
//      noUncheckedIndexedAccess — of every entry point on each supported TypeScript (5.4, the
//      declared minimum, 5.9, 6.0 and 7.0) under nodenext (ESM .mts + CJS .cts), node16 (ESM + CJS)
//      and bundler (a browser-style consumer: DOM lib, no @types/node);
//   2. compile the nodenext consumers with the project's TypeScript and run them against the mock
//      gateway from `aptic-gateway-client/testing`: a typed GET and a 404 that must surface as
//      ApticNotFoundError / ApticApiError, in ESM and in CJS.
// The fixtures are in test/consumers/ (type-checked by `npm run typecheck` too, against src/).
//
//   node scripts/smoke-consumer.mjs <tarball.tgz>     (check:package calls it with its tarball)
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cleanEnv, installPinned } from "./pinned-install.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = join(ROOT, "test/consumers");
const require = createRequire(import.meta.url);
const RUN_TIMEOUT_MS = 60_000;

/** Real directory of a package installed in this repo (found by directory: not all export package.json). */
export function packageDir(pkg, from = require) {
  for (const dir of from.resolve.paths(pkg) ?? []) {
    if (existsSync(join(dir, pkg, "package.json"))) return realpathSync(join(dir, pkg));
  }
  throw new Error(`${pkg} is not installed in this repository`);
}

/**
 * The TypeScript versions consumers are checked with: 5.4 (the declared minimum) and 5.9 are
 * installed on demand from test/consumers/package-lock.json (scripts/pinned-install.mjs); 6.0 is
 * the copy the JS-API tools use (tools/ts6); 7.0 is the project's own.
 */
export const TYPESCRIPTS = [
  { label: "5.4", dir: () => join(installPinned("test/consumers", "aptic-typescripts"), "node_modules/typescript-5.4") },
  { label: "5.9", dir: () => join(installPinned("test/consumers", "aptic-typescripts"), "node_modules/typescript-5.9") },
  { label: "6.0", dir: () => packageDir("typescript", createRequire(join(packageDir("aptic-ts6-tools"), "package.json"))) },
  { label: "7.0", dir: () => packageDir("typescript") },
];

const STRICT = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  target: "es2022",
  lib: ["es2022", "dom"],
  noEmit: true,
};

/** Module settings × consumer files. Node consumers get @types/node; the bundler one no Node types at all. */
export const MODES = [
  { label: "nodenext", options: { module: "nodenext", moduleResolution: "nodenext", types: ["node"] }, files: ["esm.mts", "cjs.cts"] },
  { label: "node16", options: { module: "node16", moduleResolution: "node16", types: ["node"] }, files: ["esm.mts", "cjs.cts"] },
  { label: "bundler", options: { module: "esnext", moduleResolution: "bundler", types: [] }, files: ["browser.ts"] },
];

/** Runs `node <tsc> -p <config>` asynchronously; resolves with its exit code and output. */
function tsc(tsDir, project, config) {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(tsDir, "bin/tsc"), "-p", join(project, config)], { cwd: project });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => done({ ok: code === 0, output, seconds: (Date.now() - started) / 1000 }));
  });
}

/** Runs `node <file>` asynchronously with a timeout; resolves with its exit code (or signal) and output. */
function runNode(file, cwd, env) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [file], { cwd, env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? signal, output });
    });
  });
}

/** Runs the jobs with at most `limit` at a time (the machine has 2 cores). */
async function pool(jobs, limit) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** Type-checks every consumer on every TypeScript × mode; returns failure messages. */
async function typeMatrix(project) {
  const cells = TYPESCRIPTS.flatMap((ts) => MODES.map((mode) => ({ ts, mode })));
  for (const { ts, mode } of cells) {
    const config = { compilerOptions: { ...STRICT, ...mode.options }, files: mode.files };
    writeFileSync(join(project, `tsconfig.${ts.label}.${mode.label}.json`), JSON.stringify(config, null, 2));
  }
  const results = await pool(
    cells.map(
      ({ ts, mode }) =>
        () =>
          tsc(ts.dir(), project, `tsconfig.${ts.label}.${mode.label}.json`),
    ),
    2,
  );
  const versions = Object.fromEntries(TYPESCRIPTS.map((ts) => [ts.label, JSON.parse(readFileSync(join(ts.dir(), "package.json"), "utf8")).version]));
  const table = {};
  const failures = [];
  cells.forEach(({ ts, mode }, i) => {
    const result = results[i];
    const row = (table[`TypeScript ${versions[ts.label]}`] ??= {});
    row[`${mode.label} (${mode.files.join(" + ")})`] = `${result.ok ? "ok" : "FAILED"} ${result.seconds.toFixed(1)} s`;
    if (!result.ok) failures.push(`TypeScript ${versions[ts.label]}, ${mode.label}:\n${result.output.trim()}`);
  });
  console.table(table);
  return failures;
}

/** Compiles the nodenext consumers with the project's TypeScript and runs them against the mock. */
function runConsumers(project) {
  const config = { compilerOptions: { ...STRICT, ...MODES[0].options, noEmit: false, outDir: "out", rootDir: "." }, files: MODES[0].files };
  writeFileSync(join(project, "tsconfig.run.json"), JSON.stringify(config, null, 2));
  const compiled = spawnSync(process.execPath, [join(packageDir("typescript"), "bin/tsc"), "-p", join(project, "tsconfig.run.json")], {
    cwd: project,
    stdio: "inherit",
  });
  if (compiled.status !== 0) return [`tsc failed on the runnable consumers (exit ${compiled.status})`];
  const failures = [];
  for (const file of ["out/esm.mjs", "out/cjs.cjs"]) {
    const run = spawnSync(process.execPath, [file], { cwd: project, stdio: "inherit", timeout: RUN_TIMEOUT_MS, env: cleanEnv() });
    if (run.status !== 0) failures.push(`${file} failed (exit ${run.status ?? run.signal})`);
  }
  return failures;
}

/**
 * The README's CommonJS snippets (```cjs blocks) against the packed package: type-checked with the
 * project's TypeScript (nodenext, checkJs, skipLibCheck false) and run against the packed testing
 * kit's mock gateway, configured through the APTIC_* variables as the snippet says.
 */
async function readmeCommonJs(project) {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const files = [...readme.matchAll(/```cjs\n([\s\S]*?)```/g)].map((m, i) => {
    writeFileSync(join(project, `readme-${i}.cjs`), m[1] ?? "");
    return `readme-${i}.cjs`;
  });
  if (files.length === 0) return ["README.md has no ```cjs block"];
  const config = { compilerOptions: { ...STRICT, ...MODES[0].options, allowJs: true, checkJs: true }, files };
  writeFileSync(join(project, "tsconfig.readme.json"), JSON.stringify(config, null, 2));
  const checked = await tsc(packageDir("typescript"), project, "tsconfig.readme.json");
  if (!checked.ok) return [`README CommonJS snippet does not type-check against the package:\n${checked.output.trim()}`];
  const { startMockServer } = await import(pathToFileURL(join(project, "node_modules/aptic-gateway-client/dist/testing/index.js")).href);
  const mock = await startMockServer();
  try {
    const env = {
      ...cleanEnv(),
      APTIC_BASE_URL: mock.baseUrl,
      APTIC_CLIENT_ID: mock.clientId,
      APTIC_CLIENT_SECRET: mock.clientSecret,
      APTIC_TOKEN_URL: mock.tokenUrl,
    };
    const failures = [];
    for (const file of files) {
      // Asynchronously: the mock's token endpoint runs in this process and must keep answering.
      const run = await runNode(file, project, env);
      if (run.code !== 0) failures.push(`README CommonJS snippet ${file} failed (exit ${run.code}):\n${run.output}`);
      else console.log(`README CommonJS snippet ${file}: ${run.output.trim().split("\n").join(" | ")}`);
    }
    return failures;
  } finally {
    await mock.close();
  }
}

/**
 * A fresh temporary project with `tarball` installed, plus links to this repo's copies of the
 * testing kit's optional peer (@stoplight/prism-cli) and @types/node (no download, same versions).
 * The caller removes the directory.
 */
export function installConsumerProject(tarball, prefix = "aptic-consumer-") {
  const project = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "aptic-consumer", version: "0.0.0", private: true }, null, 2));
  execFileSync(
    "npm",
    ["install", resolve(tarball), "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", "--loglevel=error", "--prefix", project],
    { cwd: project, env: cleanEnv(), stdio: "inherit" },
  );
  mkdirSync(join(project, "node_modules/@stoplight"), { recursive: true });
  mkdirSync(join(project, "node_modules/@types"), { recursive: true });
  symlinkSync(packageDir("@stoplight/prism-cli"), join(project, "node_modules/@stoplight/prism-cli"), "dir");
  symlinkSync(packageDir("@types/node"), join(project, "node_modules/@types/node"), "dir");
  return project;
}

/** Installs `tarball` into a fresh project, runs the type matrix and the runnable consumers; throws on failure. */
export async function smokeTest(tarball) {
  const started = Date.now();
  const project = installConsumerProject(tarball);
  try {
    for (const file of ["esm.mts", "cjs.cts", "browser.ts"]) copyFileSync(join(FIXTURES, file), join(project, file));
    const failures = [...(await typeMatrix(project)), ...runConsumers(project), ...(await readmeCommonJs(project))];
    if (failures.length) throw new Error(failures.join("\n\n"));
    console.log(
      `smoke: ${TYPESCRIPTS.length} TypeScript versions × ${MODES.length} module settings type-checked (strict, skipLibCheck false); ESM and CJS consumers ran against the mock; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const tarball = process.argv[2];
  if (!tarball) {
    console.error("usage: node scripts/smoke-consumer.mjs <package.tgz>");
    process.exit(2);
  }
  smokeTest(tarball).catch((err) => {
    console.error(`smoke: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  });
}
