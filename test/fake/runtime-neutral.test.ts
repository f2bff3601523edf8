// `aptic-gateway-client/testing` must load in browsers and workers: no `node:` import may be
// reached at module evaluation (only inside the functions that need Node), and the fake's core
// must not compile code at run time (workerd forbids eval/new Function).
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

async function bundle(entry: string) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    external: ["node:*"],
    splitting: false,
    metafile: true,
    logLevel: "silent",
  });
  return { code: result.outputFiles[0]?.text ?? "", meta: result.metafile };
}

describe("the testing entry in a browser/worker bundle", () => {
  it("names no node: module a bundler would resolve (Node built-ins are imported by computed name when used)", async () => {
    const { code, meta } = await bundle("src/testing/index.ts");
    expect(code).not.toMatch(/\bimport\s[^;]*?from\s*["']node:/);
    expect(code).not.toMatch(/import\(\s*["']node:/);
    expect(code).not.toMatch(/require\(\s*["']node:/);
    const output = Object.values(meta.outputs)[0];
    expect(output?.imports.filter((i) => i.path.startsWith("node:"))).toEqual([]);
  });

  it("contains no eval or new Function (the validator interprets schemas)", async () => {
    const { code } = await bundle("src/testing/index.ts");
    expect(code).not.toMatch(/\bnew Function\s*\(/);
    expect(code).not.toMatch(/[^.\w]eval\s*\(/);
  });
});
