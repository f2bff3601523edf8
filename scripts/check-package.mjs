// `npm run check:package` (part of `npm test`): pack the built package once, then check that one
// tarball:
//   1. its file list (dist entries, bundled spec; no sources, tests or secrets)
//   2. publint (--strict: warnings fail too)
//   3. @arethetypeswrong/cli (every entry point under node10, node16 CJS/ESM and bundler)
//   4. the install matrix (scripts/install-matrix.mjs): the tarball installs into projects that
//      pin typescript@5.3.3, msw@2, msw@3, @stoplight/prism-cli@5.16.0 or nothing, keeps their
//      pins, and the entry points each uses work there (msw 2 and 3 adapters, Prism 5.16)
// `npm run test:package` adds --consumers (slow: it is not in `npm test`; `.ci/run` runs it):
//   5. the consumer smoke test (scripts/smoke-consumer.mjs): install the tarball into a fresh
//      project, type-check strict consumers on TypeScript 5.4–7.0 and run an ESM and a CJS one.
// Needs a fresh `npm run build`; packs with --ignore-scripts so nothing rebuilds behind our back.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { assertFreshDist } from "./dist-check.mjs";
import { installMatrix } from "./install-matrix.mjs";
import { entrySources } from "./package-layout.mjs";
import { smokeTest } from "./smoke-consumer.mjs";
import { checkStrictApp } from "./check-strict-app.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
/** Every entry in all four forms, and the spec the testing kit serves. */
const REQUIRED = [
  "package.json",
  ...Object.keys(entrySources()).flatMap((entry) => ["js", "cjs", "d.ts", "d.cts"].map((ext) => `dist/${entry}.${ext}`)),
  "generated/aptic.openapi.yaml",
];
const FORBIDDEN = /^(src|test|scripts|\.ci|node_modules)\/|^specs\/(?!README\.md$)|^bench\/(?!RESULTS\.md$)|\.tgz$|(^|\/)\.env|\.map$/;
/** README links to files of the repository (absolute: relative links break on the npm page). */
const REPO_FILE_LINK = /\]\(https:\/\/github\.com\/aptic-gateway-client\/aptic-gateway-client\/blob\/main\/([^)#\s]+)/g;

/** The bin script of an installed package (found by directory: not all export package.json or a main). */
function binOf(pkg, name) {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const manifest = join(dir, pkg, "package.json");
    if (!existsSync(manifest)) continue;
    const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
    return join(dir, pkg, typeof bin === "string" ? bin : bin[name]);
  }
  throw new Error(`cannot find the ${name} bin of ${pkg}; is it installed?`);
}

function step(label, fn) {
  process.stdout.write(`\ncheck:package: ${label}\n`);
  const started = Date.now();
  fn();
  process.stdout.write(`check:package: ${label} ok (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

function run(label, file, args, options = {}) {
  const result = spawnSync(process.execPath, [file, ...args], { stdio: "inherit", cwd: ROOT, ...options });
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status})`);
}

async function main() {
  assertFreshDist(ROOT);
  const work = mkdtempSync(join(tmpdir(), "aptic-pack-"));
  try {
    let tarball = "";
    step("npm pack", () => {
      const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], {
        cwd: ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      });
      const [info] = JSON.parse(out);
      tarball = join(work, info.filename);
      const files = info.files.map((f) => f.path);
      const missing = REQUIRED.filter((f) => !files.includes(f));
      const forbidden = files.filter((f) => FORBIDDEN.test(f));
      if (missing.length || forbidden.length) {
        throw new Error(`tarball content: missing [${missing.join(", ")}], unexpected [${forbidden.join(", ")}]`);
      }
      // A reader of the installed package (or of the npm page, offline) finds what the README links.
      const readme = readFileSync(join(ROOT, "README.md"), "utf8");
      const unshipped = [...new Set([...readme.matchAll(REPO_FILE_LINK)].map((m) => m[1]))].filter((f) => !files.includes(f));
      if (unshipped.length) throw new Error(`README links to files the tarball does not ship: ${unshipped.join(", ")} (add them to "files" or drop the link)`);
      for (const doc of ["README.md", "LICENSE", "CHANGELOG.md"]) {
        if (!files.includes(doc)) console.warn(`check:package: warning: ${doc} is not in the tarball (listed in "files" but absent)`);
      }
      console.log(`${info.filename}: ${files.length} files, ${(info.size / 1000).toFixed(1)} kB packed, ${(info.unpackedSize / 1000).toFixed(1)} kB unpacked`);
    });
    step("publint --strict", () => run("publint", binOf("publint", "publint"), ["run", tarball, "--strict"]));
    step("attw (are the types wrong)", () => run("attw", binOf("@arethetypeswrong/cli", "attw"), [tarball, "--format", "table-flipped"]));
    step("install matrix (projects that pin typescript 5.3.3, msw 2, msw 3, prism 5.16, nothing)", () => installMatrix(tarball));
    if (process.argv.includes("--consumers")) {
      process.stdout.write("\ncheck:package: consumer smoke test\n");
      await smokeTest(tarball);
      checkStrictApp(tarball);
    }
    console.log(`\ncheck:package: all checks passed${process.argv.includes("--consumers") ? "" : " (consumer matrix: npm run test:package)"}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`check:package: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
});
