// The proof that "every path comes from the spec": in a temporary copy of the repository, EVERY
// path of specs/ is moved the way an ASP.NET gateway would spell it (a version segment in front,
// PascalCase literal segments: `/debtors/{debtorGuid}/payment-plans` →
// `/v2/Debtors/{debtorGuid}/PaymentPlans`, the ping routes and `/debtors` included) and one
// method is changed (createDebtorPaymentPlan), the spec is regenerated, and then the type-check
// and the unit, fake-gateway and adversarial tests run UNCHANGED and must pass. A hand-written
// path string anywhere in src/, test/ or examples/ shows up here as a type error, a failing test
// or a stale literal. (Prism contract tests are not run: they need a server and test the spec,
// not the path handling.)
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { copyRepo, failingTests, REPO, runNode } from "../support/repo-copy.js";

const AREAS = ["services", "debtors", "customers"];
const pascal = (segment: string) => segment.replace(/(^|[-_])([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
/** The vendor-style spelling of one of our paths. */
const moved = (path: string): string =>
  `/v2${path
    .split("/")
    .slice(1)
    .map((s) => (s.startsWith("{") ? `/${s}` : `/${pascal(s)}`))
    .join("")}`;
/** One method change: createDebtorPaymentPlan PUT → POST (the docs' "PUT needs to be called" could be loose wording). */
const METHOD = { area: "debtors", path: "/debtors/{debtorGuid}/payment-plans", from: "put", to: "post", operationId: "createDebtorPaymentPlan" };

/** Every path of the three area files before the move. */
const OLD_PATHS = AREAS.flatMap((area) => Object.keys((parse(readFileSync(join(REPO, "specs", `${area}.yaml`), "utf8")) as { paths: object }).paths));

/** Moves every path key (`  /…:` lines under `paths:`) and changes one method, as text. */
function editSpecs(dir: string): void {
  for (const area of AREAS) {
    const file = join(dir, "specs", `${area}.yaml`);
    let text = readFileSync(file, "utf8");
    if (area === METHOD.area) {
      const start = text.indexOf(`\n  ${METHOD.path}:\n`);
      expect(start, `${METHOD.path} is a path of specs/${area}.yaml`).toBeGreaterThan(0);
      const end = text.indexOf("\n  /", start + 1);
      const block = text.slice(start, end).replace(`\n    ${METHOD.from}:\n`, `\n    ${METHOD.to}:\n`);
      expect(block).toContain(`operationId: ${METHOD.operationId}`);
      text = text.slice(0, start) + block + text.slice(end);
    }
    let count = 0;
    text = text.replace(/^ {2}(\/[^\s:]*):$/gm, (_, path: string) => {
      count++;
      return `  ${moved(path)}:`;
    });
    expect(count, `paths moved in specs/${area}.yaml`).toBe(Object.keys((parse(readFileSync(file, "utf8")) as { paths: object }).paths).length);
    writeFileSync(file, text);
  }
}

/**
 * Code that only a hard-coded copy of an old path can contain: an old path (its placeholders
 * matching any value) right after a quote, a space or a `${…}` interpolation, ending the string
 * or followed by a query, fragment or `/.`. The old spelling differs from the new one in every
 * path (letter case and the version segment), so nothing current matches.
 */
const Q = `"'\``;
const START = `(?:[${Q}\\s(]|\\$\\{[\\w.]+\\})`;
const PARAM = `(?:[^/${Q}\\s?#]+|\\$\\{[^}]+\\})`;
const END = `(?=[${Q}?#]|/\\.)`;
const STALE = OLD_PATHS.map((path) => new RegExp(START + path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, PARAM) + END));

/** Tests of pure functions given made-up paths (the spec's paths are not read there): a move cannot change what they assert. */
const MADE_UP_PATHS = new Set(["test/unit/doctor-classify.test.ts", "test/unit/doctor-match.test.ts"]);

/** `file:line: code` of every line in src/, test/ (but this spec folder) and examples/ that still holds an old path. */
function staleLiterals(dir: string): string[] {
  const hits: string[] = [];
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const f of readdirSync(path)) visit(join(path, f));
      return;
    }
    if (!/\.(ts|mts|cts|mjs)$/.test(path) || MADE_UP_PATHS.has(relative(dir, path))) return;
    readFileSync(path, "utf8")
      .split("\n")
      .forEach((line, i) => {
        // Comments (JSDoc examples of the path-string idiom) and test titles break nothing; code does.
        if (/^\s*(\/\/|\*|\/\*)/.test(line) || /^\s*(it|test|describe)(\.\w+)?\(\s*["'`]/.test(line)) return;
        if (STALE.some((re) => re.test(line))) hits.push(`${relative(dir, path)}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
  };
  for (const top of ["src", "test/unit", "test/types", "test/support", "test/fake", "test/adversarial", "test/contract", "test/examples", "examples"])
    visit(join(dir, top));
  return hits;
}

let copy: string;
beforeAll(() => {
  // A git repository of its own: the api-diff CLI test reads `--base HEAD` from git.
  copy = copyRepo("rename", { git: true });
  editSpecs(copy);
  const gen = runNode(copy, ["scripts/generate.mjs"]);
  expect(gen.status, gen.stdout + gen.stderr).toBe(0);
}, 180_000);
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("moving every path and changing a method in specs/ needs no other change", () => {
  it("the regenerated operation table has every path moved, and the new method", () => {
    const table = readFileSync(join(copy, "generated/operations.ts"), "utf8");
    const paths = [...table.matchAll(/"path":"([^"]+)"/g)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(70);
    expect(paths.filter((p) => !p?.startsWith("/v2/"))).toEqual([]);
    for (const [id, method, path] of [
      ["listDebtors", "GET", "/v2/Debtors"],
      ["getDebtor", "GET", "/v2/Debtors/{debtorGuid}"],
      ["pingDebtors", "GET", "/v2/Debtors/Ping"],
      ["pingWebhooks", "GET", "/v2/Webhooks/Ping"],
      ["invokeServicePost", "POST", "/v2/Services/{serviceDefinition}"],
      ["invokeDebtorAreaService", "POST", "/v2/DebtorServices/{serviceDefinition}"],
      ["getCustomerLedgerSummary", "GET", "/v2/Customers/{customerGuid}/LedgerSummary"],
    ])
      expect(table).toContain(`"id":"${id}","method":"${method}","path":"${path}"`);
    expect(table).toContain('"id":"createDebtorPaymentPlan","method":"POST","path":"/v2/Debtors/{debtorGuid}/PaymentPlans"');
  });

  it("no hand-written code or test still holds an old path (it would call or expect the old URL)", () => {
    expect(
      STALE.some((re) => re.test('aptic.GET("/debtors/ping")')),
      "the scan sees a path literal",
    ).toBe(true);
    const interpolated = ["`$", "{BASE}/debtors/$", "{guid}?x=1`"].join("");
    expect(
      STALE.some((re) => re.test(interpolated)),
      "the scan sees an expected URL",
    ).toBe(true);
    expect(
      STALE.some((re) => re.test('"/debtorsX"')),
      "and not a longer path",
    ).toBe(false);
    expect(staleLiterals(copy)).toEqual([]);
  });

  it("the type-check passes unchanged (src, tests, type tests, examples, bench)", () => {
    const tsc = runNode(copy, [join(REPO, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.json"], 300_000);
    const failing = [
      ...new Set(
        (tsc.stdout + tsc.stderr)
          .split("\n")
          .filter((l) => /error TS/.test(l))
          .map((l) => l.replace(/\(.*$/, "")),
      ),
    ].sort();
    expect(failing, tsc.stdout.slice(0, 4000)).toEqual([]);
    expect(tsc.status).toBe(0);
  }, 300_000);

  it("the unit, fake-gateway and adversarial tests pass unchanged", () => {
    // None of them needs the mock gateway: a config without the Prism global setup.
    writeFileSync(
      join(copy, "vitest.rename.config.ts"),
      'import { defineConfig } from "vitest/config";\nexport default defineConfig({ test: { include: ["test/unit/**/*.test.ts", "test/fake/**/*.test.ts", "test/adversarial/**/*.test.ts"], testTimeout: 20_000 } });\n',
    );
    const { failing, why, total, stderr, status } = failingTests(copy, ["--config", "vitest.rename.config.ts"]);
    expect(total).toBeGreaterThan(1500);
    expect(failing, `${why}\n${stderr}`).toEqual([]);
    expect(status).toBe(0);
  }, 600_000);
});
