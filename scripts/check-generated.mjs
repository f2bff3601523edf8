// Drift check (CI): regenerate, then fail if generated/ differs from what is committed.
// openapi-typescript's own --check is unreliable with several apis, so we diff with git.
import { execFileSync, spawnSync } from "node:child_process";

const gen = spawnSync(process.execPath, ["scripts/generate.mjs"], { stdio: "inherit" });
if (gen.status !== 0) process.exit(gen.status ?? 1);

const changed = execFileSync("git", ["status", "--porcelain", "--", "generated/"], { encoding: "utf8" });
if (changed.trim()) {
  console.error("check:generated: generated/ is out of date with specs/. Run `npm run generate` and commit:\n" + changed);
  execFileSync("git", ["--no-pager", "diff", "--stat", "--", "generated/"], { stdio: "inherit" });
  process.exit(1);
}
console.log("check:generated: generated/ matches specs/");
