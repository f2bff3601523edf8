// Every README code block is real: TypeScript blocks are excerpts of examples/ files (which are
// type-checked and run), and shell blocks only use commands and npm scripts that exist.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const examples = readdirSync(new URL("examples/", root))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => readFileSync(new URL(`examples/${f}`, root), "utf8"));
const scripts = Object.keys((JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { scripts: object }).scripts);

const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1] ?? "", code: m[2] ?? "" }));

describe("README code blocks", () => {
  it("has code blocks", () => {
    expect(blocks.filter((b) => b.lang === "ts").length).toBeGreaterThan(8);
  });

  it.each(blocks.filter((b) => b.lang === "ts").map((b) => [b.code.split("\n")[0], b.code]))("ts block %s is an excerpt of an examples/ file", (_, code) => {
    expect(examples.some((file) => file.includes(code.trimEnd()))).toBe(true);
  });

  it.each(blocks.filter((b) => b.lang === "sh").flatMap((b) => b.code.trim().split("\n")))("sh line %s uses a real command", (line) => {
    const run = /^npm run ([\w:-]+)/.exec(line);
    if (run) expect(scripts).toContain(run[1]);
    else expect(line).toMatch(/^(npm (ci|start|test)|npm install aptic-gateway-client)$/);
    if (line === "npm start") expect(scripts).toContain("start");
  });
});
