// Every JSON request/response sample of the vendor's reference exports (seeds 001–003, copied
// into test/fixtures/seeds/) validates against its operation's schema in the merged spec, with
// a real JSON Schema 2020-12 validator (Ajv). The samples are the vendor's own words about the
// wire format, so a spec that rejects one is wrong (e.g. the closed enums that refused `0`).
import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { extractSeedOperations, type SeedOperation, type SeedSample } from "../support/seed-samples.js";

type Json = Record<string, unknown>;
type Operation = Json & { operationId: string; summary: string; requestBody?: Json; parameters?: Json[]; responses: Record<string, Json> };

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const doc = parse(readFileSync(new URL("../../generated/aptic.openapi.yaml", import.meta.url), "utf8")) as Json & {
  paths: Record<string, Record<string, Operation>>;
  components: Json & { parameters: Record<string, Json>; responses: Record<string, Json> };
};
const mapping = JSON.parse(fixture("seed-operations.json")) as Record<string, string[]>;
const EXPORTS = Object.keys(mapping).filter((k) => !k.startsWith("$"));

/** operationId → where it lives in the merged spec. */
const byId = new Map<string, { path: string; method: string; op: Operation }>();
for (const [path, item] of Object.entries(doc.paths)) {
  for (const method of ["get", "put", "post", "delete", "patch"]) {
    const op = item[method];
    if (op) byId.set(op.operationId, { path, method, op });
  }
}

// One Ajv over the whole merged document: schemas are reached by JSON pointer, so `$ref`s into
// components resolve exactly as in the spec. `strict: false` because OpenAPI adds keywords
// (example, x-…) that are not JSON Schema vocabulary.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat("double", { type: "number", validate: (n: number) => Number.isFinite(n) });
ajv.addSchema({ ...doc, $id: "aptic" });
const pointer = (...parts: string[]) => "aptic#/" + parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
const validator = (ref: string): ValidateFunction => ajv.compile({ $ref: ref });

/** The reference a response (possibly a `$ref` to components) has for its JSON body, if any. */
function responseSchemaRef(path: string, method: string, status: string): string | undefined {
  const response = byId.get(byPath(path, method) ?? "")?.op.responses[status];
  if (!response) return undefined;
  if (typeof response.$ref === "string") {
    const name = response.$ref.split("/").pop() ?? "";
    const content = (doc.components.responses[name]?.content ?? {}) as Record<string, unknown>;
    const type = Object.keys(content).find((t) => t.includes("json"));
    return type ? pointer("components", "responses", name, "content", type, "schema") : undefined;
  }
  const type = Object.keys((response.content ?? {}) as Json).find((t) => t.includes("json"));
  return type ? pointer("paths", path, method, "responses", status, "content", type, "schema") : undefined;
}
const byPath = (path: string, method: string) => (doc.paths[path]?.[method] as Operation | undefined)?.operationId;

/**
 * Which schema a sample is checked against. Request: the JSON request body. Response: the
 * success response's body; an operation whose success has no body (204) shows its error body
 * in the docs, so that sample is checked against the documented problem response.
 */
function target(id: string, sample: SeedSample): { ref: string; status?: string } {
  const { path, method, op } = byId.get(id) ?? { path: "", method: "", op: undefined };
  if (!op) throw new Error(`${id} is not in the merged spec`);
  if (sample.kind === "request") {
    const content = (op.requestBody?.content ?? {}) as Json;
    const type = Object.keys(content).find((t) => t.includes("json"));
    if (!type) throw new Error(`${id} has a request sample but no JSON request body`);
    return { ref: pointer("paths", path, method, "requestBody", "content", type, "schema") };
  }
  const success =
    Object.keys(op.responses)
      .filter((s) => /^2\d\d$/.test(s))
      .sort()[0] ?? "";
  const successRef = responseSchemaRef(path, method, success);
  if (successRef) return { ref: successRef, status: success };
  const errorStatus = Object.keys(op.responses).find((s) => /^[45]\d\d$/.test(s) && responseSchemaRef(path, method, s)) ?? "";
  return { ref: responseSchemaRef(path, method, errorStatus) ?? "", status: errorStatus };
}

const exportsParsed = EXPORTS.map((file) => ({ file, ops: extractSeedOperations(fixture(`seeds/${file}`)), ids: mapping[file] ?? [] }));
const allSamples = exportsParsed.flatMap(({ file, ops, ids }) => ops.flatMap((o) => o.samples.map((s) => ({ file, id: ids[o.index] ?? "?", sample: s }))));
const jsonSamples = allSamples.filter((s) => s.sample.text !== null);

