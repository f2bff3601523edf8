type Builtins = {
  http: typeof import("node:http");
  child_process: typeof import("node:child_process");
  module: typeof import("node:module");
  path: typeof import("node:path");
  url: typeof import("node:url");
};

/**
 * Imports a Node built-in through a computed specifier. The Node-only helpers of the testing kit
 * (Prism, the token server, `fake.listen()`) call this when they run; bundlers for browsers and
 * workers see no `node:` import to resolve or include, and workerd loads the module without
 * `nodejs_compat`.
 *
 * @example
 * ```ts
 * const { createServer } = await importNode("http");
 * ```
 */
export function importNode<K extends keyof Builtins>(name: K): Promise<Builtins[K]> {
  const specifier = `node:${name}`;
  return import(/* @vite-ignore */ specifier) as Promise<Builtins[K]>;
}
