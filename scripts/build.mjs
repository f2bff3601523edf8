// `npm run build`: a clean dist/ with
//   1. the runtime files from tsup.config.ts (ESM one file per module, CJS one bundle per entry);
//   2. per-module declarations from the project's own tsc (TypeScript 7: native, ~2 s), moved to
//      the same layout as the ESM files (scripts/package-layout.mjs) and written twice:
//      `x.d.ts` importing `./y.js` (ESM) and `x.d.cts` importing `./y.cjs` (CJS). A CJS consumer
//      therefore only ever loads .d.cts files: no ESM declaration behind a require (TS1479 under
//      node16/nodenext with skipLibCheck false), and one declaration per class, so `instanceof`
//      narrowing agrees across entries;
//   3. only what the entries reach: declarations and modules no entry imports are removed;
//   4. a check that every relative import in dist/ resolves, and in the right format.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, posix, relative, sep } from "node:path";
import { distPathOf, entrySources } from "./package-layout.mjs";

const require = createRequire(import.meta.url);
const TYPES_OUT = ".tmp/build/types";
/** A relative module specifier in `from "…"`, `import("…")` or a bare `import "…"`. */
const RELATIVE_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.\.?\/[^"']*)\2/g;

function run(label, bin, args) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [bin, ...args], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`build: ${label} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
  console.log(`build: ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const files = (dir) => readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => f.split(sep).join("/"));

/** Rewrites each relative specifier of `text` (a file that will live at dist/`at`) with `map(resolvedDistPath)`. */
function rewriteSpecifiers(text, at, map) {
  return text.replace(RELATIVE_SPECIFIER, (_whole, lead, quote, specifier) => {
    const target = posix.join(posix.dirname(at), specifier);
    const next = map(target);
    return `${lead}${quote}${next.startsWith(".") ? next : `./${next}`}${quote}`;
  });
}

/** Moves tsc's declarations (`.tmp/build/types/{src,generated}/…`) into dist/ as .d.ts + .d.cts twins. */
function writeDeclarations() {
  for (const file of files(TYPES_OUT).filter((f) => f.endsWith(".d.ts"))) {
    const source = file.replace(/\.d\.ts$/, ".ts");
    const at = distPathOf(source); // e.g. client/unwrap, generated/aptic
    const text = readFileSync(join(TYPES_OUT, file), "utf8");
    // Specifiers are written relative to the source file; re-point them at the dist layout.
    const toDist = (ext) => (target) => {
      const sourceTarget = posix.join(posix.dirname(source), posix.relative(posix.dirname(at), target)).replace(/\.js$/, ".ts");
      return posix.relative(posix.dirname(at), distPathOf(sourceTarget)) + ext;
    };
    mkdirSync(dirname(join("dist", at)), { recursive: true });
    writeFileSync(join("dist", `${at}.d.ts`), rewriteSpecifiers(text, at, toDist(".js")));
    writeFileSync(join("dist", `${at}.d.cts`), rewriteSpecifiers(text, at, toDist(".cjs")));
  }
}

/** The relative imports of dist/`file` as dist paths (with extension). */
function importsOf(file) {
  const text = readFileSync(join("dist", file), "utf8");
  return [...text.matchAll(RELATIVE_SPECIFIER)].map((m) => posix.join(posix.dirname(file), m[3]));
}

/** Deletes files of the given kind that no entry reaches; returns the problems found on the way. */
function pruneAndCheck(kind, entryFiles, expectedExt, fileOf) {
  const problems = [];
  const reached = new Set();
  const queue = [...entryFiles];
  while (queue.length) {
    const file = queue.pop();
    if (reached.has(file)) continue;
    reached.add(file);
    for (const target of importsOf(file)) {
      if (!target.endsWith(expectedExt)) problems.push(`${file} imports ${target}: expected a ${expectedExt} specifier`);
      const targetFile = fileOf(target);
      if (!existsSync(join("dist", targetFile))) problems.push(`${file} imports ${target}, which does not exist`);
      else queue.push(targetFile);
    }
  }
  const all = files("dist").filter((f) => f.endsWith(kind) && (kind !== ".js" || !f.endsWith(".d.js")));
  const removed = all.filter((f) => !reached.has(f));
  for (const f of removed) rmSync(join("dist", f));
  if (removed.length) console.log(`build: dropped ${removed.length} ${kind} file(s) no entry reaches (type-only or internal modules)`);
  return problems;
}

rmSync("dist", { recursive: true, force: true });
rmSync(TYPES_OUT, { recursive: true, force: true });
run("tsup (ESM modules + CJS bundles)", join(dirname(require.resolve("tsup/package.json")), "dist/cli-default.js"), process.argv.slice(2));
run("tsc declarations (TypeScript 7)", join(dirname(require.resolve("typescript/package.json")), "bin/tsc"), ["-p", "tsconfig.build.json"]);
writeDeclarations();

const entries = Object.keys(entrySources());
const problems = [
  ...pruneAndCheck(
    ".js",
    entries.map((e) => `${e}.js`),
    ".js",
    (t) => t,
  ),
  ...pruneAndCheck(
    ".d.ts",
    entries.map((e) => `${e}.d.ts`),
    ".js",
    (t) => t.replace(/\.js$/, ".d.ts"),
  ),
  ...pruneAndCheck(
    ".d.cts",
    entries.map((e) => `${e}.d.cts`),
    ".cjs",
    (t) => t.replace(/\.cjs$/, ".d.cts"),
  ),
];
for (const entry of entries) if (!existsSync(join("dist", `${entry}.cjs`))) problems.push(`dist/${entry}.cjs is missing`);
if (problems.length) {
  console.error(`build: ${problems.length} problem(s) in dist/:\n  - ${[...new Set(problems)].join("\n  - ")}`);
  process.exit(1);
}
const count = (ext) => files("dist").filter((f) => f.endsWith(ext)).length;
console.log(
  `build: dist/ ready: ${count(".js") - count(".d.js")} ESM modules, ${count(".cjs")} CJS bundles, ${count(".d.ts")} .d.ts + ${count(".d.cts")} .d.cts (${relative(".", "dist")}/)`,
);
