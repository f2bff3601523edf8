// Type-checks examples/strict-app (ESM; strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess,
// skipLibCheck false) against a packed package on every TypeScript the consumer matrix covers
// (5.4, 5.9, 6.0, 7.0): an integrator's app handling every error class, webhook deliveries and the
// testing kit must compile without a cast on each. Called by check-package.mjs --consumers after
// the smoke test; also `node scripts/check-strict-app.mjs <package.tgz>`.
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { installConsumerProject, TYPESCRIPTS } from "./smoke-consumer.mjs";

const APP = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."), "examples/strict-app");

/** Copies the app into a project that has `tarball` installed; returns one failure message per TypeScript that refuses it. */
export function checkStrictAppIn(project) {
  cpSync(join(APP, "src"), join(project, "src"), { recursive: true });
  cpSync(join(APP, "tsconfig.json"), join(project, "tsconfig.json"));
  const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
  writeFileSync(join(project, "package.json"), JSON.stringify({ ...manifest, type: "module" }, null, 2));
  const failures = [];
  for (const ts of TYPESCRIPTS) {
    const started = Date.now();
    const run = spawnSync(process.execPath, [join(ts.dir(), "bin/tsc"), "-p", "tsconfig.json"], { cwd: project, encoding: "utf8" });
    const version = JSON.parse(readFileSync(join(ts.dir(), "package.json"), "utf8")).version;
    console.log(`strict-app: TypeScript ${version} ${run.status === 0 ? "ok" : "FAILED"} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (run.status !== 0) failures.push(`examples/strict-app on TypeScript ${version}:\n${`${run.stdout}${run.stderr}`.trim()}`);
  }
  return failures;
}

/** Installs `tarball` into a fresh project and type-checks the app on every TypeScript; throws on failure. */
export function checkStrictApp(tarball) {
  const project = installConsumerProject(tarball, "aptic-strict-app-");
  try {
    const failures = checkStrictAppIn(project);
    if (failures.length) throw new Error(failures.join("\n\n"));
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const tarball = process.argv[2];
  if (!tarball) {
    console.error("usage: node scripts/check-strict-app.mjs <package.tgz>");
    process.exit(2);
  }
  try {
    checkStrictApp(tarball);
  } catch (err) {
    console.error(`strict-app: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  }
}
