#!/usr/bin/env node
// Runs dependency-cruiser with this package's TypeScript 5.9. npm hoists dependency-cruiser to the
// root node_modules, where a plain `import("typescript")` finds the root's TypeScript 7 (no JS
// API), so the name "typescript" is pointed here: for ESM imports through a resolve hook, for
// the CommonJS `require("typescript/package.json")` version check through the CJS resolver.
import Module, { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

const local = createRequire(import.meta.url);
const typescriptDir = local.resolve("typescript/package.json").replace(/package\.json$/, "");
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "typescript" || request.startsWith("typescript/")) return resolveFilename.call(this, request.replace("typescript", typescriptDir), ...rest);
  return resolveFilename.call(this, request, ...rest);
};
register("./hooks.mjs", import.meta.url, { data: pathToFileURL(local.resolve("typescript")).href });
// The bin is not in the package's exports: found from its main module.
const main = import.meta.resolve("dependency-cruiser");
await import(new URL("../../bin/dependency-cruise.mjs", main).href);
