// 10. Import cycles: dependency-cruiser over src/ with the project's rules (.dependency-cruiser.cjs,
// the same run as `npm run check:imports` in npm test), counting the cycle violations between
// folders and between files, and any other rule's violations (the layer rules).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT, versionOf } from "./lib.mjs";

export function importCycles() {
  const bin = join(ROOT, "node_modules/.bin/aptic-depcruise");
  const run = spawnSync(bin, ["src", "--config", ".dependency-cruiser.cjs", "--output-type", "json"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`dependency-cruiser failed (exit ${run.status}): ${run.stderr}`);
  const { summary } = JSON.parse(run.stdout);
  const count = (rule) => summary.violations.filter((v) => v.rule.name === rule).length;
  const folderCycles = count("no-circular-folders");
  const fileCycles = count("no-circular");
  const other = summary.violations.length - folderCycles - fileCycles;
  return {
    id: "imports",
    title: "10. Import cycles (src/)",
    folderCycles,
    fileCycles,
    rows: [
      { rule: "no-circular-folders (a cycle between folders)", violations: folderCycles },
      { rule: "no-circular (a cycle between files, type-only imports included)", violations: fileCycles },
      { rule: "layer rules (a folder imports only the layers below it)", violations: other },
      { rule: "modules / dependencies cruised", violations: `${summary.totalCruised} / ${summary.totalDependenciesCruised}` },
    ],
    method: `dependency-cruiser ${versionOf("dependency-cruiser")} over src/ with .dependency-cruiser.cjs (the rules \`npm run check:imports\` enforces in npm test), JSON output, violations counted per rule`,
  };
}
