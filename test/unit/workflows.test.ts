// The GitHub Actions workflows are valid (scripts/validate-workflows.mjs, i.e. the workflow JSON
// schema via @action-validator/core plus a check that `paths` filters match files), and the
// validator really rejects broken workflows, so a green run means something.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoFiles, validateWorkflowSource, workflowFiles } from "../../scripts/validate-workflows.mjs";

const files = workflowFiles();
const tracked = repoFiles();

const VALID = `name: ok
on:
  push:
    paths: ["specs/**"]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm test
`;

describe("workflow files", () => {
  it("include CI and the spec regeneration workflow", () => {
    expect(files.map((f) => basename(f))).toEqual(expect.arrayContaining(["ci.yml", "spec-regenerate.yml"]));
  });

  it.each(files)("%s is valid", (file) => {
    expect(validateWorkflowSource(readFileSync(file, "utf8"), tracked)).toEqual([]);
  });

  it("ci.yml runs .ci/run on push and pull_request on Node 20 (end-of-life, still supported), 22 and 24", () => {
    const source = readFileSync(".github/workflows/ci.yml", "utf8");
    const ci = parse(source);
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(["push", "pull_request"]));
    expect(ci.jobs.test.strategy.matrix["node-version"]).toEqual([20, 22, 24]);
    expect(source).toMatch(/Node 20 reached end-of-life/);
    const steps = ci.jobs.test.steps as Array<{ uses?: string; run?: string; with?: Record<string, unknown> }>;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node@"))?.with?.["node-version"]).toBe("${{ matrix.node-version }}");
    expect(steps.some((s) => s.run === "bash .ci/run")).toBe(true);
  });

  it("ci.yml pins every action to a full commit SHA, with the tag in a comment", () => {
    const lines = readFileSync(".github/workflows/ci.yml", "utf8")
      .split("\n")
      .filter((line) => /^\s*(- )?uses:/.test(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it("spec-regenerate.yml checks drift on PRs and opens a PR from main with write permissions", () => {
    const wf = parse(readFileSync(".github/workflows/spec-regenerate.yml", "utf8"));
    expect(wf.on.push.paths).toContain("specs/**");
    expect(wf.on.pull_request.paths).toContain("specs/**");
    expect(wf.on.push.branches).toEqual(["main"]);
    const driftRuns = (wf.jobs.drift.steps as Array<{ run?: string }>).map((s) => s.run ?? "").join("\n");
    expect(driftRuns).toContain("npm run check:generated");
    expect(wf.jobs.regenerate.permissions).toEqual({ contents: "write", "pull-requests": "write" });
    const steps = wf.jobs.regenerate.steps as Array<{ uses?: string; with?: Record<string, string> }>;
    const createPr = steps.find((s) => s.uses?.startsWith("peter-evans/create-pull-request@"));
    // A token whose PRs start CI when the secret is set, GITHUB_TOKEN otherwise.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, compared as text
    expect(createPr?.with?.token).toBe("${{ secrets.REGENERATE_TOKEN || github.token }}");
  });

  it("spec-regenerate.yml runs when anything the generator reads or runs changes", () => {
    const wf = parse(readFileSync(".github/workflows/spec-regenerate.yml", "utf8"));
    const generateSources =
      readFileSync("scripts/generate.mjs", "utf8")
        .match(/from "\.\/[^"]+"/g)
        ?.map((m) => `scripts/${m.slice(8, -1)}`) ?? [];
    expect(generateSources.length).toBeGreaterThan(2);
    for (const trigger of [wf.on.push.paths, wf.on.pull_request.paths]) {
      expect(trigger).toEqual(
        expect.arrayContaining([
          "package.json",
          "package-lock.json",
          "redocly.yaml",
          "scripts/generate.mjs",
          "scripts/check-generated.mjs",
          "scripts/api-diff.mjs",
        ]),
      );
      for (const source of generateSources) {
        const covered = (trigger as string[]).some((p) => p === source || (p.endsWith("/**") && source.startsWith(p.slice(0, -2))));
        expect(covered, `${source} triggers the workflow`).toBe(true);
      }
    }
  });

  it.each(files)("%s pins every third-party action to a full commit SHA", (file) => {
    const uses = [...readFileSync(file, "utf8").matchAll(/^\s*-?\s*uses:\s*(\S+)(.*)$/gm)].map((m) => [m[1] ?? "", m[2] ?? ""] as const);
    expect(uses.length).toBeGreaterThan(0);
    for (const [ref, comment] of uses) {
      if (ref.startsWith("./")) continue; // local actions
      expect(ref, ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(comment, `${ref} names its tag`).toMatch(/# v\d/);
    }
  });
});

describe("the validator catches invalid workflows", () => {
  it("accepts a minimal valid workflow", () => {
    expect(validateWorkflowSource(VALID, ["specs/debtors.yaml"])).toEqual([]);
  });

  it("rejects a job without runs-on", () => {
    const problems = validateWorkflowSource(VALID.replace("    runs-on: ubuntu-latest\n", ""));
    expect(problems.join("\n")).toMatch(/\/jobs\/test\/runs-on.*required/);
  });

  it("rejects a misspelt key", () => {
    const problems = validateWorkflowSource(VALID.replace("steps:", "stepz:"));
    expect(problems.join("\n")).toContain("Additional property 'stepz' is not allowed");
  });

  it("rejects YAML that does not parse", () => {
    expect(validateWorkflowSource(VALID.replace("on:", "on: [")).join("\n")).toMatch(/Parse Error/);
  });

  it("rejects a paths filter that matches no file", () => {
    expect(validateWorkflowSource(VALID, ["src/index.ts"])).toEqual([`/on/push/paths: "specs/**" matches no tracked file`]);
  });

  describe("CLI", () => {
    const dir = mkdtempSync(join(tmpdir(), "workflows-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("exits 1 and names the file when a workflow is invalid, 0 when all are valid", () => {
      const bad = join(dir, "bad.yml");
      writeFileSync(bad, VALID.replace("    runs-on: ubuntu-latest\n", ""));
      const failed = spawnSync(process.execPath, ["scripts/validate-workflows.mjs", bad], { encoding: "utf8" });
      expect(failed.status).toBe(1);
      expect(failed.stderr).toContain(`✗ ${bad}`);
      const passed = spawnSync(process.execPath, ["scripts/validate-workflows.mjs"], { encoding: "utf8" });
      expect(passed.status, passed.stderr).toBe(0);
    });
  });
});
