// Module resolve hook registered by run.mjs: "typescript" means this package's copy.
let typescript;
export function initialize(url) {
  typescript = url;
}
export function resolve(specifier, context, next) {
  return specifier === "typescript" ? { url: typescript, shortCircuit: true } : next(specifier, context);
}