describe("seed exports: the operation mapping", () => {
  it.each(exportsParsed.map((e) => [e.file, e] as const))("%s: one mapped operationId per documented operation", (_, { ops, ids }) => {
    expect(ops.length).toBeGreaterThan(0);
    expect(ids).toHaveLength(ops.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("maps every operation of the spec exactly once (the exports document all 78)", () => {
    const mapped = exportsParsed.flatMap((e) => e.ids).sort();
    expect(mapped).toEqual([...byId.keys()].sort());
    expect(mapped).toHaveLength(78);
  });

  const rows = exportsParsed.flatMap(({ file, ops, ids }) => ops.map((o) => [`${file} #${o.index} ${ids[o.index]}`, o, ids[o.index] ?? ""] as const));
  it.each(rows)("%s: summary, body and path parameters agree with the spec", (_, seedOp: SeedOperation, id: string) => {
    const entry = byId.get(id);
    expect(entry, id).toBeDefined();
    const { op } = entry as { op: Operation };
    // The spec's summary is the docs' first sentence, verbatim.
    expect(seedOp.heading.some((line) => line.startsWith(op.summary))).toBe(true);
    expect(seedOp.hasBody).toBe(op.requestBody !== undefined);
    const specParams = (op.parameters ?? [])
      .map((p) => (typeof p.$ref === "string" ? doc.components.parameters[p.$ref.split("/").pop() ?? ""] : p) as Json)
      .filter((p) => p.in === "path")
      .map((p) => String(p["x-aptic-doc-name"] ?? p.name));
    expect([...seedOp.pathParams].sort()).toEqual(specParams.sort());
  });
});

describe("seed exports: every sample validates against the merged spec", () => {
  it("finds every sample the exports print (110 sample blocks: 107 JSON samples, 3 'No sample')", () => {
    for (const { file, ops } of exportsParsed) {
      const text = fixture(`seeds/${file}`);
      const headings = (text.match(/^(Request|Response) samples$/gm) ?? []).length;
      expect(
        ops.reduce((n, o) => n + o.samples.length, 0),
        file,
      ).toBe(headings);
    }
    expect(allSamples).toHaveLength(110);
    expect(jsonSamples).toHaveLength(107);
    expect(allSamples.filter((s) => s.sample.text === null).map((s) => `${s.id} ${s.sample.kind}`)).toEqual([
      "invokeCallbackGet response",
      "invokeCallbackPost request",
      "invokeCallbackPost response",
    ]);
  });

  it.each(jsonSamples.map((s) => [`${s.file}:${s.sample.line} ${s.id} ${s.sample.kind}`, s] as const))("%s", (_, { id, sample }) => {
    const { ref } = target(id, sample);
    expect(ref, "a JSON schema to validate against").not.toBe("");
    const validate = validator(ref);
    const ok = validate(sample.value);
    expect(ok ? [] : validate.errors, JSON.stringify(sample.value).slice(0, 200)).toEqual([]);
  });

  it("the validator is real: a sample with a wrong type, or an unknown value of a closed enum, fails", () => {
    const debtor = jsonSamples.find((s) => s.id === "createDebtor" && s.sample.kind === "request");
    expect(debtor).toBeDefined();
    const validate = validator(target("createDebtor", debtor?.sample as SeedSample).ref);
    expect(validate({ ...(debtor?.sample.value as Json), underAged: "yes" })).toBe(false);
    // JuridicalType is documented with "Enum: 0 1", so it stays closed.
    expect(validate({ ...(debtor?.sample.value as Json), juridicalType: 7 })).toBe(false);
    expect(validate(debtor?.sample.value)).toBe(true);
  });

  it("the four described value lists are open: the samples' 0 and any other int32 pass, non-integers fail", () => {
    const plan = jsonSamples.find((s) => s.id === "createDebtorPaymentPlan" && s.sample.kind === "request");
    const mandate = jsonSamples.find((s) => s.id === "createCustomerDirectDebitMandate" && s.sample.kind === "request");
    const planCheck = validator(target("createDebtorPaymentPlan", plan?.sample as SeedSample).ref);
    const mandateCheck = validator(target("createCustomerDirectDebitMandate", mandate?.sample as SeedSample).ref);
    const planValue = plan?.sample.value as Json;
    const mandateValue = mandate?.sample.value as Json;
    expect([planValue.active, planValue.paymentPlanType, mandateValue.directDebitMandateType, mandateValue.sendingBankAccountClass]).toEqual([0, 0, 0, 0]);
    for (const n of [0, 6, 42, 2 ** 31 - 1]) {
      expect(planCheck({ ...planValue, active: n, paymentPlanType: n })).toBe(true);
      expect(mandateCheck({ ...mandateValue, directDebitMandateType: n, sendingBankAccountClass: n })).toBe(true);
    }
    expect(planCheck({ ...planValue, paymentPlanType: 1.5 })).toBe(false);
    expect(planCheck({ ...planValue, active: "1" })).toBe(false);
    expect(mandateCheck({ ...mandateValue, directDebitMandateType: 2 ** 31 })).toBe(false);
    expect(mandateCheck({ ...mandateValue, sendingBankAccountClass: null })).toBe(true);
    expect(mandateCheck({ ...mandateValue, directDebitMandateType: null })).toBe(false);
  });
});
