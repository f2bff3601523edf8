// Runs a dev tool's CLI with this Node (never via npx: a killed npx can orphan its child).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** Absolute path of a package's CLI entry, from its package.json `bin`. */
export function binPath(pkg, name) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { bin } = require(manifestPath);
  const rel = typeof bin === "string" ? bin : bin[name];
  return join(dirname(manifestPath), rel);
}

/** Runs `node <cli> ...args`; returns { status, stdout, stderr }. Throws nothing. */
export function runCli(pkg, name, args, { capture = false } = {}) {
  const result = spawnSync(process.execPath, [binPath(pkg, name), ...args], {
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? 1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}
