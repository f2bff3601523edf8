// Schema helpers shared by the matcher, the converter and the report: resolving `$ref`s in a
// document (ours may point into common.yaml), and a schema's effective shape (allOf merged,
// a nullable `anyOf [X, null]` unwrapped) for comparing two schemas field by field.

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

/** A nullable wrapper's inner schema (`anyOf [X, {type: null}]` → X), else the schema itself. */
export function unwrapNullable(schema) {
  const branches = schema?.anyOf ?? schema?.oneOf;
  if (Array.isArray(branches) && branches.length === 2 && branches.some((b) => b?.type === "null")) return branches.find((b) => b?.type !== "null");
  return schema;
}

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

/** Properties of a schema with allOf parts merged (each part resolved). */
export function effectiveProperties(schema, deref) {
  const s = deref(unwrapNullable(deref(schema)) ?? {}) ?? {};
  const parts = [s, ...(s.allOf ?? []).map((p) => deref(p))];
  const props = {};
  for (const part of parts) {
    if (part !== s && part?.allOf) Object.assign(props, effectiveProperties(part, deref));
    Object.assign(props, part?.properties ?? {});
  }
  return props;
}

/** The enum of a schema (through a nullable wrapper and `$ref`s), without `null`. */
export function enumOf(schema, deref) {
  const s = deref(unwrapNullable(deref(schema)) ?? {}) ?? {};
  return Array.isArray(s.enum) ? s.enum.filter((v) => v !== null) : undefined;
}

/** The JSON media type of a content map (`application/json` first, then any `…json`). */
export function jsonMediaType(content = {}) {
  const types = Object.keys(content);
  return types.find((t) => t === "application/json") ?? types.find((t) => /^application\/([\w.+-]*\+)?json$/.test(t)) ?? types.find((t) => /json/.test(t));
}
