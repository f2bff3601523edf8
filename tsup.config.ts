import { dirname, relative, resolve } from "node:path";
import { defineConfig, type Options } from "tsup";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

/** The subpath entries (package.json "exports"), each at src/<name>/index.ts → dist/<name>/index.*. */
const SUBPATHS = ["webhooks", "odata", "services", "operations", "node", "testing"];

/**
 * Modules of the main entry that subpath entries use and whose identity matters (classes checked
 * with `instanceof`, shared state). Each must be fully re-exported by src/index.ts: the CJS build
 * of a subpath requires the main entry for them instead of bundling a copy.
 */
const SHARED_WITH_MAIN = ["src/errors/aptic-error.ts", "src/errors/api-error.ts", "src/client/unwrap.ts"];

/**
 * CJS build: keeps one copy of shared code without code-splitting chunks. In a subpath entry,
 * an import of another subpath's module becomes `require("../<subpath>/index.cjs")`, an import of
 * a SHARED_WITH_MAIN module becomes `require("../index.cjs")` (so `instanceof ApticError` holds
 * across entries), and other helpers (pure functions) are bundled. The `import.meta.url` shim
 * stays inside dist/testing/index.cjs (a shared chunk in dist/ would resolve the bundled spec one
 * directory too high). (The ESM build is one file per module, so entries share modules naturally.)
 */
function subpathsImportSharedEntries(): EsbuildPlugin {
  return {
    name: "subpaths-import-shared-entries",
    setup(build) {
      const ext = build.initialOptions.format === "cjs" ? "cjs" : "js";
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const from = SUBPATHS.find((name) => args.importer.startsWith(resolve("src", name) + "/"));
        if (!from) return undefined;
        const target = resolve(dirname(args.importer), args.path).replace(/\.js$/, ".ts");
        if (target.startsWith(resolve("src", from) + "/")) return undefined;
        const other = SUBPATHS.find((name) => target.startsWith(resolve("src", name) + "/"));
        if (other) return { path: `../${other}/index.${ext}`, external: true };
        const rel = relative(process.cwd(), target);
        if (SHARED_WITH_MAIN.includes(rel)) return { path: `../index.${ext}`, external: true };
        return undefined;
      });
    },
  };
}

/**
 * CJS interop for openapi-fetch's default export (createClient). Our sources live in a
 * "type": "module" package, so esbuild converts `import createClient from "openapi-fetch"` with
 * Node's ESM-imports-CJS rule (default = the whole `module.exports`), which is wrong for a CJS
 * output requiring openapi-fetch's index.cjs (`exports.default = createClient`, `__esModule`).
 * Routing the import through this virtual module (no package.json, so no Node mode) makes
 * esbuild honour `__esModule`. The CJS config lists openapi-fetch in `noExternal` so tsup's
 * external plugin lets this one decide; the real package stays external.
 */
function openapiFetchCjsInterop(): EsbuildPlugin {
  const namespace = "openapi-fetch-interop";
  return {
    name: namespace,
    setup(build) {
      build.onResolve({ filter: /^openapi-fetch$/ }, (args) =>
        args.namespace === namespace ? { path: args.path, external: true } : { path: args.path, namespace },
      );
      build.onLoad({ filter: /.*/, namespace }, () => ({
        contents: `export { default } from "openapi-fetch"; export * from "openapi-fetch";`,
        loader: "js",
        resolveDir: process.cwd(),
      }));
    },
  };
}

/**
 * ESM build: generated/ runtime modules (the operation table, the spec as data) are emitted to
 * dist/generated/, and each module's relative import of `…/generated/x.js` is pointed there
 * (sources sit one level deeper below the repo root than dist/ files do below dist/).
 */
function generatedImportsIntoDist(): NonNullable<Options["plugins"]>[number] {
  return {
    name: "generated-imports-into-dist",
    renderChunk(code, info) {
      if (info.type !== "chunk" || !/\.js$/.test(info.path)) return undefined;
      const fromDir = dirname(resolve(info.path));
      const target = relative(fromDir, resolve("dist/generated")).replace(/\\/g, "/");
      const rewritten = code.replace(/(["'])(?:\.\.\/)+generated\/([\w-]+)\.js\1/g, (_, q: string, name: string) => `${q}${target.startsWith(".") ? target : `./${target}`}/${name}.js${q}`);
      return rewritten === code ? undefined : { code: rewritten };
    },
  };
}

// Layout (the package is "type": "module"):
//   dist/index.js, dist/testing/index.js   ESM, one file per source module (not bundled), so an
//                                          app bundler drops whole unused modules (OData builder,
//                                          service helpers…) thanks to `sideEffects: false`
//   dist/index.cjs, dist/testing/index.cjs CJS, one bundled file per entry
//   dist/index.d.ts / .d.cts, dist/testing/index.d.ts / .d.cts   rolled-up declarations
// The testing entry must stay at dist/testing/: mock-server finds the bundled spec at
// `../../generated/aptic.openapi.yaml` relative to its own module URL.
// The two configs run concurrently, so neither cleans: scripts/build.mjs (`npm run build`)
// empties dist/ first and copies the rolled-up .d.ts to .d.cts (identical content).
function entries(): Record<string, string> {
  return { index: "src/index.ts", ...Object.fromEntries(SUBPATHS.map((name) => [`${name}/index`, `src/${name}/index.ts`])) };
}

const shared = {
  target: "es2022",
  platform: "neutral",
  // Node built-ins (imported by the testing kit only) and declared dependencies stay external;
  // keep the `node:` prefix (engines >= 20) so browser bundlers never mistake them for npm packages.
  external: [/^node:/, "openapi-fetch", "@stoplight/prism-cli"],
  removeNodeProtocol: false,
  sourcemap: false,
  minify: false,
  clean: false,
  outDir: "dist",
} satisfies Options;

export default defineConfig([
  {
    ...shared,
    format: ["esm"],
    entry: ["src/**/*.ts"],
    bundle: false,
    dts: { entry: entries() },
    plugins: [generatedImportsIntoDist()],
  },
  {
    ...shared,
    format: ["esm"],
    entry: ["generated/*.ts"],
    outDir: "dist/generated",
    bundle: false,
  },
  {
    ...shared,
    format: ["cjs"],
    entry: entries(),
    splitting: false,
    // The CJS testing build uses import.meta.url (bundled spec path, resolving Prism).
    shims: true,
    noExternal: [/^openapi-fetch$/],
    esbuildPlugins: [subpathsImportSharedEntries(), openapiFetchCjsInterop()],
  },
]);
