// `npm run test:mutation [-- stryker options]`: runs Stryker (stryker.config.mjs). A full run reads
// and rewrites the checked-in reports/stryker-incremental.json. A subset run
// (`-- --mutate "src/webhooks/**/*.ts"`, several globs comma-separated) starts from that file, so it
// is just as fast, writes its own result to reports/mutation/incremental-subset.json, and then
// merges it back into the checked-in file (Stryker itself would overwrite it with the subset only,
// and the next full run would re-test everything else).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { mergeIncrementalReports } from "./mutation-merge.mjs";

const FULL_FILE = "reports/stryker-incremental.json";
const SUBSET_FILE = "reports/mutation/incremental-subset.json";

const args = process.argv.slice(2);
const subset = args.some((a) => a === "--mutate" || a === "-m" || a.startsWith("--mutate="));
const ownFile = args.some((a) => a.startsWith("--incrementalFile"));
const extra = [];
if (subset && !ownFile) {
  mkdirSync(dirname(SUBSET_FILE), { recursive: true });
  if (existsSync(FULL_FILE)) writeFileSync(SUBSET_FILE, readFileSync(FULL_FILE));
  extra.push("--incrementalFile", SUBSET_FILE);
}
// The package exports no bin path; resolve its package.json (exported) and take bin/ beside it.
const bin = join(dirname(createRequire(import.meta.url).resolve("@stryker-mutator/core/package.json")), "bin", "stryker.js");
const run = spawnSync(process.execPath, [bin, "run", ...args, ...extra], { stdio: "inherit" });
if (run.status === 0 && subset && !ownFile && existsSync(SUBSET_FILE)) {
  const subsetReport = JSON.parse(readFileSync(SUBSET_FILE, "utf8"));
  const full = existsSync(FULL_FILE) ? JSON.parse(readFileSync(FULL_FILE, "utf8")) : { ...subsetReport, files: {}, testFiles: {} };
  writeFileSync(FULL_FILE, JSON.stringify(mergeIncrementalReports(full, subsetReport), null, 2));
  console.log(`Merged the results for ${Object.keys(subsetReport.files).length} files into ${FULL_FILE}.`);
}
process.exit(run.status ?? 1);
