// `npm run test:docs` (part of `npm test`, after the build): the documentation's code runs as written.
//   1. Every ```ts block of README.md and every `@example` of src/ JSDoc is extracted (no copies
//      kept by hand) into a scratch project, node_modules/.cache/aptic-doc-test/, where
//      `aptic-gateway-client` is the built package (a link to this checkout: its "exports" lead to
//      dist/), and type-checked there with the project's TypeScript (7.x), strict.
//      README blocks are complete programs. An @example is a fragment: it gets the package's
//      public exports imported (and, for a module no entry exports, that module's own exports from
//      src/), plus a declaration of each stand-in variable examples use (`aptic`, `fake`, …; see
//      STAND_INS), unless the example declares that name itself.
//   2. The README block under "Testing your integration" runs as a real vitest file.
// A block meant as a fragment can be fenced ```ts nocheck (keep that rare); none is today.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { assertFreshDist } from "./dist-check.mjs";
import { distPathOf, entrySources } from "./package-layout.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const WORK = join(ROOT, "node_modules/.cache/aptic-doc-test");
const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve("typescript/package.json")), "bin/tsc");
const vitest = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");

/** The variables @examples use without declaring them, as the reader is meant to picture them. */
const STAND_INS = {
  aptic: 'import("aptic-gateway-client").ApticClient',
  fake: 'import("aptic-gateway-client/testing").FakeGateway',
  clock: 'import("aptic-gateway-client/testing").TestClock',
  event: 'import("aptic-gateway-client/webhooks").AnyWebhookEvent',
  baseUrl: "string",
  secret: "string",
  key: "string",
  clientId: "string",
  clientSecret: "string",
  tokenUrl: "string",
  debtorGuid: "string",
  customerGuid: "string",
  spec: "{ [key: string]: unknown }",
  request: "Request",
  response: "Response",
  signal: "AbortSignal",
  controller: "AbortController",
  onEvent: "(event: any) => Promise<void>",
  queue: "{ push(value: unknown): void }",
  expect: 'typeof import("vitest").expect',
  http: 'typeof import("msw").http',
  setupServer: 'typeof import("msw/node").setupServer',
  handle: "(request: Request, signal: AbortSignal) => Promise<any>",
  app: "{ use(...handlers: unknown[]): void; post(path: string, ...handlers: unknown[]): void }",
  logger: "{ debug(...args: unknown[]): void; info(...args: unknown[]): void; warn(...args: unknown[]): void; error(...args: unknown[]): void }",
};

const read = (file) => readFileSync(join(ROOT, file), "utf8");
const lineOf = (text, index) => text.slice(0, index).split("\n").length;

/** The local names of an `{ a, type B, c as d }` list: a, B, d. */
const listedNames = (list) =>
  list
    .split(",")
    .map((part) =>
      part
        .replace(/^\s*type\s+/, "")
        .split(/\s+as\s+/)
        .pop()
        ?.trim(),
    )
    .filter(Boolean);

/** README ```ts blocks (``` ts nocheck ones left out), with their line numbers. */
function readmeBlocks() {
  const readme = read("README.md");
  const section = (heading) => {
    const start = readme.indexOf(`\n## ${heading}\n`);
    return [start, readme.indexOf("\n## ", start + 1)];
  };
  const [testStart, testEnd] = section("Testing your integration");
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => ({
    code: m[1],
    line: lineOf(readme, m.index),
    isTestingExample: m.index > testStart && m.index < testEnd && /from "vitest"/.test(m[1]),
  }));
}

/** Names exported by a module's source (`export function x`, `export { a, b as c }`…). */
function exportedNames(source) {
  const names = new Set();
  for (const m of source.matchAll(/^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum|abstract\s+class)\s+(\w+)/gm))
    names.add(m[1]);
  for (const m of source.matchAll(/^export\s+(?:type\s+)?\{([^}]*)\}/gm)) {
    for (const name of listedNames(m[1])) names.add(name);
  }
  return names;
}

/** Names a module exports, following its `export * from "./x.js"` re-exports. */
function moduleExports(file) {
  const source = read(file);
  const names = exportedNames(source);
  for (const m of source.matchAll(/^export\s+\*\s+from\s+"(\.[^"]+)"/gm)) {
    const target = relative(ROOT, resolve(ROOT, dirname(file), m[1].replace(/\.js$/, ".ts")))
      .split(sep)
      .join("/");
    for (const name of moduleExports(target)) names.add(name);
  }
  return names;
}

/** Public name → the entry specifier that exports it (first entry wins). */
function publicNames() {
  const names = new Map();
  for (const [entry, source] of Object.entries(entrySources())) {
    const specifier = entry === "index" ? "aptic-gateway-client" : `aptic-gateway-client/${entry.replace(/\/index$/, "")}`;
    for (const name of moduleExports(source)) if (!names.has(name)) names.set(name, specifier);
  }
  return names;
}

