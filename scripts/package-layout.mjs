// Where each source module lands in dist/, and which entries the package has. Shared by
// tsup.config.ts (runtime files), scripts/build.mjs (declarations) and scripts/check-package.mjs.
// The entries come from package.json "exports", so adding a subpath export is one edit there
// (plus src/<name>/index.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

/** Subpath entries ("webhooks", "odata", …) from package.json "exports", each at src/<name>/index.ts. */
export const SUBPATHS = Object.keys(pkg.exports)
  .filter((key) => key !== "." && key !== "./package.json")
  .map((key) => key.slice(2));

/** Entry name (dist path without extension) → source file, for the main entry and every subpath. */
export function entrySources() {
  return { index: "src/index.ts", ...Object.fromEntries(SUBPATHS.map((name) => [`${name}/index`, `src/${name}/index.ts`])) };
}

/**
 * The dist path (without extension) of a source module, relative to dist/: `src/a/b.ts` → `a/b`,
 * `generated/x.ts` → `generated/x`. The ESM build and the declarations share this layout, so a
 * relative import between two modules has the same meaning in sources and in dist/.
 */
export function distPathOf(sourceFile) {
  const rel = relative(ROOT, resolve(ROOT, sourceFile)).split(sep).join("/").replace(/\.ts$/, "");
  if (rel.startsWith("src/")) return rel.slice(4);
  if (rel.startsWith("generated/")) return rel;
  throw new Error(`${sourceFile} is neither in src/ nor in generated/`);
}

/** Every runtime module the ESM build emits (one file each): src/**\/*.ts and generated/*.ts. */
export function moduleSources() {
  const list = (dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
      .map((file) => `${dir}/${file.split(sep).join("/")}`);
  return Object.fromEntries([...list("src"), ...list("generated")].sort().map((file) => [distPathOf(file), file]));
}
