// Tools that only one opt-in check needs (older TypeScripts, other runtimes) are not
// devDependencies: they are exact-pinned with integrity hashes in a package.json + lockfile of
// their own (test/consumers/, test/runtimes/) and installed on first use into
// node_modules/.cache/<name>/, again only when that lockfile changes. `npm ci` stays lean and
// nothing of theirs lands in node_modules/.bin.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// npm exports its whole configuration to scripts as npm_config_*; a child npm would read it
// (prefix, workspace…) and could install into this checkout. Keep only network/cache settings.
const KEEP_NPM_ENV = /^npm_config_(cache|registry|userconfig|globalconfig|offline|prefer_offline|strict_ssl|cafile|proxy|https_proxy|noproxy|fetch_retries)$/i;

/** process.env without the npm_* variables a child npm must not inherit. */
export function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || KEEP_NPM_ENV.test(key)));
}

/**
 * Installs the lockfile in `manifestDir` (relative to the repo root) into node_modules/.cache/`name`
 * unless that exact lockfile is installed there already; returns the cache directory.
 * `--ignore-scripts`: callers use the packages' files directly (binaries by path).
 */
export function installPinned(manifestDir, name) {
  const cache = join(ROOT, "node_modules/.cache", name);
  const files = ["package.json", "package-lock.json"];
  const hash = createHash("sha256");
  for (const file of files) hash.update(readFileSync(join(ROOT, manifestDir, file)));
  const digest = hash.digest("hex");
  const marker = join(cache, ".installed-lock-sha256");
  if (existsSync(marker) && readFileSync(marker, "utf8") === digest) return cache;
  console.log(`installing ${manifestDir}/package-lock.json into node_modules/.cache/${name}/ (first use or lockfile changed)`);
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  for (const file of files) copyFileSync(join(ROOT, manifestDir, file), join(cache, file));
  execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", cache], {
    cwd: cache,
    env: cleanEnv(),
    stdio: "inherit",
  });
  writeFileSync(marker, digest);
  return cache;
}
