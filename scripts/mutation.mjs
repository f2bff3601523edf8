// `npm run test:mutation [-- stryker options]`: runs Stryker (stryker.config.mjs). A full run reads
// and rewrites the checked-in reports/stryker-incremental.json. A subset run
// (`-- --mutate "src/webhooks/**/*.ts"`) starts from a copy of it, so it is just as fast, but never
// overwrites it: a partial result there would make the next full run re-test everything else.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";

const FULL_FILE = "reports/stryker-incremental.json";
const SUBSET_FILE = ".stryker-tmp/incremental-subset.json";

const args = process.argv.slice(2);
const subset = args.some((a) => a === "--mutate" || a === "-m" || a.startsWith("--mutate="));
const extra = [];
if (subset && !args.some((a) => a.startsWith("--incrementalFile"))) {
  mkdirSync(".stryker-tmp", { recursive: true });
  if (existsSync(FULL_FILE)) copyFileSync(FULL_FILE, SUBSET_FILE);
  extra.push("--incrementalFile", SUBSET_FILE);
}
// The package exports no bin path; resolve its package.json (exported) and take bin/ beside it.
const bin = join(dirname(createRequire(import.meta.url).resolve("@stryker-mutator/core/package.json")), "bin", "stryker.js");
const run = spawnSync(process.execPath, [bin, "run", ...args, ...extra], { stdio: "inherit" });
process.exit(run.status ?? 1);
