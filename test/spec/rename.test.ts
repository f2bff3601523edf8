// The proof that "every path comes from the spec": in a temporary copy of the repository,
// several paths and one method are changed in specs/ (a service path, the webhooks path, a
// callback path, a nested debtor path, a customer action path, and createDebtorPaymentPlan's
// method), the spec is regenerated, and then the type-check and the unit tests run UNCHANGED
// and must pass. A hand-written path string anywhere in src/, test/ or examples/ shows up here
// as a type error or a failing test. (Prism contract tests are not run: they need a server and
// test the spec, not the path handling.)
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyRepo, REPO, runNode } from "../support/repo-copy.js";

/** [area file, old path, new path] — every path that starts with `old` is moved. */
const RENAMES: Array<[string, string, string]> = [
  ["services", "/services/{serviceDefinition}", "/custom-services/{serviceDefinition}"],
  ["services", "/webhooks", "/webhook-subscriptions"],
  ["services", "/callbacks/{callbackName}", "/named-callbacks/{callbackName}"],
  ["debtors", "/debtors/{debtorGuid}/payment-plans", "/debtors/{debtorGuid}/paymentplans"],
  ["debtors", "/debtor-services/{serviceDefinition}", "/debtor-actions/{serviceDefinition}"],
  ["customers", "/customers/{customerGuid}/questions/{actionGuid}/responses", "/customers/{customerGuid}/questions/{actionGuid}/answers"],
];
/** One method change: createDebtorPaymentPlan PUT → POST (the docs' "PUT needs to be called" could be loose wording). */
const METHOD: { area: string; path: string; from: string; to: string; operationId: string } = {
  area: "debtors",
  path: "/debtors/{debtorGuid}/paymentplans",
  from: "put",
  to: "post",
  operationId: "createDebtorPaymentPlan",
};

/** Moves path keys (`  /old…:` lines under `paths:`) and changes one method, as text. */
function editSpecs(dir: string): void {
  for (const area of new Set(RENAMES.map(([a]) => a))) {
    const file = join(dir, "specs", `${area}.yaml`);
    let text = readFileSync(file, "utf8");
    for (const [a, from, to] of RENAMES) {
      if (a !== area) continue;
      const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const before = text;
      text = text.replace(new RegExp(`^  ${escaped}((?:/[^\\s]*)?):$`, "gm"), `  ${to}$1:`);
      expect(text, `${from} is a path of specs/${area}.yaml`).not.toBe(before);
    }
    if (area === METHOD.area) {
      const start = text.indexOf(`\n  ${METHOD.path}:\n`);
      expect(start, `${METHOD.path} exists after the renames`).toBeGreaterThan(0);
      const end = text.indexOf("\n  /", start + 1);
      const block = text.slice(start, end).replace(`\n    ${METHOD.from}:\n`, `\n    ${METHOD.to}:\n`);
      expect(block).toContain(`operationId: ${METHOD.operationId}`);
      text = text.slice(0, start) + block + text.slice(end);
    }
    writeFileSync(file, text);
  }
}

/**
 * Code fragments that only a hard-coded copy of a renamed path can contain: each renamed path's
 * first changed segment where it begins a path (`"/services/`, `"POST /webhooks`,
 * `${BASE}/callbacks/`; not `}/services/`, the unrenamed debtor and customer service paths), or
 * anywhere for segments no other path has.
 */
const START = String.raw`(?:["'\`\s]|\$\{BASE\})`;
const STALE = [
  new RegExp(`${START}/services/`),
  new RegExp(`${START}/webhooks\\b`),
  new RegExp(`${START}/callbacks/`),
  /\/payment-plans\b/,
  /\/debtor-services\//,
  /\}\/responses\b/,
];

/** `file:line: code` of every line in src/, test/ (but this spec folder) and examples/ that still holds a renamed path. */
function staleLiterals(dir: string): string[] {
  const hits: string[] = [];
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const f of readdirSync(path)) visit(join(path, f));
      return;
    }
    if (!/\.(ts|mts|mjs)$/.test(path)) return;
    readFileSync(path, "utf8")
      .split("\n")
      .forEach((line, i) => {
        // Comments (JSDoc examples of the path-string idiom) and test titles break nothing; code does.
        if (/^\s*(\/\/|\*|\/\*)/.test(line) || /^\s*(it|test|describe)(\.\w+)?\(\s*["'`]/.test(line)) return;
        if (STALE.some((re) => re.test(line))) hits.push(`${relative(dir, path)}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
  };
  for (const top of ["src", "test/unit", "test/types", "test/support", "test/fake", "test/adversarial", "test/contract", "examples"]) visit(join(dir, top));
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

describe("renaming paths and a method in specs/ needs no other change", () => {
  it("the regenerated operation table has the new paths and method", () => {
    const table = readFileSync(join(copy, "generated/operations.ts"), "utf8");
    expect(table).toContain('"id":"invokeServicePost","method":"POST","path":"/custom-services/{serviceDefinition}"');
    expect(table).toContain('"id":"registerWebhook","method":"POST","path":"/webhook-subscriptions"');
    expect(table).toContain('"id":"createDebtorPaymentPlan","method":"POST","path":"/debtors/{debtorGuid}/paymentplans"');
    expect(table).toContain('"id":"respondToCustomerQuestion","method":"POST","path":"/customers/{customerGuid}/questions/{actionGuid}/answers"');
    expect(table).not.toContain('"path":"/services/{serviceDefinition}"');
  });

  it("no hand-written code or unit test still holds a renamed path (it would call or expect the old URL)", () => {
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

  it("the unit tests pass unchanged", () => {
    // The unit tests need no mock gateway: a config without the Prism global setup.
    writeFileSync(
      join(copy, "vitest.rename.config.ts"),
      'import { defineConfig } from "vitest/config";\nexport default defineConfig({ test: { include: ["test/unit/**/*.test.ts"], testTimeout: 20_000 } });\n',
    );
    const vitest = runNode(
      copy,
      [join(REPO, "node_modules/vitest/vitest.mjs"), "run", "--config", "vitest.rename.config.ts", "--reporter=json", "--outputFile=.rename-results.json"],
      600_000,
    );
    const results = JSON.parse(readFileSync(join(copy, ".rename-results.json"), "utf8")) as {
      numTotalTests: number;
      testResults: Array<{ name: string; status: string; message?: string; assertionResults: Array<{ fullName: string; status: string }> }>;
    };
    const failing = results.testResults.flatMap((file) => {
      const rel = file.name.slice(copy.length + 1);
      const tests = file.assertionResults.filter((t) => t.status === "failed").map((t) => `${rel} > ${t.fullName}`);
      return tests.length ? tests : file.status === "failed" ? [`${rel}: ${(file.message ?? "").split("\n")[0]}`] : [];
    });
    expect(results.numTotalTests).toBeGreaterThan(300);
    expect(failing, vitest.stderr.slice(0, 2000)).toEqual([]);
    expect(vitest.status).toBe(0);
  }, 600_000);
});
