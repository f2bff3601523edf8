// `npm run build`: a clean dist/ from tsup.config.ts (ESM per module + CJS bundles), then the
// CJS declaration twins. tsup would roll the declarations up twice (once per config, ~10 s each);
// the .d.cts it writes is byte-identical to the .d.ts, so we roll up once and copy.
import { spawnSync } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const tsupCli = join(dirname(require.resolve("tsup/package.json")), "dist/cli-default.js");

rmSync("dist", { recursive: true, force: true });
const tsup = spawnSync(process.execPath, [tsupCli, ...process.argv.slice(2)], { stdio: "inherit" });
if (tsup.status !== 0) process.exit(tsup.status ?? 1);
for (const entry of ["dist/index", ...["webhooks", "odata", "services", "operations", "node", "testing"].map((name) => `dist/${name}/index`)]) copyFileSync(`${entry}.d.ts`, `${entry}.d.cts`);
console.log("build: dist/ ready (ESM modules + CJS bundles, .d.ts and .d.cts)");
