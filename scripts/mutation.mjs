// `npm run test:mutation [-- stryker options]`: runs Stryker (stryker.config.mjs) incrementally
// against the checked-in reports/stryker-incremental.json, then writes the result back to it.
// Subset runs (`-- --mutate "src/webhooks/**/*.ts"`, several globs comma-separated) are fine:
// Stryker keeps the results of files outside the subset in the report.
//
// One fix-up first: Stryker reuses a surviving *static* mutant (one reached while modules load,
// before any test) as long as its file is unchanged, even when new tests were added since, because
// it has no per-test coverage to notice them. Such survivors are left out of the copy Stryker
// reads, so every run tests them again (there are few, and each is a gap worth seeing).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const CHECKED_IN = "reports/stryker-incremental.json";
const WORK = "reports/mutation/incremental-work.json";

const args = process.argv.slice(2);
if (args.some((a) => a.startsWith("--incrementalFile"))) {
  console.error("scripts/mutation.mjs manages --incrementalFile itself; run npx stryker run directly for another file.");
  process.exit(2);
}
mkdirSync(dirname(WORK), { recursive: true });
if (existsSync(CHECKED_IN)) {
  const report = JSON.parse(readFileSync(CHECKED_IN, "utf8"));
  for (const file of Object.values(report.files)) {
    file.mutants = file.mutants.filter((m) => !(m.static && (m.status === "Survived" || m.status === "NoCoverage")));
  }
  writeFileSync(WORK, JSON.stringify(report));
}
// The package exports no bin path; resolve its package.json (exported) and take bin/ beside it.
const bin = join(dirname(createRequire(import.meta.url).resolve("@stryker-mutator/core/package.json")), "bin", "stryker.js");
const run = spawnSync(process.execPath, [bin, "run", ...args, "--incrementalFile", WORK], { stdio: "inherit" });
if (run.status === 0 && existsSync(WORK)) copyFileSync(WORK, CHECKED_IN);
process.exit(run.status ?? 1);
