// JSON Schema validation against the bundled spec, with @cfworker/json-schema: shared by the fake
// gateway (requests and its own answers) and opt-in response validation (aptic-gateway-client/validation).
// Low level on purpose: it imports neither the client nor the testing kit.
//
// Why this library: the fake must run unchanged in Node, Bun, Deno, browsers and Cloudflare
// Workers. workerd forbids `eval`/`new Function`, so validators that compile schemas to code at
// run time (Ajv, @exodus/schemasafe) are out; Ajv's standalone output would have to be generated
// into generated/ by the spec pipeline. @cfworker/json-schema interprets schemas (no code
// generation), supports draft 2020-12 (OpenAPI 3.1's dialect: `type: [..., "null"]`), checks
// formats (date-time, uuid, email…), has no dependencies and is built for workers. Loaded lazily
// (it is not a dependency: the kit says what to install) so importing the testing kit never requires it.
import { isObject, type JsonObject } from "./spec-model.js";
import { missingTool, OPTIONAL_TOOLS, type ToolUse } from "../errors/missing-tool.js";

/** Field → messages, as ASP.NET's ValidationProblemDetails `errors` member. */
export type FieldErrors = Record<string, string[]>;

/** Checks values against schema nodes of the prepared spec. */
export interface SchemaChecker {
  /** The prepared copy of the spec whose nodes {@link check} accepts. */
  doc: JsonObject;
  /** Returns the violations (empty when valid), keyed by field path (`$` is the value itself). */
  check(value: unknown, schema: unknown, prefix?: string): FieldErrors;
  /**
   * Objects already checked against a schema, by schema node. Stored items are immutable once
   * checked, so answering one again needs no second check.
   */
  verified: WeakMap<object, WeakSet<object>>;
  /** {@link check}, remembered for objects (stored items are never mutated in place). */
  checkOnce(value: unknown, schema: unknown): FieldErrors;
}

interface OutputUnit {
  keyword: string;
  keywordLocation: string;
  instanceLocation: string;
  error: string;
}

type ValidateFn = (instance: unknown, schema: unknown, draft: string, lookup: unknown, shortCircuit: boolean) => { valid: boolean; errors: OutputUnit[] };

// Keywords that only say "something below failed"; the leaf errors below them are reported instead.
const WRAPPERS = new Set([
  "properties",
  "items",
  "prefixItems",
  "allOf",
  "$ref",
  "$dynamicRef",
  "$recursiveRef",
  "additionalItems",
  "unevaluatedItems",
  "unevaluatedProperties",
  "dependentSchemas",
  "then",
  "else",
  "patternProperties",
  "additionalProperties",
  "contains",
]);
const INT32 = { minimum: -2147483648, maximum: 2147483647 };

/**
 * Copies the spec for the validator: OpenAPI's `int32` (a range, not a JSON Schema format)
 * becomes minimum/maximum, and examples stay readable but non-enumerable, so the validator's
 * indexing pass (which walks every enumerable key) skips them — a third of start-up time.
 */
function prepare(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(prepare);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "example" || key === "examples") Object.defineProperty(out, key, { value, enumerable: false });
    else out[key] = prepare(value);
  }
  if (out["format"] === "int32") {
    out["minimum"] ??= INT32.minimum;
    out["maximum"] ??= INT32.maximum;
  }
  return out;
}

/** `#/payments/0/amount` → `payments[0].amount`; the root is `$`. */
export function fieldPath(pointer: string, prefix = ""): string {
  const parts = pointer
    .replace(/^#\/?/, "")
    .split("/")
    .filter((p) => p !== "")
    .map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"));
  let out = prefix;
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out === "" ? part : `.${part}`;
  return out === "" ? "$" : out;
}

function toFieldErrors(units: OutputUnit[], prefix: string): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => {
    const list = (errors[field] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  const unions = units.filter((u) => u.keyword === "anyOf" || u.keyword === "oneOf");
  for (const unit of units) {
    if (WRAPPERS.has(unit.keyword)) continue;
    if (unit.keyword === "anyOf" || unit.keyword === "oneOf") {
      const branches = units.filter(
        (u) => u !== unit && u.instanceLocation === unit.instanceLocation && u.keywordLocation.startsWith(unit.keywordLocation) && !WRAPPERS.has(u.keyword),
      );
      add(
        fieldPath(unit.instanceLocation, prefix),
        `${unit.keyword}: matches none of the allowed forms (${branches.map((b) => b.error).join(" / ") || unit.error})`,
      );
      continue;
    }
    // Leaf errors inside a union at the same location are summarised by the union above.
    if (unions.some((u) => u.instanceLocation === unit.instanceLocation && unit.keywordLocation.startsWith(u.keywordLocation))) continue;
    const missing = unit.keyword === "required" ? /property "(.*)"/.exec(unit.error)?.[1] : undefined;
    const location = missing === undefined ? unit.instanceLocation : `${unit.instanceLocation}/${missing}`;
    add(fieldPath(location, prefix), `${unit.keyword}: ${unit.error}`);
  }
  return errors;
}

// One prepared checker per spec document: every fake and validator of a process shares it.
const loadedBySpec = new WeakMap<JsonObject, Promise<SchemaChecker>>();

/**
 * Loads the validator and prepares a spec once per process. `user` names who needs it and `use`
 * where it runs (the app in production, or tests), for the install command when it is missing.
 *
 * @throws {ApticUsageError} when @cfworker/json-schema is not installed.
 * @example
 * ```ts
 * const checker = await loadSchemaChecker(spec, "createFakeGateway");
 * checker.check({ juridicalType: 7 }, { $ref: "#/components/schemas/DebtorCreate" });
 * ```
 */
export function loadSchemaChecker(spec: JsonObject, user: string, use: ToolUse = "test"): Promise<SchemaChecker> {
  const cached = loadedBySpec.get(spec);
  if (cached) return cached;
  const loaded = (async () => {
    let lib: { Validator: new (schema: unknown, draft: string, shortCircuit: boolean) => { lookup: unknown }; validate: ValidateFn };
    try {
      // The module specifier is a literal so bundlers include it for browser and worker builds.
      lib = (await import("@cfworker/json-schema")) as unknown as typeof lib;
    } catch (cause) {
      loadedBySpec.delete(spec);
      throw missingTool(user, OPTIONAL_TOOLS.jsonSchema, cause, use);
    }
    const doc = prepare(spec) as JsonObject;
    const { lookup } = new lib.Validator(doc, "2020-12", false);
    const checker: SchemaChecker = {
      doc,
      verified: new WeakMap(),
      check(value, schema, prefix = "") {
        const result = lib.validate(value, schema, "2020-12", lookup, false);
        return result.valid ? {} : toFieldErrors(result.errors, prefix);
      },
      checkOnce(value, schema) {
        if (typeof value !== "object" || value === null || typeof schema !== "object" || schema === null) return checker.check(value, schema);
        let seen = checker.verified.get(schema);
        if (seen?.has(value)) return {};
        const errors = checker.check(value, schema);
        if (Object.keys(errors).length === 0) {
          if (!seen) checker.verified.set(schema, (seen = new WeakSet()));
          seen.add(value);
        }
        return errors;
      },
    };
    return checker;
  })();
  loadedBySpec.set(spec, loaded);
  return loaded;
}