/** Every `@example` ```ts block in src/ JSDoc, with its file and line. */
function jsdocExamples() {
  const files = readdirSync(join(ROOT, "src"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  const out = [];
  for (const file of files.map((f) => `src/${f.split(sep).join("/")}`).sort()) {
    const text = read(file);
    for (const m of text.matchAll(/@example\s*\n\s*\* ```ts( nocheck)?\n([\s\S]*?)\n\s*\* ```/g)) {
      if (m[1]) continue;
      const code = m[2]
        .split("\n")
        .map((line) => line.replace(/^\s*\* ?/, ""))
        .join("\n");
      out.push({ file, line: lineOf(text, m.index), code, elided: code.includes("…") });
    }
  }
  return out;
}

/** Identifiers a fragment declares or imports itself (so no stand-in or import may clash). */
function ownNames(code) {
  const names = new Set();
  for (const m of code.matchAll(/\b(?:const|let|var|function\*?|class|interface|type|enum)\s+(\w+)/g)) names.add(m[1]);
  for (const m of code.matchAll(/\b(?:const|let|var)\s*[[{]([^=]*)[\]}]\s*=/g)) {
    for (const part of m[1].split(",")) {
      const name = part
        .split(":")
        .pop()
        ?.replace(/\.\.\.|=.*$/g, "")
        .trim();
      if (name && /^\w+$/.test(name)) names.add(name);
    }
  }
  for (const m of code.matchAll(/^import\s+(?:type\s+)?\{([^}]*)\}\s+from/gm)) {
    for (const name of listedNames(m[1])) names.add(name);
  }
  for (const m of code.matchAll(/^import\s+(?:type\s+)?(\w+)\s*(?:,|from)/gm)) names.add(m[1]);
  for (const m of code.matchAll(/^import\s+\*\s+as\s+(\w+)/gm)) names.add(m[1]);
  return names;
}

/** A fragment as a module: imports of what it may use, stand-ins, then its own code. */
function fragmentProgram(example, publics, dir, unresolved = new Set()) {
  const own = ownNames(example.code);
  const uses = (name) => !own.has(name) && new RegExp(`(?<![\\w.$])${name}(?![\\w$])`).test(example.code.replace(/\/\/.*$/gm, ""));
  const bySpecifier = new Map();
  const add = (specifier, name) => bySpecifier.set(specifier, [...(bySpecifier.get(specifier) ?? []), name]);
  // Operation refs (`createDebtor`…) share their names with the reader's own functions in
  // fragments; an example that means the operation imports it.
  for (const [name, specifier] of publics) if (specifier !== "aptic-gateway-client/operations" && uses(name)) add(specifier, name);
  const fromModule = [...exportedNames(read(example.file))].filter((name) => !publics.has(name) && uses(name));
  // The module's built declarations when the build emits them (internal modules no entry reaches
  // have none): then only dist/ is checked, as a consumer would see it.
  const built = join(ROOT, "dist", `${distPathOf(example.file)}.d.ts`);
  const target = existsSync(built) ? built.replace(/\.d\.ts$/, ".js") : join(ROOT, example.file).replace(/\.ts$/, ".js");
  const moduleSpecifier = relative(dir, target).split(sep).join("/");
  for (const name of fromModule) add(moduleSpecifier, name);
  const imports = [...bySpecifier].map(([specifier, names]) => `import { ${names.join(", ")} } from "${specifier}";`);
  const standIns = Object.entries(STAND_INS)
    .filter(([name]) => uses(name) && !fromModule.includes(name) && !publics.has(name))
    .map(([name, type]) => `declare const ${name}: ${type};`);
  // Names the reader is left to picture (a handler, a store…): any-typed, so what the example
  // does with the package's own values is still checked.
  const pictured = [...unresolved].map((name) => `declare const ${name}: any;`);
  const isModule = /^(import|export)\s/m.test(example.code);
  // Without imports or exports of its own, the fragment is a function body (it may `return`).
  const body = isModule ? example.code : `export async function example() {\n${example.code}\n}`;
  return [`// ${example.file}:${example.line}`, ...imports, ...standIns, ...pictured, body, ""].join("\n");
}

function main() {
  assertFreshDist(ROOT);
  const started = Date.now();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, "node_modules"), { recursive: true });
  // The package as an integrator gets it: its "exports" (dist/) decide what resolves.
  symlinkSync(ROOT, join(WORK, "node_modules/aptic-gateway-client"), "dir");
  writeFileSync(join(WORK, "package.json"), `${JSON.stringify({ name: "aptic-doc-test", private: true, type: "module" }, null, 2)}\n`);
  // Frameworks examples mount the handler in, which are not dependencies of this project.
  writeFileSync(join(WORK, "frameworks.d.ts"), 'declare module "express" {\n  const express: any;\n  export default express;\n}\n');

  const files = new Map();
  const readme = readmeBlocks();
  for (const block of readme) files.set(`readme-${String(block.line).padStart(3, "0")}.ts`, { where: `README.md:${block.line}`, code: block.code });
  const testing = readme.find((b) => b.isTestingExample);
  if (!testing) throw new Error('doc-test: README\'s "Testing your integration" has no ```ts block importing from "vitest"');
  files.set("readme-testing.test.ts", { where: `README.md:${testing.line} (run by vitest)`, code: testing.code });

  const publics = publicNames();
  const all = jsdocExamples();
  // "…" stands for code left out on purpose: such an example cannot compile (listed, not checked).
  const elided = all.filter((e) => e.elided);
  const examples = all.filter((e) => !e.elided);
  const exampleDir = join(WORK, "examples");
  mkdirSync(exampleDir);
  const exampleFile = (example, i) => `examples/${String(i).padStart(3, "0")}-${example.file.replace(/^src\//, "").replace(/[/.]/g, "_")}.ts`;
  examples.forEach((example, i) => {
    files.set(exampleFile(example, i), { where: `${example.file}:${example.line}`, code: fragmentProgram(example, publics, exampleDir) });
  });
  for (const [name, { code }] of files) writeFileSync(join(WORK, name), code);

  writeFileSync(
    join(WORK, "tsconfig.json"),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: "es2022",
          // As the project compiles src/ (internal examples import their module from src/).
          lib: ["es2022", "dom", "dom.iterable"],
          module: "nodenext",
          moduleResolution: "nodenext",
          strict: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: true,
          noEmit: true,
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules/@types")],
        },
        include: ["*.ts", "examples/*.ts", "frameworks.d.ts"],
      },
      null,
      2,
    )}\n`,
  );
  const typeCheck = () => {
    const run = spawnSync(process.execPath, [tsc, "-p", join(WORK, "tsconfig.json"), "--pretty", "false"], { cwd: WORK, encoding: "utf8" });
    return { run, errors: (run.stdout + run.stderr).split("\n").filter((line) => /error TS\d+/.test(line)) };
  };
  // First pass: which names do fragments leave undeclared? Second pass: with those pictured.
  const unresolved = new Map();
  for (const line of typeCheck().errors) {
    const m = /^(examples\/[^(]+)\(.*error TS(?:2304|2552|18004): (?:Cannot find name|No value exists in scope for the shorthand property) '([\w$]+)'/.exec(
      line,
    );
    if (m) unresolved.set(m[1], new Set([...(unresolved.get(m[1]) ?? []), m[2]]));
  }
  examples.forEach((example, i) => {
    const name = exampleFile(example, i);
    if (unresolved.has(name)) writeFileSync(join(WORK, name), fragmentProgram(example, publics, exampleDir, unresolved.get(name)));
  });
  const { run: checked, errors } = typeCheck();
  if (errors.length || checked.status !== 0) {
    const located = errors.map((line) => {
      const file = /^([^(]+)\(/.exec(line)?.[1] ?? "";
      return `  ${files.get(file)?.where ?? file}: ${line}`;
    });
    console.error(
      `doc-test: ${errors.length} type error(s) in documentation code (scratch copies in node_modules/.cache/aptic-doc-test/):\n${located.join("\n") || checked.stderr}`,
    );
    process.exitCode = 1;
    return;
  }
  console.log(`doc-test: ${readme.length} README ts blocks and ${examples.length} @examples type-check against the built package`);
  if (elided.length)
    console.log(`doc-test: ${elided.length} @example(s) elide code with "…" and are not checked: ${elided.map((e) => `${e.file}:${e.line}`).join(", ")}`);

  writeFileSync(join(WORK, "vitest.config.mjs"), 'export default { test: { include: ["readme-testing.test.ts"], testTimeout: 20000 } };\n');
  const ran = spawnSync(process.execPath, [vitest, "run", "--config", "vitest.config.mjs"], {
    cwd: WORK,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (ran.status !== 0) {
    console.error(`doc-test: README.md:${testing.line} (Testing your integration) failed under vitest:\n${ran.stdout}${ran.stderr}`);
    process.exitCode = 1;
    return;
  }
  const passed = /Tests\s+(\d+) passed/.exec(ran.stdout.replaceAll(String.fromCharCode(27), "").replace(/\[[\d;]*m/g, ""))?.[1] ?? "?";
  console.log(
    `doc-test: README.md:${testing.line} (Testing your integration) ran as a vitest file: ${passed} test(s) passed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

main();
