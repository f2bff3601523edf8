import { isObject, type JsonObject } from "../../schema/spec-model.js";

/** What a query may do with one property: compare it as this kind (`any` = decided per value). */
export type FieldKind = "string" | "number" | "boolean" | "datetime" | "guid" | "object" | "array" | "any";

/** Resolves a property path to its kind, or `undefined` when the schema has no such property. */
export type FieldLookup = (segments: readonly string[]) => FieldKind | undefined;

interface Shape {
  types: Set<string>;
  formats: Set<string>;
  properties: Map<string, unknown[]>;
  open: boolean;
}

function shapeOf(schema: unknown, resolve: (n: unknown) => JsonObject, seen = 0): Shape {
  const shape: Shape = { types: new Set(), formats: new Set(), properties: new Map(), open: false };
  const node = resolve(schema);
  if (seen > 16) return { ...shape, open: true };
  const type = node["type"];
  for (const t of Array.isArray(type) ? type : type === undefined ? [] : [type]) shape.types.add(t === "integer" ? "number" : String(t));
  if (typeof node["format"] === "string") shape.formats.add(node["format"]);
  if (type === undefined && Array.isArray(node["enum"])) for (const v of node["enum"]) shape.types.add(v === null ? "null" : typeof v);
  if (isObject(node["properties"])) {
    for (const [name, sub] of Object.entries(node["properties"])) shape.properties.set(name, [...(shape.properties.get(name) ?? []), sub]);
  }
  if (node["additionalProperties"] === true || isObject(node["additionalProperties"])) shape.open = true;
  const parts = [
    ...(Array.isArray(node["allOf"]) ? node["allOf"] : []),
    ...(Array.isArray(node["anyOf"]) ? node["anyOf"] : []),
    ...(Array.isArray(node["oneOf"]) ? node["oneOf"] : []),
  ];
  for (const part of parts) {
    const sub = shapeOf(part, resolve, seen + 1);
    sub.types.forEach((t) => shape.types.add(t));
    sub.formats.forEach((f) => shape.formats.add(f));
    sub.properties.forEach((subs, name) => shape.properties.set(name, [...(shape.properties.get(name) ?? []), ...subs]));
    shape.open ||= sub.open;
  }
  // No type, no properties: an open "any JSON" schema.
  if (shape.types.size === 0 && shape.properties.size === 0) shape.open = true;
  return shape;
}

function kindOf(shape: Shape): FieldKind {
  const types = [...shape.types].filter((t) => t !== "null");
  if (shape.properties.size > 0 && types.length === 0) return "object";
  if (types.length !== 1) return "any";
  const [type] = types;
  if (type === "string" && (shape.formats.has("date-time") || shape.formats.has("date"))) return "datetime";
  if (type === "string" && shape.formats.has("uuid")) return "guid";
  return type === "string" || type === "number" || type === "boolean" || type === "object" || type === "array" ? type : "any";
}

/**
 * Builds the property lookup for one item schema: `$ref`, `allOf`/`anyOf` and nullable types are
 * followed, so `juridicalType` (a `$ref` to an integer enum) is a number and `regDate`
 * (`["string","null"]`, date-time) a date-time.
 *
 * @example
 * ```ts
 * const lookup = fieldLookup({ $ref: "#/components/schemas/Debtor" }, model.resolve);
 * lookup(["regDate"]); // "datetime"
 * lookup(["nope"]);    // undefined
 * ```
 */
export function fieldLookup(schema: unknown, resolve: (n: unknown) => JsonObject): FieldLookup {
  const root = shapeOf(schema, resolve);
  return (segments) => {
    let shape = root;
    for (const segment of segments) {
      const subs = shape.properties.get(segment);
      if (!subs) return shape.open ? "any" : undefined;
      shape = subs
        .map((s) => shapeOf(s, resolve))
        .reduce((a, b) => ({
          types: new Set([...a.types, ...b.types]),
          formats: new Set([...a.formats, ...b.formats]),
          properties: new Map([...a.properties, ...b.properties]),
          open: a.open || b.open,
        }));
    }
    return kindOf(shape);
  };
}

/**
 * Reads a property path from an item (`name/firstName` navigates); missing means `undefined`.
 *
 * @example
 * ```ts
 * readPath({ name: { firstName: "Astrid" } }, ["name", "firstName"]); // "Astrid"
 * ```
 */
export function readPath(item: unknown, segments: readonly string[]): unknown {
  let value = item;
  for (const segment of segments) {
    if (!isObject(value) || !Object.hasOwn(value, segment)) return undefined;
    value = value[segment];
  }
  return value;
}

/**
 * The top-level property names an object schema declares, or `undefined` when it is open
 * (declares none, or allows additional properties): then an item is kept whole.
 *
 * @example
 * ```ts
 * propertyNames({ $ref: "#/components/schemas/Debtor" }, resolve)?.has("debtorGuid"); // true
 * ```
 */
export function propertyNames(schema: unknown, resolve: (n: unknown) => JsonObject): Set<string> | undefined {
  const shape = shapeOf(schema, resolve);
  return shape.open || shape.properties.size === 0 ? undefined : new Set(shape.properties.keys());
}

/**
 * The schemas of each top-level property an object schema declares (several when `allOf` parts
 * repeat one), or `undefined` when it is open. An array schema answers for its items.
 *
 * @example
 * ```ts
 * propertySchemas({ $ref: "#/components/schemas/DebtorCreate" }, resolve)?.get("countryCode"); // its schema(s)
 * ```
 */
export function propertySchemas(schema: unknown, resolve: (n: unknown) => JsonObject): Map<string, unknown[]> | undefined {
  const node = resolve(schema);
  if (node["type"] === "array") return propertySchemas(node["items"], resolve);
  const shape = shapeOf(node, resolve);
  return shape.open || shape.properties.size === 0 ? undefined : shape.properties;
}
