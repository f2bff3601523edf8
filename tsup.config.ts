import { dirname, relative, resolve } from "node:path";
import { defineConfig, type Options } from "tsup";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * Modules the testing kit shares with the client. Each must be fully re-exported by
 * src/index.ts: the testing build imports them from the main entry instead of bundling a copy.
 */
const SHARED_WITH_MAIN = ["src/errors/aptic-error.ts"];

/**
 * CJS build: keeps one copy of shared code without code-splitting chunks. Imports from
 * src/testing/** of modules outside src/testing/ become `require("../index.cjs")` (the main
 * entry), so `instanceof ApticError` holds across both entries and the `import.meta.url` shim
 * stays inside dist/testing/index.cjs (a shared chunk in dist/ would resolve the bundled spec one
 * directory too high). Unlisted value imports fail the build; type-only imports never get here.
 * (The ESM build is one file per module, so both entries share dist/errors/*.js naturally.)
 */
function testingImportsMainEntry(): EsbuildPlugin {
  return {
    name: "testing-imports-main-entry",
    setup(build) {
      const mainEntry = build.initialOptions.format === "cjs" ? "../index.cjs" : "../index.js";
      const testingDir = resolve("src/testing");
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (!args.importer.startsWith(testingDir + "/")) return undefined;
        const target = resolve(dirname(args.importer), args.path).replace(/\.js$/, ".ts");
        if (target.startsWith(testingDir + "/")) return undefined;
        const rel = relative(process.cwd(), target);
        if (!SHARED_WITH_MAIN.includes(rel)) {
          return { errors: [{ text: `testing kit imports ${rel}; re-export it from src/index.ts and add it to SHARED_WITH_MAIN in tsup.config.ts` }] };
        }
        return { path: mainEntry, external: true };
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
    dts: { entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts" } },
  },
  {
    ...shared,
    format: ["cjs"],
    entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts" },
    splitting: false,
    // The CJS testing build uses import.meta.url (bundled spec path, resolving Prism).
    shims: true,
    noExternal: [/^openapi-fetch$/],
    esbuildPlugins: [testingImportsMainEntry(), openapiFetchCjsInterop()],
  },
]);
