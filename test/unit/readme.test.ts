// Every README code block is real:
//   - each ```ts block is a complete program (imports included): written to its own file and
//     type-checked with the project's TypeScript 7, `aptic-gateway-client/*` mapped to src/
//     (tsconfig.json "paths"). Each is also an excerpt of an examples/ file, which
//     test/examples runs against the mock gateway, so the README's code runs as well as compiles;
//   - each ```cjs block is a CommonJS program, type-checked the same way (checkJs);
//   - shell blocks only use commands and npm scripts that exist;
//   - the troubleshooting section quotes error messages that src/ really produces.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const examples = readdirSync(join(ROOT, "examples"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => readFileSync(join(ROOT, "examples", f), "utf8"));
const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: object }).scripts);
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");

interface Block {
  lang: string;
  code: string;
  line: number;
  file: string;
}

const blocks: Block[] = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => {
  const line = readme.slice(0, m.index).split("\n").length;
  const lang = m[1] ?? "";
  return { lang, code: m[2] ?? "", line, file: `line-${String(line).padStart(3, "0")}.${lang === "cjs" ? "cjs" : "ts"}` };
});
const programs = blocks.filter((b) => b.lang === "ts" || b.lang === "cjs");
const label = (b: Block) => `line ${b.line}: ${b.code.split("\n")[0]}`;

// One directory per run, inside the repo so that tsconfig "paths", @types/node and the package's
// "type": "module" apply exactly as they do to examples/.
const DIR = join(ROOT, `.tmp/readme-${process.pid}`);
const diagnostics = new Map<string, string[]>();
/** tsc errors that belong to no block (a broken tsconfig, a missing file): nothing was checked. */
const setupErrors: string[] = [];

/** Type-checks the files of `config` in DIR; records each error line under its file name. */
function check(config: object, name: string, ignore?: RegExp): void {
  writeFileSync(join(DIR, name), JSON.stringify(config, null, 2));
  const result = spawnSync(process.execPath, [tsc, "-p", join(DIR, name), "--pretty", "false"], { cwd: ROOT, encoding: "utf8" });
  const lines = (result.stdout + result.stderr).split("\n").filter((line) => /error TS\d+/.test(line) && !ignore?.test(line));
  for (const line of lines) {
    const file = /^(?:.*[\\/])?(line-\d+\.c?[jt]s)\(/.exec(line)?.[1];
    if (file) diagnostics.set(file, [...(diagnostics.get(file) ?? []), line]);
    else setupErrors.push(line);
  }
  if (result.status !== 0 && lines.length === 0 && !ignore) setupErrors.push(`${name}: tsc exited ${result.status}: ${result.stderr}`);
}

beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
  for (const b of programs) writeFileSync(join(DIR, b.file), b.code);
  const base = relative(DIR, join(ROOT, "tsconfig.json"));
  // ESM programs: the project's own settings (nodenext, strict), as examples/ are checked.
  check({ extends: base, include: ["line-*.ts"] }, "tsconfig.ts.json");
  // CommonJS programs, checked as the project checks itself (nodenext) with checkJs. A CJS file
  // requiring src/ (ES modules) is always TS1479, which says nothing about the snippet: those are
  // dropped, every other diagnostic counts (types still flow through the require). The CJS
  // packaging itself — .d.cts files, require() of dist/ — is checked by `npm run test:package`,
  // which also type-checks and runs these snippets against the packed package.
  check(
    { extends: base, compilerOptions: { allowJs: true, checkJs: true, verbatimModuleSyntax: false }, include: ["line-*.cjs"] },
    "tsconfig.cjs.json",
    /error TS1479:/,
  );
}, 120_000);

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe("README code blocks", () => {
  it("has TypeScript blocks and a CommonJS block", () => {
    expect(blocks.filter((b) => b.lang === "ts").length).toBeGreaterThan(8);
    expect(blocks.filter((b) => b.lang === "cjs").length).toBeGreaterThan(0);
  });

  it("type-checking ran over every block (no configuration error)", () => {
    expect(setupErrors).toEqual([]);
  });

  it.each(programs.map((b) => [label(b), b] as const))("%s compiles as a complete program", (_, b) => {
    expect(diagnostics.get(b.file) ?? []).toEqual([]);
  });

  it.each(blocks.filter((b) => b.lang === "ts").map((b) => [label(b), b.code] as const))("ts block %s is an excerpt of an examples/ file", (_, code) => {
    expect(examples.some((file) => file.includes(code.trimEnd()))).toBe(true);
  });

  it.each(blocks.filter((b) => b.lang === "sh").flatMap((b) => b.code.trim().split("\n")))("sh line %s uses a real command", (line) => {
    const run = /^npm run ([\w:-]+)/.exec(line);
    if (run) expect(scripts).toContain(run[1]);
    else expect(line).toMatch(/^(npm (ci|start|test)|npm install aptic-gateway-client)$/);
    if (line === "npm start") expect(scripts).toContain("start");
  });
});

