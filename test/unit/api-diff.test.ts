// scripts/api-diff.mjs: the API surface diff that drafts a release's "API changes" section.
// Works on a copy of the real merged spec (OpenAPI 3.1), so it also proves the 3.1 → 3.0 copy
// made for openapi-diff is accepted. Few operations change, so openapi-diff runs in well under 5 s.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { diffApis, renderMarkdown, type ApiDiffReport } from "../../scripts/api-diff.mjs";

type Doc = {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
};

const MERGED = new URL("../../generated/aptic.openapi.yaml", import.meta.url);
const oldDoc = parse(readFileSync(MERGED, "utf8")) as Doc;

/** The merged spec with: GET /debtors/ping removed, a response field added, a request field made required. */
function changedSpec(): Doc {
  const doc = structuredClone(oldDoc);
  delete doc.paths["/debtors/ping"];
  const ledger = doc.components.schemas["CustomerLedgerSummary"]!;
  ledger.properties = { ...ledger.properties, overdueBalance: { type: ["number", "null"], format: "double" } };
  const registration = doc.components.schemas["WebhookRegistration"]!;
  registration.required = [...(registration.required ?? []), "url"];
  return doc;
}

let report: ApiDiffReport;
let markdown: string;

beforeAll(async () => {
  report = await diffApis(oldDoc, changedSpec(), { old: "before.yaml", new: "after.yaml" });
  markdown = renderMarkdown(report);
}, 15_000);

describe("api-diff on a copy of the merged spec", () => {
  it("lists the removed operation (method, path, operationId) as breaking", () => {
    expect(report.operations.removed).toEqual([{ method: "GET", path: "/debtors/ping", operationId: "pingDebtors", webhook: false }]);
    expect(report.operations.added).toEqual([]);
    expect(report.breaking).toContainEqual(
      expect.objectContaining({ code: "operation.remove", operation: expect.objectContaining({ operationId: "pingDebtors" }) }),
    );
    const breaking = section(markdown, "Breaking changes");
    expect(breaking).toContain("`GET /debtors/ping` (pingDebtors): removed operation");
    expect(markdown).toMatch(/\| removed \(breaking\) \| GET \| `\/debtors\/ping` \| pingDebtors \|/);
  });

  it("classifies the added response field as non-breaking (openapi-diff) and names the field", () => {
    const item = report.nonBreaking.find((i) => i.operation?.operationId === "getCustomerLedgerSummary");
    expect(item).toMatchObject({ source: "openapi-diff", code: "response.body.scope.remove", scope: "response 200" });
    expect(item?.changes).toEqual([expect.objectContaining({ kind: "added", field: "overdueBalance", required: false })]);
    expect(report.breaking.some((i) => i.operation?.operationId === "getCustomerLedgerSummary")).toBe(false);
    const nonBreaking = section(markdown, "Non-breaking changes");
    expect(nonBreaking).toContain("(getCustomerLedgerSummary), response 200");
    expect(nonBreaking).toContain("`overdueBalance`: added (number | null, double, optional)");
  });

  it("classifies the request field made required as breaking (openapi-diff) and names the field", () => {
    const item = report.breaking.find((i) => i.operation?.operationId === "registerWebhook");
    expect(item).toMatchObject({ source: "openapi-diff", code: "request.body.scope.remove", scope: "request body" });
    expect(item?.changes).toEqual([expect.objectContaining({ kind: "changed", field: "url", detail: "now required" })]);
    expect(section(markdown, "Breaking changes")).toContain("`url`: now required");
  });

  it("reports nothing else, and nothing at all for identical specs", async () => {
    expect(report.breaking).toHaveLength(2);
    expect(report.nonBreaking).toHaveLength(1);
    expect(report.unclassified).toEqual([]);
    expect(report.review).toEqual([]);
    const same = await diffApis(oldDoc, oldDoc);
    expect(renderMarkdown(same)).toContain("No API changes.");
  });
});

describe("api-diff CLI", () => {
  // Two tiny 3.1 documents: the subprocess then takes well under a second.
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

  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["scripts/api-diff.mjs", join(dir, "old.yaml"), join(dir, "new.yaml"), ...args], { encoding: "utf8" });

  it("prints the markdown report for two files", () => {
    const { status, stdout } = run("--heading-level", "3");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^### API changes\n/);
    expect(stdout).toContain("**1 breaking**, 1 non-breaking");
    expect(stdout).toContain("| removed (breaking) | DELETE | `/things/{id}` | deleteThing |");
    expect(stdout).toContain("`name`: added (string | null, optional)");
  });

  it("exits 1 on breaking changes with --fail-on-breaking", () => {
    const { status, stdout } = run("--fail-on-breaking", "--json");
    expect(status).toBe(1);
    expect((JSON.parse(stdout) as ApiDiffReport).operations.removed).toEqual([
      { method: "DELETE", path: "/things/{id}", operationId: "deleteThing", webhook: false },
    ]);
  });
});

/** The text of one `## …` section of the report. */
function section(md: string, title: string): string {
  const start = md.indexOf(`## ${title}`);
  expect(start, `section "${title}"`).toBeGreaterThanOrEqual(0);
  const next = md.indexOf("\n## ", start + 1);
  return md.slice(start, next < 0 ? undefined : next);
}
