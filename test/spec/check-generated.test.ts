// `npm run check:generated` compares generated/ with what specs/ generates, in a temporary copy:
// it passes on a consistent tree, fails on a spec change that was not regenerated, and fails on
// a hand edit to generated/ WITHOUT overwriting it (the old check regenerated in place).
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyRepo, runNode } from "../support/repo-copy.js";

let copy: string;
beforeAll(() => {
  copy = copyRepo("check-generated", { git: true });
});
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});
const check = () => runNode(copy, ["scripts/check-generated.mjs"]);

describe("check:generated", () => {
  it("passes when generated/ matches specs/", () => {
    const r = check();
    expect(r.stdout).toContain("check:generated: generated/ matches specs/");
    expect(r.status).toBe(0);
  }, 120_000);

  it("fails on a hand edit to generated/ and leaves the edit in place", () => {
    const file = join(copy, "generated/operations.ts");
    const edited = readFileSync(file, "utf8").replace('"method":"GET","path":"/debtors/ping"', '"method":"GET","path":"/debtors/pong"');
    writeFileSync(file, edited);
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("differs: generated/operations.ts");
    expect(r.stderr).toContain("generated/ has local changes");
    expect(readFileSync(file, "utf8")).toBe(edited);
  }, 120_000);

  it("fails on a spec change that was not regenerated, and names the files", () => {
    runNode(copy, ["-e", "require('node:child_process').execFileSync('git', ['checkout', '--', 'generated'])"]);
    const spec = join(copy, "specs/debtors.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("summary: Get debtors using filters", "summary: Get debtors using filters (renamed)"));
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("differs: generated/aptic.openapi.yaml");
    expect(r.stderr).toContain("Run `npm run generate` and commit generated/");
  }, 120_000);

  it("fails when specs/ do not generate at all", () => {
    const spec = join(copy, "specs/customers.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("operationId: listCustomers", "operationId: listDebtors"));
    const r = check();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("npm run generate fails on the current specs/");
  }, 120_000);
});
