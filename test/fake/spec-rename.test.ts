// Paths are inferences and may be renamed in specs/: the fake takes every path from the spec and
// the operation table, so after a rename (and `npm run generate`) it serves the new paths with
// the same resource names. Simulated here on copies of both generated inputs.
import { describe, expect, it } from "vitest";
import { operations, type OperationInfo } from "../../generated/operations.js";
import { spec } from "../../generated/spec.js";
import { findResources } from "../../src/testing/fake/resources.js";
import { createRouter } from "../../src/testing/fake/router.js";
import { buildSpecModel } from "../../src/schema/spec-model.js";
import { createDebtor, getDebtor, getDebtorAddress, listDebtorAddresses, listDebtors, pingDebtors } from "../../src/operations/index.js";
import { pathWith } from "../support/operation-url.js";

// Relative to the current paths (read from the table), so a rename in specs/ does not void this one.
const DEBTORS = listDebtors.path;
const ADDRESSES = listDebtorAddresses.path.slice(getDebtor.path.length);
const rename = (path: string) =>
  (path.startsWith(DEBTORS) ? `/api/v2/persons${path.slice(DEBTORS.length)}` : path)
    .replace(ADDRESSES, "/postal-addresses")
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
      itemPath: rename(getDebtorAddress.path),
      parentParams: ["personId"],
      parent: { name: "debtor", idParam: "personId" },
    });
    expect(after.get("debtor")?.idProperty).toBe("debtorGuid");
  });

  it("routes the new paths and not the old ones, literal segments still first", () => {
    const { model } = renamed();
    const router = createRouter(model.operations.values(), new Set());
    expect(router.match("GET", `/api/v2/persons${pingDebtors.path.slice(DEBTORS.length)}`)).toMatchObject({
      kind: "match",
      match: { operation: { id: "pingDebtors" } },
    });
    expect(router.match("GET", rename(pathWith(listDebtorAddresses, { debtorGuid: "42" })))).toMatchObject({
      kind: "match",
      match: { operation: { id: "listDebtorAddresses" }, params: { personId: "42" } },
    });
    expect(router.match("GET", pathWith(getDebtor, { debtorGuid: "42" })).kind).toBe("none");
  });
});

describe("a vendor's create answering 200 (Swashbuckle's default)", () => {
  const withCreate = (method: "POST" | "PUT", success: number) => {
    const table: Record<string, OperationInfo> = { ...operations, createDebtor: { ...operations.createDebtor, method, success } };
    const doc = structuredClone(spec) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const item = doc.paths[createDebtor.path] ?? {};
    const op = item["post"];
    if (op) {
      op.responses = Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status === "201" ? String(success) : status, r]));
      delete item["post"];
      item[method.toLowerCase()] = op;
    }
    return findResources(buildSpecModel(doc, table)).get("debtor");
  };

  it("is still the debtor's create: a POST on the collection with 200 or 201, a PUT with 201", () => {
    for (const [method, success] of [
      ["POST", 200],
      ["POST", 201],
      ["PUT", 201],
    ] as const) {
      const debtor = withCreate(method, success);
      expect(debtor?.ops.create?.id, `${method} ${success}`).toBe("createDebtor");
      expect([...(debtor?.createOnly.keys() ?? [])]).toContain("countryCode");
    }
  });

  it("is no create when it answers anything else (a PUT with 200 replaces, a POST with 202 only queues)", () => {
    for (const [method, success] of [
      ["PUT", 200],
      ["POST", 202],
      ["POST", 204],
    ] as const) {
      const debtor = withCreate(method, success);
      expect(debtor?.ops.create, `${method} ${success}`).toBeUndefined();
      expect(debtor?.createOnly.size).toBe(0);
    }
  });
});
