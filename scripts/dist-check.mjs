// Shared by size, check:package, test:browser and bench: they measure or ship dist/, so refuse a
// missing or stale build (older than a source it is made from) instead of reporting on old code.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const OUTPUTS = ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts", "dist/testing/index.js", "dist/testing/index.cjs"];
const INPUTS = ["src", "generated", "tsup.config.ts", "tsconfig.build.json", "scripts/build.mjs", "scripts/package-layout.mjs"];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Throws unless dist/ exists and is newer than every source; `root` is the repository root. */
export function assertFreshDist(root = process.cwd()) {
  const missing = OUTPUTS.filter((file) => !existsSync(join(root, file)));
  if (missing.length) throw new Error(`dist/ is missing ${missing.join(", ")}: run \`npm run build\` first`);
  const built = Math.min(...OUTPUTS.map((file) => statSync(join(root, file)).mtimeMs));
  const source = Math.max(...INPUTS.filter((p) => existsSync(join(root, p))).map((p) => newest(join(root, p))));
  if (source > built) throw new Error(`dist/ is older than one of ${INPUTS.join(", ")}: run \`npm run build\` first`);
}
