// `aptic-gateway-client/testing` must load in browsers and workers: no `node:` import may be
// reached at module evaluation (only inside the functions that need Node), and the fake's core
// must not compile code at run time (workerd forbids eval/new Function).
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

async function bundle(entry: string) {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, format: "esm", platform: "browser", external: ["node:*"], splitting: false, metafile: true, logLevel: "silent" });
  return { code: result.outputFiles[0]?.text ?? "", meta: result.metafile };
}

describe("the testing entry in a browser/worker bundle", () => {
  it("imports no node: module statically (only dynamic import() inside functions)", async () => {
    const { code } = await bundle("src/testing/index.ts");
    const staticNode = [...code.matchAll(/^\s*import\s[^;]*?from\s*["'](node:[^"']+)["']/gm)].map((m) => m[1]);
    expect(staticNode).toEqual([]);
    const dynamicNode = new Set([...code.matchAll(/import\(\s*["'](node:[^"']+)["']\s*\)/g)].map((m) => m[1]));
    expect([...dynamicNode].sort()).toEqual(["node:child_process", "node:http", "node:module", "node:path", "node:url"]);
  });

  it("contains no eval or new Function (the validator interprets schemas)", async () => {
    const { code } = await bundle("src/testing/index.ts");
    expect(code).not.toMatch(/\bnew Function\s*\(/);
    expect(code).not.toMatch(/[^.\w]eval\s*\(/);
  });
});