describe("README troubleshooting", () => {
  const section = /\n## Troubleshooting\n([\s\S]*?)(?=\n## )/.exec(readme)?.[1] ?? "";
  // "#### `message`" headings quote our own messages; "…" stands for the variable parts.
  const quoted = [...section.matchAll(/^#### `([^`]+)`/gm)].map((m) => m[1] ?? "");
  const sources = readdirSync(join(ROOT, "src"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(join(ROOT, "src", f), "utf8"))
    .join("\n");

  it("quotes several real error messages", () => {
    expect(quoted.length).toBeGreaterThanOrEqual(5);
  });

  it.each(quoted)("`%s` is a message src/ produces", (message) => {
    const fragments = message.split("…").filter((part) => part.trim() !== "");
    for (const fragment of fragments) expect(sources, fragment).toContain(fragment);
  });
});

describe("README runtimes table", () => {
  const section = /\n## Runtimes\n([\s\S]*?)(?=\n## )/.exec(readme)?.[1] ?? "";
  const pinned = (JSON.parse(readFileSync(join(ROOT, "test/runtimes/package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies;

  it.each(Object.entries(pinned))("lists the version of %s that npm run test:runtimes runs (%s)", (_, spec) => {
    const version = /(\d+\.\d+\.\d+)$/.exec(spec)?.[1] ?? spec;
    expect(section).toContain(version);
  });
});

describe("README and package metadata as the npm page shows them", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Record<string, unknown> & { version: string };

  it("links only absolutely or to its own headings (relative links break on the npm page)", () => {
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? "");
    expect(targets.length).toBeGreaterThan(5);
    expect(targets.filter((t) => !/^(https:\/\/|#)/.test(t))).toEqual([]);
  });

  it("links headings that exist", () => {
    const slugs = new Set(
      [...readme.matchAll(/^#{2,4} (.+)$/gm)].map((m) =>
        (m[1] ?? "")
          .toLowerCase()
          .replace(/[^\w\s-]/g, "")
          .trim()
          .replace(/\s/g, "-"),
      ),
    );
    const anchors = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1] ?? "");
    expect(anchors.filter((a) => !slugs.has(a))).toEqual([]);
  });

  it("has repository, homepage, bugs and keywords, and a dated CHANGELOG entry for its version", () => {
    expect(pkg["repository"]).toMatchObject({ type: "git", url: expect.stringMatching(/^git\+https:\/\/github\.com\/.+\.git$/) });
    expect(pkg["homepage"]).toMatch(/^https:\/\//);
    expect(pkg["bugs"]).toMatchObject({ url: expect.stringMatching(/^https:\/\/.+\/issues$/) });
    expect((pkg["keywords"] as string[]).length).toBeGreaterThan(3);
    const changelog = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, "\\.")}\\] - \\d{4}-\\d{2}-\\d{2}$`, "m"));
  });

  it("states the minimum TypeScript the consumer type tests check, and declares no peer that could break an install", () => {
    const tested = (JSON.parse(readFileSync(join(ROOT, "test/consumers/package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies;
    const oldest = Object.values(tested)
      .map((spec) => /typescript@(\d+\.\d+)\./.exec(spec)?.[1] ?? "")
      .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))[0];
    expect(oldest).toBe("5.4");
    expect(readme).toContain(`TypeScript ≥ ${oldest}`);
    expect(pkg["peerDependencies"]).toBeUndefined();
    expect(pkg["peerDependenciesMeta"]).toBeUndefined();
  });
});
