// Reads a vendor OpenAPI document (JSON or YAML, 3.0.x or 3.1.x): @redocly/openapi-core bundles
// it (parses, resolves external $refs into one document), @scalar/openapi-upgrader upgrades a
// 3.0 document to 3.1, and the few 3.0 constructs the upgrader leaves behind are finished here.
import { resolve } from "node:path";
import { bundle, createConfig } from "@redocly/openapi-core";
import { upgradeFromThreeToThreeOne } from "@scalar/openapi-upgrader/3.0-to-3.1";

const DATA = new Set(["example", "examples", "default", "const", "enum"]);

/**
 * `nullable` that the upgrader keeps (on `$ref`, `allOf`, `anyOf`, `oneOf`, which have no
 * `type` to extend) becomes a `null` branch; an enum of a nullable type gains `null` (in 3.1 the
 * enum alone decides); Swashbuckle's `allOf: [$ref]` wrapper becomes the `$ref` itself.
 */
export function finishNullable(node, inMap = false) {
  if (Array.isArray(node)) return node.map((n) => finishNullable(n));
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = inMap ? finishNullable(value) : DATA.has(key) ? value : finishNullable(value, key === "properties");
  }
  if (inMap) return out;
  if (Array.isArray(out.type) && out.type.includes("null") && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  const single = Array.isArray(out.allOf) && out.allOf.length === 1 && !out.type && !out.properties ? out.allOf[0] : undefined;
  if (single) {
    delete out.allOf;
    Object.assign(out, single, out);
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (out.$ref) {
      const { $ref, ...rest } = out;
      return { ...rest, anyOf: [{ $ref }, { type: "null" }] };
    }
    for (const key of ["anyOf", "oneOf"]) if (Array.isArray(out[key])) out[key] = [...out[key], { type: "null" }];
  } else if (out.nullable === false) delete out.nullable;
  return out;
}

/** The vendor document as OpenAPI 3.1.0, plus the version it was written in. */
export async function loadVendorDocument(file) {
  const { bundle: result, problems } = await bundle({ ref: resolve(file), config: await createConfig({}) });
  const errors = (problems ?? []).filter((p) => p.severity === "error");
  if (errors.length) throw new Error(`specs:import: cannot read ${file}: ${errors.map((p) => p.message).join("; ")}`);
  let doc = structuredClone(result.parsed);
  if (!doc || typeof doc !== "object") throw new Error(`specs:import: ${file} is not an OpenAPI document`);
  const version = String(doc.openapi ?? doc.swagger ?? "");
  if (/^3\.0\.\d+$/.test(version)) doc = upgradeFromThreeToThreeOne(doc);
  else if (!/^3\.1\.\d+$/.test(version)) throw new Error(`specs:import reads OpenAPI 3.0.x or 3.1.x documents (${file} says "${version || "no version"}")`);
  doc = finishNullable(doc);
  doc.openapi = "3.1.0";
  return { doc, version };
}
