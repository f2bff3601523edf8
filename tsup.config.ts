import { dirname, posix, relative, resolve } from "node:path";
import { defineConfig, type Options } from "tsup";
import { entrySources, moduleSources, SUBPATHS } from "./scripts/package-layout.mjs";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

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
 * ESM build: one output file per source module (src/**, generated/*), each importing the others
 * by relative path, so an app bundler drops whole unused modules. esbuild bundles each module
 * with every relative import left external and re-pointed at where its target lands in dist/
 * (scripts/package-layout.mjs): `src/client/x.ts` importing `../../generated/operations.js`
 * becomes `dist/client/x.js` importing `../generated/operations.js`. (A plain transpile would
 * keep `../../generated/…`, which points outside dist/ once packed.)
 */
function relativeImportsStayModules(modules: Record<string, string>): EsbuildPlugin {
  const outOf = new Map(Object.entries(modules).map(([out, source]) => [resolve(source), out]));
  return {
    name: "relative-imports-stay-modules",
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === "entry-point") return undefined;
        const from = outOf.get(args.importer);
        const to = outOf.get(resolve(dirname(args.importer), args.path).replace(/\.js$/, ".ts"));
        if (!from || !to) return { errors: [{ text: `${args.path} (from ${args.importer}) is not a module of the ESM build` }] };
        const specifier = posix.relative(posix.dirname(from), to);
        return { path: `${specifier.startsWith(".") ? specifier : `./${specifier}`}.js`, external: true };
      });
    },
  };
}

// Layout (the package is "type": "module"):
//   dist/**/*.js         ESM, one file per source module (src/** and the runtime modules of
//                        generated/, at dist/generated/), so an app bundler drops whole unused
//                        modules (OData builder, service helpers…) thanks to `sideEffects: false`
//   dist/<entry>.cjs     CJS, one bundled file per entry (index, webhooks/index, …)
//   dist/**/*.d.ts|.d.cts  per-module declarations, written by scripts/build.mjs with tsc (not here)
// The testing entry must stay at dist/testing/: mock-server finds the bundled spec at
// `../../generated/aptic.openapi.yaml` relative to its own module URL.
// The two configs run concurrently, so neither cleans: scripts/build.mjs (`npm run build`)
// empties dist/ first, then writes the declarations.
const shared = {
  target: "es2022",
  platform: "neutral",
  // Node built-ins (imported by the testing kit only), the dependency and the testing kit's
  // optional tools (no peers: src/testing/missing-tool.ts) stay external; keep the `node:` prefix
  // (engines >= 20) so browser bundlers never mistake them for npm packages.
  external: [/^node:/, "openapi-fetch", "@stoplight/prism-cli", "@cfworker/json-schema", "msw"],
  removeNodeProtocol: false,
  sourcemap: false,
  minify: false,
  clean: false,
  dts: false,
  // scripts/build.mjs prints one summary line; tsup would list all ~60 files twice.
  silent: true,
  outDir: "dist",
} satisfies Options;

const modules = moduleSources();

export default defineConfig([
  {
    ...shared,
    format: ["esm"],
    entry: modules,
    bundle: true,
    splitting: false,
    esbuildPlugins: [relativeImportsStayModules(modules)],
  },
  {
    ...shared,
    format: ["cjs"],
    entry: entrySources(),
    splitting: false,
    // The CJS testing build uses import.meta.url (bundled spec path, resolving Prism).
    shims: true,
    noExternal: [/^openapi-fetch$/],
    esbuildPlugins: [subpathsImportSharedEntries(), openapiFetchCjsInterop()],
  },
]);
