// `npm run specs:import`: a vendor-style OpenAPI 3.0 file for the Debtors area (built from our
// spec the way an ASP.NET generator emits it, with deliberate differences; see
// test/fixtures/vendor/build-debtors.mjs) is imported into a temporary copy of the repository.
// The report must name every difference, the written area file must follow our conventions,
// and `npm run generate` plus the type-check of the SDK must work on the result. The real
// specs/ is never touched.
import { execFileSync, type spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { copyRepo, REPO, runNode } from "../support/repo-copy.js";

const FIXTURE = join(REPO, "test/fixtures/vendor/debtors.openapi.json");
type Json = Record<string, any>;

let copy: string;
let report: string;
let area: Json;
let readme: string;
let realSpecs: string;
let dryRun: ReturnType<typeof spawnSync>;
let dryRunLeftAreaAlone = false;
const snapshot = () =>
  execFileSync("git", ["-C", REPO, "ls-files", "-s", "--", "specs"], { encoding: "utf8" }) +
  readFileSync(join(REPO, "specs/debtors.yaml"), "utf8") +
  readFileSync(join(REPO, "specs/README.md"), "utf8");

// Under tsx, as `npm run specs:import` runs it: the matcher it uses is TypeScript (src/doctor/match.ts).
const run = (args: string[], cwd = copy) => runNode(cwd, args[0] === "scripts/import-spec.mjs" ? ["--import", "tsx", ...args] : args);
const walk = (node: unknown, visit: (n: Json, key?: string) => void, key?: string): void => {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === "object") {
    visit(node as Json, key);
    for (const [k, v] of Object.entries(node)) walk(v, visit, k);
  }
};

