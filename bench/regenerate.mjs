// 5. Regeneration: wall time of `npm run generate` (lint areas → join → lint merged → types).
// Runs in a scratch copy of the pipeline's inputs (specs/, scripts/, redocly.yaml, package.json,
// node_modules linked), so the benchmark never rewrites generated/ in the working tree; the
// scratch output is compared with the committed generated/ as a determinism check.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fmt, median, ROOT } from "./lib.mjs";

const INPUTS = ["specs", "scripts", "redocly.yaml", "package.json"];
const OUTPUTS = ["generated/aptic.openapi.yaml", "generated/aptic.ts"];

export async function regenerate({ rounds = 3 } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), "aptic-regen-"));
  try {
    for (const input of INPUTS) cpSync(join(ROOT, input), join(scratch, input), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(scratch, "node_modules"), "dir");
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    const times = [];
    for (let i = 0; i < rounds; i++) {
      rmSync(join(scratch, "generated"), { recursive: true, force: true });
      const started = performance.now();
      const run = spawnSync("npm", ["run", "--silent", "generate"], { cwd: scratch, env, encoding: "utf8" });
      const elapsed = performance.now() - started;
      if (run.status !== 0) throw new Error(`npm run generate failed:\n${run.stdout}\n${run.stderr}`);
      times.push(elapsed);
    }
    const identical = OUTPUTS.every((file) => readFileSync(join(scratch, file), "utf8") === readFileSync(join(ROOT, file), "utf8"));
    const wall = median(times);
    return {
      id: "regenerate",
      title: "5. Regeneration (npm run generate)",
      wallMs: wall,
      times,
      identical,
      rows: [
        {
          step: "npm run generate (wall, incl. npm start-up)",
          median: fmt.s(wall),
          runs: times.map((t) => fmt.s(t)).join(", "),
          "output = committed generated/": identical ? "yes" : "NO (specs/ changed since the last generate?)",
        },
      ],
      method: `${rounds} runs in a scratch copy of specs/, scripts/, redocly.yaml, package.json; median wall time`,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
