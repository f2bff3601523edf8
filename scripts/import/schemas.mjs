// Schema helpers shared by the matcher, the converter and the report: resolving `$ref`s in a
// document (ours may point into common.yaml), and a schema's effective shape (allOf merged,
// a nullable `anyOf [X, null]` unwrapped) for comparing two schemas field by field.

// The schema helpers the operation matcher needs live with it in src/doctor/match.ts (shipped: the
// doctor matches vendor files too); they are re-exported here for the converter and the report.
import { effectiveProperties, jsonMediaType, unwrapNullable } from "../../src/doctor/match.ts";

export { effectiveProperties, jsonMediaType, unwrapNullable };

export const COMMON_PREFIX = "./common.yaml#/components/";

/** A resolver over one or more documents: `#/…` in `local`, `./common.yaml#/…` in `common`. */
export function resolver(local, common = local) {
  const at = (doc, pointer) =>
    pointer
      .split("/")
      .slice(1)
      .reduce((node, key) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  return function deref(node, seen = 0) {
    if (!node || typeof node.$ref !== "string" || seen > 20) return node;
    const ref = node.$ref;
    // A local `#/…` ref inside a common.yaml component means common.yaml: names are unique across
    // the area files and common.yaml (join requires it), so falling back to common is safe.
    const target = ref.startsWith("./common.yaml#")
      ? at(common, ref.slice("./common.yaml#".length))
      : ref.startsWith("#")
        ? (at(local, ref.slice(1)) ?? at(common, ref.slice(1)))
        : undefined;
    return target === undefined ? node : deref(target, seen + 1);
  };
}

/** The component name a schema `$ref` points at (`Debtor` for either form), else undefined. */
export const refName = (node) => (typeof node?.$ref === "string" && /#\/components\/schemas\/[^/]+$/.test(node.$ref) ? node.$ref.split("/").pop() : undefined);

/** Whether a schema admits null. */
export const isNullable = (schema, deref) => {
  const s = deref(schema) ?? {};
  return (Array.isArray(s.type) && s.type.includes("null")) || unwrapNullable(s) !== s || (Array.isArray(s.enum) && s.enum.includes(null));
};

/** `string`, `integer/int32`, `array<…>` … a short type label (null left out). */
export function typeLabel(schema, deref) {
  const s = deref(unwrapNullable(deref(schema)) ?? {}) ?? {};
  const types = (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []).filter((t) => t !== "null");
  const base = types.length ? types.join("|") : s.properties || s.allOf ? "object" : "any";
  if (base === "array") return `array<${typeLabel(s.items ?? {}, deref)}>`;
  return s.format ? `${base}/${s.format}` : base;
}

/** The enum of a schema (through a nullable wrapper and `$ref`s), without `null`. */
export function enumOf(schema, deref) {
  const s = deref(unwrapNullable(deref(schema)) ?? {}) ?? {};
  return Array.isArray(s.enum) ? s.enum.filter((v) => v !== null) : undefined;
}

const SAMPLE_GUID = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";

/**
 * A value the schema accepts, for a parameter the vendor gives no example for (the contract tests
 * and the mock need one per path parameter): the schema's own example, default, const or first
 * enum value, else one made from its type and format, within its bounds.
 */
export function exampleOf(schema, deref) {
  const s = deref(unwrapNullable(deref(schema)) ?? {}) ?? {};
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  const values = enumOf(s, deref);
  if (values?.length) return values[0];
  const type = (Array.isArray(s.type) ? s.type : [s.type]).find((t) => t && t !== "null");
  if (type === "integer" || type === "number") {
    if (typeof s.minimum === "number") return type === "integer" ? Math.ceil(s.minimum) : s.minimum;
    if (typeof s.exclusiveMinimum === "number") return Math.floor(s.exclusiveMinimum) + 1;
    return typeof s.maximum === "number" && s.maximum < 1 ? Math.floor(s.maximum) : 1;
  }
  if (type === "boolean") return true;
  if (s.format === "uuid") return SAMPLE_GUID;
  if (s.format === "date-time") return "2026-01-31T12:00:00Z";
  if (s.format === "date") return "2026-01-31";
  const text = "example";
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  const max = typeof s.maxLength === "number" ? s.maxLength : Number.POSITIVE_INFINITY;
  return (text.length < min ? text.padEnd(min, "x") : text).slice(0, Math.max(max, 1));
}

/** The required property names of a schema, allOf parts included. */
export function effectiveRequired(schema, deref) {
  const s = deref(unwrapNullable(deref(schema)) ?? {}) ?? {};
  const out = new Set(Array.isArray(s.required) ? s.required : []);
  for (const part of s.allOf ?? []) for (const name of effectiveRequired(part, deref)) out.add(name);
  return out;
}

/** The component names reachable (through `$ref`s, transitively) from `node`. */
export function reachableComponents(node, doc, into = new Set()) {
  if (Array.isArray(node)) for (const n of node) reachableComponents(n, doc, into);
  else if (node && typeof node === "object") {
    const name = refName(node);
    if (name && !into.has(name) && node.$ref.startsWith("#/")) {
      into.add(name);
      reachableComponents(doc.components?.schemas?.[name], doc, into);
    }
    for (const [k, v] of Object.entries(node)) if (k !== "$ref" && k !== "example" && k !== "examples") reachableComponents(v, doc, into);
  }
  return into;
}
