// Paths are inferences and may be renamed in specs/: the fake takes every path from the spec and
// the operation table, so after a rename (and `npm run generate`) it serves the new paths with
// the same resource names. Simulated here on copies of both generated inputs.
import { describe, expect, it } from "vitest";
import { operations, type OperationInfo } from "../../generated/operations.js";
import { spec } from "../../generated/spec.js";
import { findResources } from "../../src/testing/fake/resources.js";
import { createRouter } from "../../src/testing/fake/router.js";
import { buildSpecModel } from "../../src/testing/fake/spec-model.js";

const rename = (path: string) =>
  path
    .replace(/^\/debtors/, "/api/v2/persons")
    .replace("/addresses", "/postal-addresses")
    .replace("{debtorGuid}", "{personId}");

function renamed() {
  const doc = structuredClone(spec) as { paths: Record<string, unknown> };
  doc.paths = Object.fromEntries(
    Object.entries(doc.paths).map(([p, item]) => [rename(p), JSON.parse(JSON.stringify(item).replaceAll('"debtorGuid"', '"personId"'))]),
  );
  const table: Record<string, OperationInfo> = {};
  for (const [id, info] of Object.entries(operations))
    table[id] = { ...info, path: rename(info.path), pathParams: info.pathParams.map((p) => (p === "debtorGuid" ? "personId" : p)) };
  return { model: buildSpecModel(doc, table), table };
}

describe("after a path rename", () => {
  it("finds the same resources (named by operationId) on the new paths, parents included", () => {
    const original = findResources(buildSpecModel(spec));
    const { model } = renamed();
    const after = findResources(model);
    expect([...after.keys()].sort()).toEqual([...original.keys()].sort());
    expect(after.get("debtorAddress")).toMatchObject({
      itemPath: "/api/v2/persons/{personId}/postal-addresses/{addressGuid}",
      parentParams: ["personId"],
      parent: { name: "debtor", idParam: "personId" },
    });
    expect(after.get("debtor")?.idProperty).toBe("debtorGuid");
  });

  it("routes the new paths and not the old ones, literal segments still first", () => {
    const { model } = renamed();
    const router = createRouter(model.operations.values(), new Set());
    expect(router.match("GET", "/api/v2/persons/ping")).toMatchObject({ kind: "match", match: { operation: { id: "pingDebtors" } } });
    expect(router.match("GET", "/api/v2/persons/42/postal-addresses")).toMatchObject({
      kind: "match",
      match: { operation: { id: "listDebtorAddresses" }, params: { personId: "42" } },
    });
    expect(router.match("GET", "/debtors/42").kind).toBe("none");
  });
});
