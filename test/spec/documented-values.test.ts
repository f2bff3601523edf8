// The described value lists (`x-aptic-documented-values`) stay open integers in the spec, agree
// with the doc text kept in their descriptions, and reach generated/documented-values.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as generated from "../../generated/documented-values.js";

type Schema = {
  type?: unknown;
  enum?: unknown;
  description?: string;
  "x-aptic-documented-values"?: Array<{ value: number; name: string; description: string }>;
};
const doc = parse(readFileSync(new URL("../../generated/aptic.openapi.yaml", import.meta.url), "utf8")) as { components: { schemas: Record<string, Schema> } };
const described = Object.entries(doc.components.schemas).filter(([, s]) => s["x-aptic-documented-values"]);

describe("documented value lists", () => {
  it("are exactly the four the docs describe in prose", () => {
    expect(described.map(([name]) => name).sort()).toEqual(["BankAccountClass", "DirectDebitMandateType", "PaymentPlanActive", "PaymentPlanType"]);
  });

  it.each(described)("%s is an open int32 whose description lists every documented value", (_name, schema) => {
    expect(schema.enum).toBeUndefined();
    expect(schema.type).toBe("integer");
    for (const v of schema["x-aptic-documented-values"] ?? []) expect(schema.description).toContain(`${v.value} = `);
    const lines = (schema.description ?? "").split("\n").filter((l) => /^\d+ = /.test(l));
    expect(lines.map((l) => Number(l.split(" ")[0]))).toEqual((schema["x-aptic-documented-values"] ?? []).map((v) => v.value));
  });

  it.each(described)("%s is generated as named constants", (name, schema) => {
    const constants = (generated as Record<string, Record<string, number>>)[name];
    expect(constants).toEqual(Object.fromEntries((schema["x-aptic-documented-values"] ?? []).map((v) => [v.name, v.value])));
  });

  it("keeps the documented names and values", () => {
    expect(generated.PaymentPlanActive).toEqual({ Active: 1, Proposal: 2 });
    expect(generated.PaymentPlanType.DebtRelief).toBe(5);
    expect(generated.DirectDebitMandateType.SEPABusinessOneOff).toBe(7);
    expect(generated.BankAccountClass.BankAccountFinland).toBe(10);
  });
});
