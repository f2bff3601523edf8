// Bundle size of the ESM build, as an app bundler would ship it: esbuild bundles + minifies a
// small app (or an `export *` of an entry) importing dist/, openapi-fetch included, then zlib
// gzip level 9. Bytes are deterministic for a given lockfile, so CI compares them with
// size-budget.json and fails when a budget is exceeded. Also checks that
//   - the main entry never pulls in the Node-only testing kit (Prism, child_process), and
//   - an app using bearer() ships no OAuth2 code (no token-request module, no `client_credentials`).
//
//   node scripts/size.mjs          table + budget check (exit 1 on a miss)
//   node scripts/size.mjs --json   the measurements as JSON (bench/ imports measureSizes instead)
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { assertFreshDist } from "./dist-check.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MAIN_ESM = join(ROOT, "dist/index.js");
const MAIN_CJS = join(ROOT, "dist/index.cjs");
const q = JSON.stringify;

/** The one typed GET every app subject makes (the goal is stated for "an app with 1 typed GET"). */
const GET = `(debtorGuid) => unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } }))`;
const app = (auth, imports) =>
  `import { ${imports}, createApticClient, unwrap } from ${q(MAIN_ESM)};\n` +
  `export function app(secret) {\n  const aptic = createApticClient({ baseUrl: "https://gateway.example.org", auth: ${auth} });\n  return ${GET};\n}\n`;

/** Peer dependencies (optional) an app brings itself; left out of the subpath bundles. */
const PEERS = ["msw", "@cfworker/json-schema", "@stoplight/prism-cli", "node:*"];
const SUBPATHS = ["webhooks", "odata", "services", "operations", "routes", "validation", "node", "testing"];

/**
 * What is measured: each is the source of a small entry module an app would write. `kind` "app"
 * is a complete tiny app, "entry" an `export *` of one package entry (everything it offers).
 */
export const SUBJECTS = [
  {
    id: "openapi-fetch-app",
    kind: "app",
    label: "reference: bare openapi-fetch app, 1 GET, bearer header",
    code:
      `import createClient from "openapi-fetch";\n` +
      `export function app(secret) {\n  const api = createClient({ baseUrl: "https://gateway.example.org", headers: { Authorization: "Bearer " + secret } });\n` +
      `  return async (debtorGuid) => { const { data, error } = await api.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } }); if (error) throw error; return data; };\n}\n`,
  },
  { id: "bearer-app", kind: "app", label: "app: 1 typed GET + bearer() + unwrap", code: app("bearer(secret)", "bearer") },
  {
    id: "oauth2-app",
    kind: "app",
    label: "app: 1 typed GET + clientCredentials() + unwrap",
    code: app(`clientCredentials({ clientId: "erp", clientSecret: secret, tokenUrl: "https://gateway.example.org/connect/token" })`, "clientCredentials"),
  },
  { id: "root", kind: "entry", label: "main entry, everything (export *)", code: `export * from ${q(MAIN_ESM)};` },
  ...SUBPATHS.map((name) => ({
    id: name,
    kind: "entry",
    label: `aptic-gateway-client/${name} (export *${name === "testing" || name === "node" ? "; peers and node: built-ins external" : ""})`,
    code: `export * from ${q(join(ROOT, `dist/${name}/index.js`))};`,
    external: PEERS,
  })),
];

