// Consumer smoke test: install the packed tarball into a fresh temporary project (offline-safe:
// --prefer-offline, dependencies come from the npm cache `npm ci` filled), then compile a strict
// ESM (.mts) and a strict CJS (.cts) TypeScript consumer with this repo's TypeScript and run them
// against the mock gateway from `aptic-gateway-client/testing`: a typed GET /debtors/ping and a
// 404 (Prism `Prefer: code=404`) that must surface as ApticNotFoundError / ApticApiError.
// A third, browser-style consumer (DOM lib, no @types/node, skipLibCheck off) only compiles the
// main entry: its declarations must not need Node's types.
//
//   node scripts/smoke-consumer.mjs <tarball.tgz>     (check:package calls it with its tarball)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const RUN_TIMEOUT_MS = 60_000;

/** Real directory of a package installed in this repo (found by directory: not all export package.json). */
function packageDir(pkg) {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    if (existsSync(join(dir, pkg, "package.json"))) return realpathSync(join(dir, pkg));
  }
  throw new Error(`${pkg} is not installed in this repository`);
}

// npm exports its whole configuration to scripts as npm_config_*; a child npm would read it
// (prefix, workspace…) and could install into this checkout. Keep only network/cache settings.
const KEEP_NPM_ENV = /^npm_config_(cache|registry|userconfig|globalconfig|offline|prefer_offline|strict_ssl|cafile|proxy|https_proxy|noproxy|fetch_retries)$/i;

function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || KEEP_NPM_ENV.test(key)));
}

/** The consumer body, shared by both module formats; `GUID` is an example debtor id of the spec. */
const BODY = `
  const mock = await startMockServer();
  try {
    const aptic: ApticClient = createApticClient({ baseUrl: mock.baseUrl, auth: mock });
    const ping = await unwrap(aptic.GET("/debtors/ping"));
    if (typeof ping !== "object" || ping === null) throw new Error("ping: expected an object, got " + JSON.stringify(ping));

    let caught: unknown;
    try {
      const debtor = await unwrap(
        aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid: GUID } }, headers: { Prefer: "code=404" } }),
      );
      const lastname: string | null | undefined = debtor.lastname; // typed data, not any
      throw new Error("expected a 404, got debtor " + String(lastname));
    } catch (err) {
      caught = err;
    }
    if (!(caught instanceof ApticNotFoundError) || !(caught instanceof ApticApiError) || caught.status !== 404) throw caught;
    console.log(FORMAT + " consumer: ping ok, 404 -> " + caught.name + " (" + caught.method + " " + caught.status + "), tokens issued: " + mock.tokensIssued);
  } finally {
    await mock.close();
  }
`;

const HEADER = `import { ApticApiError, ApticNotFoundError, createApticClient, unwrap, type ApticClient } from "aptic-gateway-client";
import { startMockServer, type MockServer } from "aptic-gateway-client/testing";

const GUID = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";

/** Compile-time checks only (never called): the client is typed from the spec, not \`any\`. */
export function typeChecks(aptic: ApticClient, mock: MockServer): void {
  // @ts-expect-error: not a path of the gateway
  void aptic.GET("/debtors/no-such-path");
  // @ts-expect-error: debtorGuid is a required path parameter
  void aptic.GET("/debtors/{debtorGuid}", { params: { path: {} } });
  // @ts-expect-error: baseUrl must be a string
  createApticClient({ baseUrl: 42 });
  const url: string = mock.baseUrl;
  void url;
}
`;

const SOURCES = {
  "esm.mts": `${HEADER}\nconst FORMAT = "ESM";\n${BODY.replace(/^ {2}/gm, "")}`,
  "cjs.cts": `${HEADER}\nconst FORMAT = "CJS";\n\nasync function main(): Promise<void> {${BODY}}\n\n// An unhandled rejection exits with code 1.\nvoid main();\n`,
};

const BROWSER_SOURCE = `import { ApticNotFoundError, createApticClient, unwrap } from "aptic-gateway-client";

export async function lastname(baseUrl: string, debtorGuid: string): Promise<string | null | undefined> {
  const aptic = createApticClient({ baseUrl, auth: { token: "t" } });
  try {
    return (await unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } }))).lastname;
  } catch (err) {
    if (err instanceof ApticNotFoundError) return undefined;
    throw err;
  }
}
`;

const COMPILER_OPTIONS = {
  strict: true,
  target: "es2022",
  module: "nodenext",
  moduleResolution: "nodenext",
  lib: ["es2022", "dom"],
  skipLibCheck: false,
};

/** Node consumers: @types/node as a Node project would have it; compiled to out/ and run. */
const TSCONFIG = { compilerOptions: { ...COMPILER_OPTIONS, types: ["node"], outDir: "out", rootDir: "." }, files: Object.keys(SOURCES) };
/** Browser consumer: no Node types at all; type-checked only. */
const TSCONFIG_BROWSER = { compilerOptions: { ...COMPILER_OPTIONS, types: [], noEmit: true }, files: ["browser.mts"] };

/** Installs `tarball` into a fresh project, compiles and runs both consumers; throws on failure. */
export async function smokeTest(tarball) {
  const project = mkdtempSync(join(tmpdir(), "aptic-consumer-"));
  const started = Date.now();
  try {
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "aptic-smoke-consumer", version: "0.0.0", private: true }, null, 2));
    execFileSync(
      "npm",
      ["install", resolve(tarball), "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", "--loglevel=error", "--prefix", project],
      { cwd: project, env: cleanEnv(), stdio: "inherit" },
    );
    // The testing kit's optional peer and the Node consumers' @types/node: link the ones this repo
    // installed (no download, same versions).
    mkdirSync(join(project, "node_modules/@stoplight"), { recursive: true });
    mkdirSync(join(project, "node_modules/@types"), { recursive: true });
    symlinkSync(packageDir("@stoplight/prism-cli"), join(project, "node_modules/@stoplight/prism-cli"), "dir");
    symlinkSync(packageDir("@types/node"), join(project, "node_modules/@types/node"), "dir");

    for (const [name, text] of Object.entries(SOURCES)) writeFileSync(join(project, name), text);
    writeFileSync(join(project, "browser.mts"), BROWSER_SOURCE);
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
    writeFileSync(join(project, "tsconfig.browser.json"), JSON.stringify(TSCONFIG_BROWSER, null, 2));
    const tsc = join(packageDir("typescript"), "bin/tsc");
    const failures = [];
    const compile = (label, config) => {
      const compiled = spawnSync(process.execPath, [tsc, "-p", join(project, config)], { cwd: project, stdio: "inherit" });
      if (compiled.status !== 0) failures.push(`tsc failed on the ${label} (exit ${compiled.status})`);
      return compiled.status === 0;
    };
    if (compile("ESM + CJS Node consumers", "tsconfig.json")) {
      for (const file of ["out/esm.mjs", "out/cjs.cjs"]) {
        const run = spawnSync(process.execPath, [file], { cwd: project, stdio: "inherit", timeout: RUN_TIMEOUT_MS, env: cleanEnv() });
        if (run.status !== 0) failures.push(`${file} failed (exit ${run.status ?? run.signal})`);
      }
    }
    compile("browser consumer (DOM lib, no @types/node)", "tsconfig.browser.json");
    if (failures.length) throw new Error(failures.join("; "));
    console.log(`smoke: ESM and CJS consumers compiled (strict) and ran against the mock, browser consumer type-checked without Node types, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
