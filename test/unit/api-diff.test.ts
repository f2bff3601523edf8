// scripts/api-diff.mjs on copies of the real merged spec (OpenAPI 3.1): the changes the old
// hand-written differ misjudged, the report's content, and the CLI (two files, --json,
// --fail-on-breaking, --base <git-ref>). The kinds of change are covered one by one in
// test/spec/api-diff-table.test.ts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { diffApis, renderMarkdown, type ApiDiffReport } from "../../scripts/api-diff.mjs";
import { pingDebtors } from "../../src/operations/index.js";

type Schema = { properties: Record<string, { type?: unknown; enum?: unknown[] }>; required?: string[]; enum?: unknown[] };
type Doc = {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, { schema: { maximum?: number } }> };
};

const MERGED = new URL("../../generated/aptic.openapi.yaml", import.meta.url);
const oldDoc = parse(readFileSync(MERGED, "utf8")) as Doc;
const changed = (edit: (d: Doc) => void) => {
  const doc = structuredClone(oldDoc);
  edit(doc);
  return diffApis(oldDoc, doc, { old: "before.yaml", new: "after.yaml" });
};
const ops = (items: ApiDiffReport["breaking"]) => [...new Set(items.map((c) => c.operation?.operationId))].sort();

describe("api-diff on the merged spec: what the hand-written differ got wrong", () => {
  it("an optional request field added is non-breaking, on the operations that send it", () => {
    const r = changed((d) => void (d.components.schemas.DebtorCreate!.properties.nickname = { type: ["string", "null"] }));
    expect(r.breaking).toEqual([]);
    expect(ops(r.nonBreaking)).toEqual(["createDebtor"]);
    expect(r.nonBreaking[0]).toMatchObject({ in: "request body", what: expect.stringContaining("`nickname`") });
  });

  it("$top's maximum lowered from 100 to 50 is breaking on every list operation", () => {
    const r = changed((d) => void (d.components.parameters.Top!.schema.maximum = 50));
    const lists = Object.entries(oldDoc.paths).flatMap(([, item]) =>
      Object.values(item as Record<string, { operationId?: string; parameters?: Array<{ $ref?: string }> }>)
        .filter((o) => o.parameters?.some((p) => p.$ref?.endsWith("/Top")))
        .map((o) => o.operationId),
    );
    expect(lists.length).toBeGreaterThanOrEqual(13);
    expect(ops(r.breaking)).toEqual([...lists].sort());
    expect(r.breaking.every((c) => c.before === 100 && c.after === 50)).toBe(true);
    expect(renderMarkdown(r)).not.toContain("No API changes");
  });

  it("a request enum value removed is breaking (gender 2 on create and update)", () => {
    const r = changed((d) => void (d.components.schemas.GenderType!.enum = [0, 1]));
    expect(ops(r.breaking)).toEqual(expect.arrayContaining(["createDebtor", "updateDebtor"]));
    expect(r.breaking.every((c) => c.in === "request body")).toBe(true);
  });

  it("request nullability removed is breaking; response nullability added is breaking too", () => {
    const req = changed((d) => void (d.components.schemas.DebtorCreate!.properties.idNumber!.type = "string"));
    expect(ops(req.breaking)).toEqual(["createDebtor"]);
    expect(req.breaking[0]).toMatchObject({ rule: "nullable.request", in: "request body" });
    const res = changed((d) => void (d.components.schemas.Debtor!.properties.debtorGuid!.type = ["string", "null"]));
    expect(ops(res.breaking)).toEqual(expect.arrayContaining(["createDebtor", "getDebtor", "listDebtors"]));
    expect(res.nonBreaking).toEqual([]);
  });
});