async function bundle(code, external = []) {
  const result = await build({
    stdin: { contents: code, resolveDir: ROOT, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  const modules = Object.entries(output.inputs)
    .map(([path, info]) => ({ path, minifiedBytes: info.bytesInOutput }))
    .filter((m) => m.minifiedBytes > 0)
    .sort((a, b) => b.minifiedBytes - a.minifiedBytes);
  return {
    minified: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    text: Buffer.from(bytes).toString("utf8"),
    inputs: Object.keys(result.metafile.inputs),
    modules,
  };
}

/**
 * Minified and gzipped bytes of every subject, with and without openapi-fetch bundled in, plus
 * the derived figure `oauth2OverBearer` (what clientCredentials() adds to a bearer app, gzip).
 */
export async function measureSizes() {
  const rows = [];
  for (const subject of SUBJECTS) {
    const full = await bundle(subject.code, subject.external);
    const own = subject.id === "openapi-fetch-app" ? undefined : await bundle(subject.code, [...(subject.external ?? []), "openapi-fetch"]);
    rows.push({
      id: subject.id,
      kind: subject.kind,
      label: subject.label,
      minified: full.minified,
      gzip: full.gzip,
      ownGzip: own?.gzip,
      text: full.text,
      inputs: full.inputs,
      modules: full.modules,
    });
  }
  const byId = (id) => rows.find((r) => r.id === id);
  return {
    rows,
    derived: {
      "oauth2-over-bearer": byId("oauth2-app").gzip - byId("bearer-app").gzip,
      "oauth2-over-bearer-min": byId("oauth2-app").minified - byId("bearer-app").minified,
    },
  };
}

/**
 * OAuth2 code a bearer app must not contain: bytes from its modules (esbuild visits them through
 * the root's re-exports, then drops them: only modules with bytes in the output count), and the
 * grant's wire string.
 */
export function oauth2Leaks(row) {
  const modules = row.modules.map((m) => m.path).filter((path) => /auth\/(client-credentials|token-request)\.js$/.test(path));
  return [...modules, ...(row.text.includes("client_credentials") ? ['the string "client_credentials"'] : [])];
}

/** The external imports of a built file (bundled with every package left external). */
async function externalImports(file, format) {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    format,
    platform: "neutral",
    packages: "external",
    external: ["node:*"],
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return [...new Set(Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path)))].sort();
}

/**
 * What must hold besides the budgets: the main entry (ESM and CJS) imports openapi-fetch and
 * nothing else (no Prism, no Node built-ins), no app or root bundle contains the testing kit or
 * the response validator, and the bearer app contains no OAuth2 code.
 */
export async function checkIsolation(rows) {
  const problems = [];
  for (const [file, format] of [
    [MAIN_ESM, "esm"],
    [MAIN_CJS, "cjs"],
  ]) {
    const imports = await externalImports(file, format);
    const extra = imports.filter((path) => path !== "openapi-fetch");
    if (extra.length) problems.push(`${file.slice(ROOT.length + 1)} imports ${extra.join(", ")} (only openapi-fetch is allowed)`);
    if (/child_process|@stoplight\/prism|prism-cli/.test(readFileSync(file, "utf8"))) {
      problems.push(`${file.slice(ROOT.length + 1)} mentions child_process or Prism`);
    }
  }
  for (const row of rows.filter((r) => r.kind === "app" || r.id === "root")) {
    const leaked = row.inputs.filter((input) => /src\/testing|dist\/testing|prism/.test(input));
    if (leaked.length) problems.push(`${row.label} bundles ${leaked.join(", ")}`);
  }
  // Response validation is opt-in: only its subpath may bring the spec, the schema checker or a validator.
  for (const row of rows.filter((r) => r.kind === "app" || r.id === "root")) {
    const validator = row.modules.map((m) => m.path).filter((path) => /(src|dist)\/(schema|validation)\/|generated\/spec\.|@cfworker/.test(path));
    if (validator.length) problems.push(`${row.label} bundles validation code: ${validator.join(", ")}`);
  }
  const leaks = oauth2Leaks(rows.find((r) => r.id === "bearer-app"));
  if (leaks.length) problems.push(`the bearer app ships OAuth2 code: ${leaks.join(", ")}`);
  return problems;
}

/** `{ gzipBytes, goals }` from size-budget.json: budgets fail the check, goals are reported. */
export function readBudget() {
  return JSON.parse(readFileSync(join(ROOT, "size-budget.json"), "utf8"));
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

async function main() {
  assertFreshDist(ROOT);
  const { rows, derived } = await measureSizes();
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify({ rows: rows.map(({ text, inputs, modules, ...row }) => row), derived }, null, 2));
    return;
  }
  const { gzipBytes: budget, goals = {} } = readBudget();
  const reference = rows.find((r) => r.id === "openapi-fetch-app").gzip;
  const failures = await checkIsolation(rows);
  const figures = [
    ...rows.map((row) => ({ id: row.id, label: row.label, minified: row.minified, gzip: row.gzip, ownGzip: row.ownGzip })),
    {
      id: "oauth2-over-bearer",
      label: "clientCredentials() on top of bearer (oauth2-app − bearer-app)",
      minified: derived["oauth2-over-bearer-min"],
      gzip: derived["oauth2-over-bearer"],
    },
  ];
  const table = figures.map((row) => {
    const limit = budget[row.id];
    const ok = limit === undefined || row.gzip <= limit;
    if (!ok) failures.push(`${row.label}: ${row.gzip} B gzip > budget ${limit} B`);
    return {
      subject: row.label,
      "min (B)": row.minified,
      "min+gzip (B)": row.gzip,
      "own code, gzip (B)": row.ownGzip ?? "",
      "× openapi-fetch app": (row.gzip / reference).toFixed(2),
      budget: limit === undefined ? "" : `${kB(limit)} ${ok ? "ok" : "EXCEEDED"}`,
      goal: goals[row.id] === undefined ? "" : `${kB(goals[row.id])} ${row.gzip <= goals[row.id] ? "met" : "missed"}`,
    };
  });
  console.table(table);
  if (failures.length) {
    console.error(`size: ${failures.length} problem(s):\n  - ${failures.join("\n  - ")}`);
    process.exitCode = 1;
  } else {
    console.log("size: within budget (size-budget.json); main entry imports only openapi-fetch; the bearer app ships no OAuth2 code");
    const missed = figures.filter((row) => goals[row.id] !== undefined && row.gzip > goals[row.id]);
    if (missed.length) console.log(`size: goal not met yet for ${missed.map((row) => row.id).join(", ")} (not enforced; see bench/RESULTS.md)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await main().catch((err) => {
    console.error(`size: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  });
}
