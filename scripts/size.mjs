// Bundle size of the ESM build, as an app bundler would ship it: esbuild bundles + minifies an
// import of dist/ (openapi-fetch included), then zlib gzip level 9. Bytes are deterministic for a
// given lockfile, so CI compares them with size-budget.json and fails when a budget is exceeded.
// Also checks that the main entry never pulls in the Node-only testing kit (Prism, child_process).
//
//   node scripts/size.mjs          table + budget check (exit 1 on a miss)
//   node scripts/size.mjs --json   the measurements as JSON (used by bench/)
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { assertFreshDist } from "./dist-check.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MAIN_ESM = join(ROOT, "dist/index.js");
const MAIN_CJS = join(ROOT, "dist/index.cjs");

/** What is measured: each is the source of a one-line entry module an app would write. */
export const SUBJECTS = [
  { id: "openapi-fetch", label: "openapi-fetch alone (reference)", code: `export { default } from "openapi-fetch"; export * from "openapi-fetch";` },
  { id: "runtime", label: "whole runtime (export *)", code: `export * from ${JSON.stringify(MAIN_ESM)};` },
  { id: "client", label: "client only ({ createApticClient, unwrap })", code: `export { createApticClient, unwrap } from ${JSON.stringify(MAIN_ESM)};` },
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
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, inputs: Object.keys(result.metafile.inputs), modules };
}

/** Minified and gzipped bytes of every subject, with and without openapi-fetch bundled in. */
export async function measureSizes() {
  const rows = [];
  for (const subject of SUBJECTS) {
    const full = await bundle(subject.code);
    const own = subject.id === "openapi-fetch" ? undefined : await bundle(subject.code, ["openapi-fetch"]);
    rows.push({
      id: subject.id,
      label: subject.label,
      minified: full.minified,
      gzip: full.gzip,
      ownGzip: own?.gzip,
      inputs: full.inputs,
      modules: full.modules,
    });
  }
  return rows;
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

/** The main entry (ESM and CJS) may import openapi-fetch and nothing else; no Prism, no Node built-ins. */
export async function checkMainEntryIsolation(rows) {
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
  for (const row of rows) {
    const leaked = row.inputs.filter((input) => /src\/testing|dist\/testing|prism/.test(input));
    if (leaked.length) problems.push(`${row.label} bundles ${leaked.join(", ")}`);
  }
  return problems;
}

/** `{ gzipBytes, goals }` from size-budget.json: budgets fail the check, goals are reported. */
export function readBudget() {
  return JSON.parse(readFileSync(join(ROOT, "size-budget.json"), "utf8"));
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

async function main() {
  assertFreshDist(ROOT);
  const rows = await measureSizes();
  if (process.argv.includes("--json")) {
    console.log(
      JSON.stringify(
        rows.map(({ inputs, modules, ...row }) => row),
        null,
        2,
      ),
    );
    return;
  }
  const { gzipBytes: budget, goals = {} } = readBudget();
  const reference = rows.find((r) => r.id === "openapi-fetch").gzip;
  const failures = await checkMainEntryIsolation(rows);
  const table = rows.map((row) => {
    const limit = budget[row.id];
    const ok = limit === undefined || row.gzip <= limit;
    if (!ok) failures.push(`${row.label}: ${row.gzip} B gzip > budget ${limit} B`);
    return {
      subject: row.label,
      "min (B)": row.minified,
      "min+gzip (B)": row.gzip,
      "own code, gzip (B)": row.ownGzip ?? "",
      "× openapi-fetch": (row.gzip / reference).toFixed(2),
      budget: limit === undefined ? "" : `${kB(limit)} ${ok ? "ok" : "EXCEEDED"}`,
      goal: goals[row.id] === undefined ? "" : `${kB(goals[row.id])} ${row.gzip <= goals[row.id] ? "met" : "missed"}`,
    };
  });
  console.table(table);
  if (failures.length) {
    console.error(`size: ${failures.length} problem(s):\n  - ${failures.join("\n  - ")}`);
    process.exitCode = 1;
  } else {
    console.log("size: within budget (size-budget.json); main entry imports only openapi-fetch");
    const missed = rows.filter((row) => goals[row.id] !== undefined && row.gzip > goals[row.id]);
    if (missed.length) console.log(`size: goal not met yet for ${missed.map((row) => row.id).join(", ")} (not enforced; see bench/RESULTS.md)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await main().catch((err) => {
    console.error(`size: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  });
}