describe("api-diff report", () => {
  let report: ApiDiffReport;
  let markdown: string;
  beforeAll(() => {
    const doc = structuredClone(oldDoc);
    delete doc.paths[pingDebtors.path];
    const ledger = doc.components.schemas.CustomerLedgerSummary!;
    ledger.properties = { ...ledger.properties, overdueBalance: { type: ["number", "null"] } };
    doc.components.schemas.WebhookRegistration!.required = ["url"];
    report = diffApis(oldDoc, doc, { old: "before.yaml", new: "after.yaml" });
    markdown = renderMarkdown(report);
  });

  it("lists the removed operation (method, path, operationId) as breaking", () => {
    expect(report.operations).toEqual({ added: [], removed: [{ method: "GET", path: pingDebtors.path, operationId: "pingDebtors", webhook: false }] });
    expect(section(markdown, "Breaking changes")).toContain(`\`GET ${pingDebtors.path}\` (pingDebtors): removed operation`);
    expect(markdown).toContain(`| removed (breaking) | GET | \`${pingDebtors.path}\` | pingDebtors |`);
  });

  it("classifies the added response field as non-breaking and names it", () => {
    expect(ops(report.nonBreaking)).toEqual(["getCustomerLedgerSummary"]);
    expect(section(markdown, "Non-breaking changes")).toMatch(/\(getCustomerLedgerSummary\), response 200: \[Added\] property `overdueBalance`/);
  });

  it("classifies the request field made required as breaking and names it", () => {
    expect(report.breaking.find((c) => c.operation?.operationId === "registerWebhook")).toMatchObject({
      in: "request body",
      what: expect.stringContaining("`url`"),
    });
    expect(ops(report.breaking)).toEqual(["pingDebtors", "registerWebhook"]);
    expect(markdown).toContain("**2 breaking**, 1 non-breaking, 0 info.");
  });

  it("says there are no changes for identical specs", () => {
    const same = diffApis(oldDoc, structuredClone(oldDoc));
    expect([same.breaking, same.nonBreaking, same.info, same.operations.added, same.operations.removed]).toEqual([[], [], [], [], []]);
    expect(renderMarkdown(same)).toContain("No API changes.");
  });
});

describe("api-diff CLI", () => {
  const tiny = (withDelete: boolean, withName: boolean) => ({
    openapi: "3.1.0",
    info: { title: "tiny", version: "1" },
    paths: {
      "/things": {
        get: {
          operationId: "listThings",
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: { type: "object", properties: { id: { type: "string" }, ...(withName ? { name: { type: ["string", "null"] } } : {}) } },
                },
              },
            },
          },
        },
      },
      ...(withDelete
        ? {
            "/things/{id}": {
              delete: {
                operationId: "deleteThing",
                parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
                responses: { "204": { description: "gone" } },
              },
            },
          }
        : {}),
    },
  });
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "api-diff-"));
    writeFileSync(join(dir, "old.yaml"), stringify(tiny(true, false)));
    writeFileSync(join(dir, "new.yaml"), stringify(tiny(false, true)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => spawnSync(process.execPath, ["scripts/api-diff.mjs", ...args], { encoding: "utf8" });
  const files = () => [join(dir, "old.yaml"), join(dir, "new.yaml")];

  it("prints the markdown report for two files", () => {
    const { status, stdout } = run(...files(), "--heading-level", "3");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^### API changes\n/);
    expect(stdout).toContain("**1 breaking**, 1 non-breaking, 0 info.");
    expect(stdout).toContain("| removed (breaking) | DELETE | `/things/{id}` | deleteThing |");
    expect(stdout).toContain("#### Non-breaking changes");
    expect(stdout).toMatch(/`GET \/things` \(listThings\), response 200: \[Added\] property `name`/);
  });

  it("exits 1 on breaking changes with --fail-on-breaking, 0 without any", () => {
    const { status, stdout } = run(...files(), "--fail-on-breaking", "--json");
    expect(status).toBe(1);
    expect((JSON.parse(stdout) as ApiDiffReport).operations.removed).toEqual([
      { method: "DELETE", path: "/things/{id}", operationId: "deleteThing", webhook: false },
    ]);
    expect(run(join(dir, "new.yaml"), join(dir, "new.yaml"), "--fail-on-breaking").status).toBe(0);
  });

  it("reads the base from a git ref with --base", () => {
    const { status, stdout } = run("--base", "HEAD", "--json");
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as ApiDiffReport;
    expect(report.old).toBe("HEAD:generated/aptic.openapi.yaml");
    expect(report.new).toBe("generated/aptic.openapi.yaml");
  });

  it("fails clearly on an unknown ref and on bad usage", () => {
    const bad = run("--base", "no-such-ref-xyz");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('cannot read generated/aptic.openapi.yaml at git ref "no-such-ref-xyz"');
    expect(run("a.yaml", "b.yaml", "c.yaml").status).toBe(2);
  });
});

/** The text of one `## …` section of the report. */
function section(md: string, title: string): string {
  const start = md.indexOf(`## ${title}`);
  expect(start, `section "${title}"`).toBeGreaterThanOrEqual(0);
  const next = md.indexOf("\n## ", start + 1);
  return md.slice(start, next < 0 ? undefined : next);
}