beforeAll(() => {
  realSpecs = snapshot();
  copy = copyRepo("import");
  // First a dry run on a YAML copy of the vendor file: it must write nothing.
  const yamlFile = join(copy, ".tmp-vendor.yaml");
  writeFileSync(yamlFile, stringify(JSON.parse(readFileSync(FIXTURE, "utf8"))));
  dryRun = run(["scripts/import-spec.mjs", "debtors", yamlFile, "--dry-run"]);
  dryRunLeftAreaAlone = readFileSync(join(copy, "specs/debtors.yaml"), "utf8") === readFileSync(join(REPO, "specs/debtors.yaml"), "utf8");
  const imported = run(["scripts/import-spec.mjs", "debtors", FIXTURE]);
  expect(imported.stderr).toContain("28 vendor operations (27 matched, 1 new), 1 kept as inferred");
  expect(imported.status).toBe(0);
  report = readFileSync(join(copy, "specs/reports/debtors.md"), "utf8");
  area = parse(readFileSync(join(copy, "specs/debtors.yaml"), "utf8")) as Json;
  readme = readFileSync(join(copy, "specs/README.md"), "utf8");
}, 120_000);
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("the reconciliation report (specs/reports/debtors.md)", () => {
  const row = (operationId: string) =>
    report.split("\n").find((l) => l.startsWith("| ") && (l.includes(`(${operationId})`) || l.includes(`\`${operationId}\``))) ?? "";

  it("says where the file came from and which prefix was removed", () => {
    expect(report).toContain("Source: `debtors.openapi.json` (OpenAPI 3.0.3, API version v1)");
    expect(report).toContain("All vendor paths start with `/api/v1`: it is removed from the paths");
    expect(report).not.toContain(REPO); // no path outside the repository
  });

  it("matches every vendor operation to ours, with the reasons", () => {
    expect(row("getDebtor")).toMatch(
      /^\| GET `\/api\/v1\/debtors\/\{id\}` \(Debtors_GetDebtor\) \| GET `\/debtors\/\{debtorGuid\}` \(getDebtor\) \| summary, operationId, path/,
    );
    // Identical summaries are told apart by the path and its parameters.
    expect(row("invokeDebtorService")).toContain("POST `/api/v1/debtors/{id}/services/{serviceDefinition}`");
    expect(row("invokeDebtorAreaService")).toContain("POST `/api/v1/debtor-services/{serviceDefinition}`");
  });

  it("reports path, method and status differences", () => {
    expect(row("getDebtorSummary")).toContain("path `/debtors/{debtorGuid}/summary` → `/debtors/{debtorGuid}/case-summary`");
    expect(row("createDebtorPaymentPlan")).toContain("method PUT → POST");
    expect(row("createDebtor")).toContain("success status 201 → 200");
    expect(row("listDebtors")).toContain("statuses not in the vendor's file: 401, 403, 429");
    expect(row("getDebtorNotes")).toContain("only in the vendor's file: added as `getDebtorNotes`");
    expect(row("activateDebtorPaymentPlan")).toContain("not in the vendor's file: kept as inferred");
  });

  it("reports fields added, removed and retyped, per corresponding schema", () => {
    const schema = (vendorName: string) => report.split("\n").find((l) => l.startsWith(`| \`${vendorName}\` |`)) ?? "";
    expect(schema("DebtorDto")).toBe("| `DebtorDto` | `Debtor` | `createdBy`, `isDeceased` | `preferredChannel` | — |");
    expect(schema("DebtorCreateDto")).toBe("| `DebtorCreateDto` | `DebtorCreate` | `externalReference` | — | — |");
    expect(schema("DebtorSummaryDto")).toContain("`activeCases` integer/int32 \\| null → string \\| null");
    expect(schema("AddressDto")).toBe("| `AddressDto` | `Address` (common.yaml, kept shared) | — | — | — |");
    expect(schema("DebtorNoteDto")).toContain("`DebtorNote` (new)");
  });

  it("reports the enums that differ, including a closed vendor enum where ours is open", () => {
    expect(report).toContain("| `GenderType` | [0, 1, 2] | [0, 1, 2, 3] |");
    expect(report).toContain("| `PaymentPlanType` | open (no enum) | [1, 2, 3, 4, 5] |");
    expect(report.split("## Enums that differ")[1]?.split("##")[0]?.match(/^\| `/gm)).toHaveLength(2);
  });

  it("marks every difference that can break a caller, and lists them first", () => {
    const summary = report.split("## Breaking differences")[1]?.split("## Operations")[0] ?? "";
    expect(report.indexOf("## Breaking differences")).toBeLessThan(report.indexOf("## Operations"));
    for (const item of [
      "- createDebtor: success status 201 → 200",
      "- createDebtorPaymentPlan: method PUT → POST",
      "- activateDebtorPaymentPlan: not in the vendor's file (the gateway may not serve it)",
      "- schema Debtor: field `preferredChannel` is gone from responses",
      "- schema DebtorSummary: `activeCases` retyped integer/int32 | null → string | null",
      "- schema GenderType (common.yaml is kept: review it): enum has new values 3",
    ])
      expect(summary).toContain(item);
    expect(summary).toMatch(/- 7 paths differ: calls by operation .* no longer compile \(getDebtorSummary, listDebtorPaymentPlans, /);
    // An optional field the vendor adds to a request breaks nothing, nor does a paged envelope's nullable `value`.
    expect(summary).not.toContain("externalReference");
    expect(summary).not.toContain("`value`");
    expect(row("createDebtorPaymentPlan")).toContain("**breaking:** method PUT → POST");
  });

  it("says what the linter said about the imported area", () => {
    expect(report.split("## Lint")[1]?.trim()).toBe("No problems.");
  });

  it("lists what the conversion changed", () => {
    expect(report).toContain("Media types dropped (JSON bodies only): `text/json`, `text/plain`.");
    expect(report).toContain("`DebtorDtoPagedResult` is the paged envelope: written as `DebtorList` = allOf [PagedList, value items]");
    expect(report).toMatch(/\d+ error responses written as the shared application\/problem\+json responses/);
  });
});

describe("the imported area file (specs/debtors.yaml)", () => {
  it("is OpenAPI 3.1 with no 3.0 leftovers and no vendor prefix", () => {
    expect(area.openapi).toBe("3.1.0");
    const leftovers: string[] = [];
    walk(area, (n, key) => {
      if (key !== "properties" && ("nullable" in n || "example" in n)) leftovers.push(JSON.stringify(n).slice(0, 80));
    });
    expect(leftovers.filter((l) => l.includes('"nullable"'))).toEqual([]);
    expect(Object.keys(area.paths).filter((p) => p.startsWith("/api"))).toEqual([]);
  });

  it("keeps our operationIds and path parameter names, and records the vendor's", () => {
    const op = area.paths["/debtors/{debtorGuid}/case-summary"].get;
    expect(op.operationId).toBe("getDebtorSummary");
    expect(op["x-aptic-vendor-operation-id"]).toBe("Debtors_GetDebtorSummary");
    expect(op.parameters[0]).toMatchObject({ name: "debtorGuid", in: "path", required: true, "x-aptic-vendor-name": "id", "x-aptic-doc-name": "guid" });
    expect(area.paths["/debtors/{debtorGuid}/notes"].get.parameters[0].name).toBe("debtorGuid"); // renamed like its siblings
    expect(area.paths["/debtors/{debtorGuid}/paymentplans"].post.operationId).toBe("createDebtorPaymentPlan");
  });

  it("uses the shared components of common.yaml (paging, problem responses) and the vendor's nullability as 3.1 types", () => {
    const list = area.paths["/debtors"].get;
    expect(list.parameters).toEqual(["Filter", "Skip", "Top", "OrderBy"].map((p) => ({ $ref: `./common.yaml#/components/parameters/${p}` })));
    expect(list.responses["400"]).toEqual({ $ref: "./common.yaml#/components/responses/BadRequest" });
    expect(list.responses["401"]).toEqual({ $ref: "./common.yaml#/components/responses/Unauthorized" });
    expect(area.components.schemas.DebtorList.allOf[0]).toEqual({ $ref: "./common.yaml#/components/schemas/PagedList" });
    expect(area.components.schemas.DebtorCreate.properties.externalReference.type).toEqual(["string", "null"]);
    expect(area.components.schemas.DebtorCreate.properties.gender).toMatchObject({ $ref: "./common.yaml#/components/schemas/GenderType" });
    expect(Object.keys(area.components.schemas)).not.toContain("ProblemDetails");
    const media = new Set<string>();
    walk(area.paths, (n, key) => key === "content" && Object.keys(n).forEach((t) => media.add(t)));
    expect([...media].sort()).toEqual(["application/json"]);
  });

  it("keeps our descriptions and x- extensions where the vendor has none, and marks each operation's source", () => {
    expect(area.components.schemas.Debtor.properties.createdBy.description).toBe("User that created the debtor.");
    expect(area.components.schemas.DebtorSummary.description).toContain("The debtor case summary");
    const sources = Object.values(area.paths).flatMap((item) => Object.values(item as Json).map((op) => (op as Json)["x-aptic-source"]));
    expect(sources.filter((s) => s === "vendor")).toHaveLength(28);
    // A kept operation follows the vendor's spelling of its parent's path (`paymentplans`).
    expect(area.paths["/debtors/{debtorGuid}/paymentplans/{paymentplanGuid}/activate"].post["x-aptic-source"]).toBe("inferred");
  });

  it("declares literal paths before templated ones", () => {
    const keys = Object.keys(area.paths);
    expect(keys.indexOf("/debtors/ping")).toBeLessThan(keys.indexOf("/debtors/{debtorGuid}"));
    expect(keys.indexOf("/debtors/{debtorGuid}/paymentplans/calculate")).toBeLessThan(keys.indexOf("/debtors/{debtorGuid}/paymentplans/{paymentplanGuid}"));
  });
});

describe("after the import", () => {
  it("the decision record marks each operation vendor file or inferred, and adds the vendor-only one", () => {
    const rows = readme.split("\n").filter((l) => l.startsWith("| Debtors |"));
    const byId = (id: string) => rows.find((r) => r.split(" | ")[3] === id) ?? "";
    expect(rows).toHaveLength(29);
    expect(byId("createDebtorPaymentPlan")).toMatch(
      /^\| Debtors \| POST \| \/debtors\/\{debtorGuid\}\/paymentplans \| createDebtorPaymentPlan \| vendor file \| 201; /,
    );
    expect(byId("createDebtorPaymentPlan")).toContain("(inferred was PUT /debtors/{debtorGuid}/payment-plans)");
    expect(byId("activateDebtorPaymentPlan")).toContain("| inferred |");
    expect(byId("getDebtorNotes")).toContain("Only in the vendor's file (debtors.openapi.json)");
    expect(readme.split("\n").filter((l) => l.startsWith("| Customers |") && l.includes("| inferred |"))).toHaveLength(36);
  });

  it("npm run generate works unchanged, and the operation table follows the vendor's file", () => {
    const gen = run(["scripts/generate.mjs"]);
    expect(gen.status, gen.stderr + gen.stdout).toBe(0);
    const table = readFileSync(join(copy, "generated/operations.ts"), "utf8");
    expect(table).toContain(
      'export const createDebtorPaymentPlan = {"id":"createDebtorPaymentPlan","method":"POST","path":"/debtors/{debtorGuid}/paymentplans"',
    );
    expect(table).toMatch(/export const getDebtorNotes = \{"id":"getDebtorNotes","method":"GET","path":"\/debtors\/\{debtorGuid\}\/notes"/);
    expect(table).toMatch(/export const listDebtors = \{[^}]*"paged":true/);
  }, 120_000);

  it("the SDK (src, generated, type tests, examples) type-checks against the imported spec", () => {
    const config = parse(readFileSync(join(copy, "tsconfig.json"), "utf8").replace(/^\s*\/\/.*$/gm, "")) as Json;
    writeFileSync(join(copy, "tsconfig.import.json"), JSON.stringify({ ...config, include: ["src", "generated", "test/types", "examples"] }));
    const tsc = run([join(REPO, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.import.json"]);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  }, 180_000);

  it("a YAML copy of the vendor file gives the same report, and a dry run writes nothing", () => {
    expect(dryRun.status).toBe(0);
    expect(String(dryRun.stdout).replace(/\.tmp-vendor\.yaml/g, "debtors.openapi.json")).toBe(report);
    expect(dryRunLeftAreaAlone).toBe(true);
  });

  it("refuses what it cannot import, with a clear message", () => {
    const swagger = join(copy, ".tmp-swagger.json");
    writeFileSync(swagger, JSON.stringify({ swagger: "2.0", info: { title: "x", version: "1" }, paths: {} }));
    expect(run(["scripts/import-spec.mjs", "debtors", swagger]).stderr).toContain("reads OpenAPI 3.0.x or 3.1.x documents (");
    expect(run(["scripts/import-spec.mjs", "invoices", FIXTURE]).stderr).toContain('unknown area "invoices"');
    expect(run(["scripts/import-spec.mjs", "debtors"]).status).toBe(2);
  }, 60_000);

  it("left the real specs/ untouched", () => {
    expect(snapshot()).toBe(realSpecs);
  });
});
