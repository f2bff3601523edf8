// `npm run api-diff`: the API surface difference between two versions of the merged spec, as a
// markdown report (or JSON with --json). It drafts the "API changes" section of a release in
// CHANGELOG.md (see CONTRIBUTING.md).
//
//   node scripts/api-diff.mjs                        HEAD~1's generated/aptic.openapi.yaml → working copy
//   node scripts/api-diff.mjs --base v0.1.0          that git ref's merged spec → working copy
//   node scripts/api-diff.mjs old.yaml [new.yaml]    two files (new defaults to the working copy)
//   options: --heading-level <n> (default 1), --json, --fail-on-breaking (exit 1 if any)
//
// What the report contains:
//   - operations added and removed (method, path, operationId; webhooks included), matched on
//     method + path with parameter names ignored, so a renamed path parameter is a change, not
//     a removal plus an addition;
//   - fields added, removed and changed in request bodies, response bodies (per status code) and
//     parameters, found by walking the dereferenced schemas of both versions;
//   - a classification. Breaking = openapi-diff's breakingDifferences, plus removed operations,
//     plus what openapi-diff does not inspect (it ignores parameters and requestBody.required):
//     a new required parameter, a removed parameter, a parameter or request body made required,
//     a renamed path parameter (breaks `params.path` for SDK callers). Field changes that no rule
//     classifies (nullability, format, enum values, parameter types, webhook payloads) are listed
//     under "To review".
//
// openapi-diff 0.24 accepts only OpenAPI 3.0 (its parser rejects `openapi: 3.1.0`), and our spec
// is 3.1. So both versions are dereferenced and converted on a copy, minimally, before it sees
// them: `openapi` → 3.0.3; `type: [x, "null"]` → `type: x, nullable: true`; a `{type: "null"}`
// branch of anyOf/oneOf → `nullable: true`; `const` → one-value `enum`; schema `examples` →
// `example`; numeric exclusiveMinimum/Maximum → 3.0 booleans; `webhooks`, `license.identifier`,
// `info.summary`, `jsonSchemaDialect` and any other 3.1-only schema keyword are dropped (listed
// in the report if present). openapi-diff (through json-schema-diff) ignores `nullable`, `enum`
// and `format`, which is why changes to those appear under "To review". Operations that are
// identical in both versions are removed from the copies first: openapi-diff would find nothing
// there and it is slow (about 15 s for the whole spec, well under a second for a few operations).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { parse } from "yaml";

const require = createRequire(import.meta.url);

export const MERGED = "generated/aptic.openapi.yaml";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
// Keys whose values are instance data, not spec (never dereferenced or converted), except as names
// in a `properties` map (every value is a schema) or a `responses` map (`default` is a response).
const DATA_KEYS = new Set(["example", "default", "const", "enum", "value"]);
const CIRCULAR = Symbol("circular");

// ---------------------------------------------------------------------------------------------
// Loading

/** The merged spec's text at a git ref (e.g. `HEAD~1`, `v0.1.0`, `origin/main`). */
export function readSpecAtRef(ref, file = MERGED) {
  try {
    return execFileSync("git", ["show", `${ref}:${file}`], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    throw new Error(`api-diff: cannot read ${file} at git ref "${ref}": ${String(error.stderr ?? error.message).trim()}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Dereferencing and the 3.1 → 3.0 copy for openapi-diff

/** A copy of `doc` with every local `$ref` inlined (siblings of `$ref` override the target). */
export function dereference(doc) {
  const stack = [];
  let circular = false;
  const target = (ref) => {
    if (!ref.startsWith("#/")) throw new Error(`api-diff: only local $refs are supported, found "${ref}"`);
    const node = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((n, key) => (n && typeof n === "object" ? n[key] : undefined), doc);
    if (node === undefined) throw new Error(`api-diff: unresolvable $ref "${ref}"`);
    return node;
  };
  const visit = (node, parentKey) => {
    if (Array.isArray(node)) return node.map((v) => visit(v));
    if (!node || typeof node !== "object") return node;
    if (typeof node.$ref === "string") {
      if (stack.includes(node.$ref)) {
        circular = true;
        return { ...node };
      }
      const { $ref, ...siblings } = node;
      stack.push($ref);
      const resolved = visit(target($ref));
      stack.pop();
      return resolved && typeof resolved === "object" && !Array.isArray(resolved) ? { ...resolved, ...visit(siblings) } : resolved;
    }
    const out = {};
    const inMap = parentKey === "properties" || parentKey === "responses";
    for (const [key, value] of Object.entries(node)) {
      const data = !inMap && (DATA_KEYS.has(key) || (key === "examples" && Array.isArray(value)));
      out[key] = data ? value : visit(value, key);
    }
    return out;
  };
  const result = visit(doc);
  return Object.assign(result, { [CIRCULAR]: circular });
}

const DROPPED_31_KEYWORDS = [
  "$schema", "$id", "$anchor", "$defs", "$comment", "$dynamicRef", "$dynamicAnchor",
  "contentEncoding", "contentMediaType", "contentSchema", "dependentRequired", "dependentSchemas",
  "prefixItems", "unevaluatedItems", "unevaluatedProperties", "if", "then", "else",
  "propertyNames", "patternProperties", "minContains", "maxContains", "contains",
];

/** 3.1 schema → 3.0 schema (a copy); records dropped keywords in `dropped`. */
function schemaTo30(schema, dropped) {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "properties" && value && typeof value === "object") {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, prop]) => [name, schemaTo30(prop, dropped)]));
    } else if (key === "items" || key === "not" || (key === "additionalProperties" && typeof value === "object")) {
      out[key] = schemaTo30(value, dropped);
    } else if ((key === "allOf" || key === "anyOf" || key === "oneOf") && Array.isArray(value)) {
      out[key] = value.map((s) => schemaTo30(s, dropped));
    } else if (key === "examples" && Array.isArray(value)) {
      if (!("example" in schema) && value.length > 0) out.example = value[0];
    } else if (key === "const") {
      out.enum = [value];
    } else if ((key === "exclusiveMinimum" || key === "exclusiveMaximum") && typeof value === "number") {
      out[key === "exclusiveMinimum" ? "minimum" : "maximum"] = value;
      out[key] = true;
    } else if (DROPPED_31_KEYWORDS.includes(key)) {
      dropped.add(key);
    } else {
      out[key] = value;
    }
  }
  if (Array.isArray(out.type)) {
    const types = out.type.filter((t) => t !== "null");
    if (types.length < out.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else if (types.length === 0) {
      delete out.type;
      out.enum = [null];
    } else {
      delete out.type;
      out.anyOf = [...(out.anyOf ?? []), ...types.map((type) => ({ type }))];
    }
  } else if (out.type === "null") {
    delete out.type;
    out.nullable = true;
    out.enum = [null];
  }
  for (const key of ["anyOf", "oneOf"]) {
    if (!out[key]) continue;
    const rest = out[key].filter((s) => !(s && s.nullable === true && s.enum?.length === 1 && s.enum[0] === null && Object.keys(s).length === 2));
    if (rest.length === out[key].length) continue;
    out.nullable = true;
    if (rest.length === 1) {
      out.allOf = [...(out.allOf ?? []), rest[0]];
      delete out[key];
    } else out[key] = rest;
  }
  return out;
}

/** A dereferenced 3.1 document → an OpenAPI 3.0.3 copy openapi-diff accepts. */
export function toOpenApi30(derefDoc, dropped = new Set()) {
  const visit = (node, parentKey) => {
    if (Array.isArray(node)) return node.map((v) => visit(v));
    if (!node || typeof node !== "object") return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "schema" && parentKey !== "properties") out[key] = schemaTo30(value, dropped);
      else if (key === "example" || key === "examples") out[key] = value;
      else out[key] = visit(value, key);
    }
    return out;
  };
  const { webhooks, jsonSchemaDialect, components, ...rest } = derefDoc;
  const out = visit(rest);
  out.openapi = "3.0.3";
  if (out.info) {
    delete out.info.summary;
    if (out.info.license) delete out.info.license.identifier;
  }
  // Everything is inlined; only security schemes are still referenced (by name). A circular
  // schema keeps its $ref, and then the schemas must stay too.
  out.components = {};
  if (components?.securitySchemes) out.components.securitySchemes = components.securitySchemes;
  if (derefDoc[CIRCULAR] && components?.schemas) {
    out.components.schemas = Object.fromEntries(Object.entries(components.schemas).map(([n, s]) => [n, schemaTo30(s, dropped)]));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Operations and fields

const normalizePath = (path) => path.replace(/\{[^}]*\}/g, "{}");

/** Every operation (and webhook) of a document: method, path, operationId and a matching key. */
export function listOperations(doc) {
  const ops = [];
  for (const [section, webhook] of [["paths", false], ["webhooks", true]]) {
    for (const [path, item] of Object.entries(doc[section] ?? {})) {
      for (const method of METHODS) {
        const operation = item?.[method];
        if (!operation) continue;
        ops.push({
          method: method.toUpperCase(),
          path,
          operationId: operation.operationId ?? "",
          webhook,
          key: `${webhook ? "webhook " : ""}${method} ${webhook ? path : normalizePath(path)}`,
          operation,
          pathItem: item,
        });
      }
    }
  }
  return ops;
}

/** Types of a schema (3.1 or 3.0 spelling), "null" last; plus format and enum. */
function describeSchema(schema) {
  const types = new Set();
  let nullable = schema.nullable === true;
  const collect = (s) => {
    if (!s || typeof s !== "object") return;
    for (const t of [s.type].flat()) if (typeof t === "string") t === "null" ? (nullable = true) : types.add(t);
    if ("const" in s) s.const === null ? (nullable = true) : types.add(typeof s.const === "object" ? "object" : typeof s.const);
    for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) collect(branch);
  };
  collect(schema);
  const enumValues = [schema, ...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]
    .flatMap((s) => (Array.isArray(s?.enum) ? s.enum : []))
    .filter((v) => v !== null);
  const type = [...[...types].sort(), ...(nullable ? ["null"] : [])].join(" | ") || "any";
  return { type, format: schema.format, enum: enumValues.length ? [...new Set(enumValues.map(String))] : undefined };
}

/** Flattens a (dereferenced) schema into `field path → { type, format, enum, required }`. */
export function schemaFields(schema) {
  const out = new Map();
  const stack = [];
  const walk = (s, path, required) => {
    if (!s || typeof s !== "object" || stack.includes(s) || stack.length > 16) return;
    out.set(path, { ...describeSchema(s), required });
    stack.push(s);
    const parts = [s, ...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])];
    // Required only where it certainly is: the schema itself and its allOf parts.
    const requiredNames = new Set([s, ...(s.allOf ?? [])].flatMap((p) => (Array.isArray(p?.required) ? p.required : [])));
    for (const part of parts) {
      for (const [name, prop] of Object.entries(part?.properties ?? {})) walk(prop, path ? `${path}.${name}` : name, requiredNames.has(name));
      if (part?.items && typeof part.items === "object") walk(part.items, `${path}[]`, undefined);
      if (part?.additionalProperties && typeof part.additionalProperties === "object") walk(part.additionalProperties, path ? `${path}.*` : "*", undefined);
    }
    stack.pop();
  };
  walk(schema, "", undefined);
  return out;
}

const parentOf = (path) => {
  if (path.endsWith("[]")) return path.slice(0, -2);
  const dot = path.lastIndexOf(".");
  return dot < 0 ? (path === "" ? undefined : "") : path.slice(0, dot);
};
const label = (field) => (field === "" ? "(body)" : field);
const show = (f) => [f.type, f.format, f.enum ? `enum: ${f.enum.length > 6 ? `${f.enum.length} values` : f.enum.join(", ")}` : undefined].filter(Boolean).join(", ");

/** Field-level changes between two flattened schemas. Children of an added/removed field are folded into it. */
export function compareFields(oldFields, newFields) {
  const changes = [];
  const added = [...newFields.keys()].filter((k) => !oldFields.has(k));
  const removed = [...oldFields.keys()].filter((k) => !newFields.has(k));
  const covered = (set) => (k) => {
    for (let p = parentOf(k); p !== undefined; p = parentOf(p)) if (set.has(p)) return true;
    return false;
  };
  const addedSet = new Set(added);
  const removedSet = new Set(removed);
  for (const k of added.filter((k) => !covered(addedSet)(k))) {
    const f = newFields.get(k);
    changes.push({ kind: "added", field: k, required: f.required === true, detail: `${show(f)}${f.required === undefined ? "" : f.required ? ", required" : ", optional"}` });
  }
  for (const k of removed.filter((k) => !covered(removedSet)(k))) {
    changes.push({ kind: "removed", field: k, required: oldFields.get(k).required === true, detail: show(oldFields.get(k)) });
  }
  for (const [k, before] of oldFields) {
    const after = newFields.get(k);
    if (!after) continue;
    const notes = [];
    const typeOf = (f) => f.type.replace(/ \| null$/, "");
    if (typeOf(before) !== typeOf(after)) notes.push(`type ${typeOf(before)} → ${typeOf(after)}`);
    const nb = before.type.endsWith("null");
    const na = after.type.endsWith("null");
    if (nb !== na) notes.push(na ? "now nullable" : "no longer nullable");
    if (before.format !== after.format) notes.push(`format ${before.format ?? "none"} → ${after.format ?? "none"}`);
    const eb = new Set(before.enum ?? []);
    const ea = new Set(after.enum ?? []);
    const plus = [...ea].filter((v) => !eb.has(v));
    const minus = [...eb].filter((v) => !ea.has(v));
    if (before.enum && after.enum && (plus.length || minus.length)) {
      notes.push([plus.length && `enum values added: ${plus.join(", ")}`, minus.length && `enum values removed: ${minus.join(", ")}`].filter(Boolean).join("; "));
    } else if (!before.enum !== !after.enum) notes.push(after.enum ? `now an enum (${after.enum.length} values)` : "no longer an enum");
    if (before.required !== undefined && after.required !== undefined && before.required !== after.required) {
      notes.push(after.required ? "now required" : "no longer required");
    }
    if (notes.length) changes.push({ kind: "changed", field: k, detail: notes.join("; "), madeRequired: before.required === false && after.required === true });
  }
  return changes;
}

const jsonSchemaOf = (content) => {
  const type = Object.keys(content ?? {}).find((t) => /json/i.test(t));
  return type ? content[type].schema : undefined;
};

function parametersOf(op) {
  const params = new Map();
  for (const p of [...(op.pathItem.parameters ?? []), ...(op.operation.parameters ?? [])]) {
    if (p && typeof p === "object" && p.in) params.set(`${p.in} ${p.in === "path" ? "{}" : p.name}`, p);
  }
  return params;
}

/** Scope-by-scope changes of one operation present in both versions. */
function operationChanges(before, after) {
  const scopes = [];
  // Parameters (path parameters are matched by position-free "{}" since the key already matched
  // the normalized path; a rename is reported separately).
  const pb = parametersOf(before);
  const pa = parametersOf(after);
  const paramChanges = [];
  for (const [key, p] of pa) {
    const old = pb.get(key);
    if (!old) paramChanges.push({ kind: "added", field: `${p.in} ${p.name}`, required: p.required === true, detail: `${p.schema ? show(describeSchema(p.schema)) : "no schema"}, ${p.required ? "required" : "optional"}` });
    else {
      const notes = [];
      if (!!old.required !== !!p.required) notes.push(p.required ? "now required" : "no longer required");
      const sb = old.schema ? show(describeSchema(old.schema)) : "";
      const sa = p.schema ? show(describeSchema(p.schema)) : "";
      if (sb !== sa) notes.push(`schema ${sb || "none"} → ${sa || "none"}`);
      if (notes.length) paramChanges.push({ kind: "changed", field: `${p.in} ${p.name}`, detail: notes.join("; "), madeRequired: !old.required && !!p.required, requiredChanged: !!old.required !== !!p.required });
    }
  }
  for (const [key, p] of pb) if (!pa.has(key)) paramChanges.push({ kind: "removed", field: `${p.in} ${p.name}`, required: p.required === true, detail: p.required ? "was required" : "was optional" });
  if (paramChanges.length) scopes.push({ scope: "parameters", changes: paramChanges });

  // Request body.
  const rb = before.operation.requestBody;
  const ra = after.operation.requestBody;
  const reqChanges = [];
  if (rb && !ra) reqChanges.push({ kind: "removed", field: "", detail: "request body removed" });
  else if (!rb && ra) reqChanges.push({ kind: "added", field: "", required: ra.required === true, detail: `request body added, ${ra.required ? "required" : "optional"}` });
  else if (rb && ra) {
    if (!!rb.required !== !!ra.required) reqChanges.push({ kind: "changed", field: "", detail: ra.required ? "request body now required" : "request body no longer required", bodyMadeRequired: !!ra.required });
    reqChanges.push(...compareFields(schemaFields(jsonSchemaOf(rb.content)), schemaFields(jsonSchemaOf(ra.content))));
  }
  if (reqChanges.length) scopes.push({ scope: "request body", changes: reqChanges });

  // Responses, per status code present in both (added/removed status codes: openapi-diff).
  for (const [status, resB] of Object.entries(before.operation.responses ?? {})) {
    const resA = after.operation.responses?.[status];
    if (!resA) continue;
    const changes = compareFields(schemaFields(jsonSchemaOf(resB.content)), schemaFields(jsonSchemaOf(resA.content)));
    if (changes.length) scopes.push({ scope: `response ${status}`, changes });
  }
  return scopes;
}

// ---------------------------------------------------------------------------------------------
// openapi-diff

const CODE_TEXT = {
  "path.add": "path added",
  "path.remove": "path removed",
  "method.add": "operation added",
  "method.remove": "operation removed",
  "request.body.scope.add": "the request body accepts more than before",
  "request.body.scope.remove": "the request body accepts less than before",
  "response.body.scope.add": "the response body can hold values it could not before",
  "response.body.scope.remove": "the response body is narrower than before",
  "response.status-code.add": "status code added",
  "response.status-code.remove": "status code removed",
  "response.optional.header.add": "optional response header added",
  "response.optional.header.remove": "optional response header removed",
  "response.required.header.add": "required response header added",
  "response.required.header.remove": "required response header removed",
  "unclassified.add": "extension property added",
  "unclassified.remove": "extension property removed",
};

/** Where an openapi-diff location points: path, method and scope ("request body", "response 200"). */
function locate(location) {
  const m = /^paths\.(.+?)\.(get|put|post|delete|options|head|patch|trace)(?:\.(.*))?$/.exec(location ?? "");
  if (!m) return { path: /^paths\.(.+)$/.exec(location ?? "")?.[1] };
  const rest = m[3] ?? "";
  const scope = rest.startsWith("requestBody") ? "request body" : rest.startsWith("responses.") ? `response ${rest.split(".")[1]}` : undefined;
  return { path: m[1], method: m[2].toUpperCase(), scope };
}

/** Runs openapi-diff on 3.0 copies, after removing operations identical in both. */
async function runOpenApiDiff(oldDoc, newDoc, labels, dropped) {
  const a = toOpenApi30(oldDoc, dropped);
  const b = toOpenApi30(newDoc, dropped);
  const byKey = (doc) => new Map(listOperations(doc).map((op) => [op.key, op]));
  const opsA = byKey(a);
  const opsB = byKey(b);
  const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);
  for (const [key, opA] of opsA) {
    const opB = opsB.get(key);
    if (!opB) continue;
    // What openapi-diff compares per operation is the request body and the responses; an identical
    // one cannot produce a difference, so drop it from both copies (each comparison costs ~50 ms).
    const x = opA.operation;
    const y = opB.operation;
    if (same(x.requestBody, y.requestBody)) {
      delete x.requestBody;
      delete y.requestBody;
    }
    let keptBack;
    for (const status of Object.keys(x.responses ?? {})) {
      if (y.responses && status in y.responses && same(x.responses[status], y.responses[status])) {
        keptBack ??= [status, x.responses[status]];
        delete x.responses[status];
        delete y.responses[status];
      }
    }
    const empty = (op) => !Object.keys(op.responses ?? {}).length;
    if (!x.requestBody && !y.requestBody && empty(x) && empty(y)) {
      delete a.paths[opA.path][opA.method.toLowerCase()];
      delete b.paths[opB.path][opB.method.toLowerCase()];
    } else if (keptBack && (empty(x) || empty(y))) {
      // A 3.0 operation needs at least one response: put one identical response back in both.
      for (const op of [x, y]) op.responses = { [keptBack[0]]: keptBack[1], ...op.responses };
    }
  }
  const hasOps = (item) => METHODS.some((m) => item?.[m]);
  for (const doc of [a, b]) for (const [path, item] of Object.entries(doc.paths ?? {})) if (!hasOps(item)) delete doc.paths[path];
  const openapiDiff = require("openapi-diff");
  const spec = (doc, location) => ({ content: JSON.stringify(doc), location, format: "openapi3" });
  return openapiDiff.diffSpecs({ sourceSpec: spec(a, labels.old), destinationSpec: spec(b, labels.new) });
}

// ---------------------------------------------------------------------------------------------
// The report

const opRef = (op) => ({ method: op.method, path: op.path, operationId: op.operationId, webhook: op.webhook });

/**
 * Compares two versions of the merged spec (parsed documents).
 * @returns the report: operations added/removed, and breaking / nonBreaking / unclassified /
 *   review items, each with the operation, the scope and the field changes behind it.
 */
export async function diffApis(oldDoc, newDoc, labels = { old: "old", new: "new" }) {
  const before = dereference(oldDoc);
  const after = dereference(newDoc);
  const dropped = new Set();
  const oldOps = listOperations(before);
  const newOps = listOperations(after);
  const oldByKey = new Map(oldOps.map((op) => [op.key, op]));
  const newByKey = new Map(newOps.map((op) => [op.key, op]));
  const added = newOps.filter((op) => !oldByKey.has(op.key));
  const removed = oldOps.filter((op) => !newByKey.has(op.key));

  const report = {
    old: labels.old,
    new: labels.new,
    operations: { added: added.map(opRef), removed: removed.map(opRef) },
    breaking: [],
    nonBreaking: [],
    unclassified: [],
    review: [],
    droppedKeywords: [],
  };
  const push = (list, item) => report[list].push(item);

  for (const op of removed) {
    const movedTo = newOps.find((n) => n.operationId && n.operationId === op.operationId);
    push("breaking", { source: "api-diff", code: "operation.remove", operation: opRef(op), message: `removed operation${movedTo ? ` (operationId now on ${movedTo.method} ${movedTo.path})` : ""}`, changes: [] });
  }
  for (const op of added) push("nonBreaking", { source: "api-diff", code: "operation.add", operation: opRef(op), message: "added operation", changes: [] });

  // Field changes of operations in both versions, keyed "METHOD path|scope" for attaching below.
  const pending = new Map();
  for (const op of newOps) {
    const old = oldByKey.get(op.key);
    if (!old) continue;
    if (old.path !== op.path && !op.webhook) {
      push("breaking", { source: "api-diff", code: "path.parameter.rename", operation: opRef(op), message: `path parameters renamed (was ${old.path}); breaks \`params.path\` for SDK callers`, changes: [] });
    }
    for (const { scope, changes } of operationChanges(old, op)) pending.set(`${op.method} ${op.path}|${scope}`, { op, scope, changes });
  }

  // Rules openapi-diff does not cover: parameters and requestBody.required.
  for (const entry of pending.values()) {
    const keep = [];
    for (const c of entry.changes) {
      const isParam = entry.scope === "parameters";
      let list;
      if (isParam && c.kind === "added") list = c.required ? "breaking" : "nonBreaking";
      else if (isParam && c.kind === "removed") list = "breaking";
      else if (isParam && c.requiredChanged && !/schema/.test(c.detail)) list = c.madeRequired ? "breaking" : "nonBreaking";
      else if (c.bodyMadeRequired !== undefined) list = c.bodyMadeRequired ? "breaking" : "nonBreaking";
      if (!list) {
        keep.push(c);
        continue;
      }
      const message = isParam ? `parameter ${c.kind === "changed" ? "changed" : c.kind}` : "request body requirement changed";
      push(list, { source: "api-diff", code: isParam ? `parameter.${c.kind}` : "request.body.required", operation: opRef(entry.op), scope: entry.scope, message, changes: [c] });
    }
    entry.changes = keep;
  }

  {
    const result = await runOpenApiDiff(before, after, labels, dropped);
    const groups = [
      ["breaking", result.breakingDifferences ?? []],
      ["nonBreaking", result.nonBreakingDifferences ?? []],
      ["unclassified", result.unclassifiedDifferences ?? []],
    ];
    for (const [list, diffs] of groups) {
      for (const d of diffs) {
        // Added/removed paths and methods are the operations listed above.
        if (["path.add", "path.remove", "method.add", "method.remove"].includes(d.code)) {
          const where = locate((d.sourceSpecEntityDetails[0] ?? d.destinationSpecEntityDetails[0])?.location);
          const known = [...added, ...removed].some((op) => normalizePath(op.path) === normalizePath(where.path ?? "") && (!where.method || op.method === where.method));
          if (known) continue;
        }
        const where = locate((d.destinationSpecEntityDetails[0] ?? d.sourceSpecEntityDetails[0])?.location);
        const op = [...newOps, ...oldOps].find((o) => !o.webhook && normalizePath(o.path) === normalizePath(where.path ?? "") && o.method === where.method);
        const key = op && where.scope ? `${op.method} ${op.path}|${where.scope}` : undefined;
        const entry = key ? pending.get(key) : undefined;
        if (entry) pending.delete(key);
        push(list, {
          source: "openapi-diff",
          code: d.code,
          operation: op ? opRef(op) : undefined,
          location: op ? undefined : (d.destinationSpecEntityDetails[0] ?? d.sourceSpecEntityDetails[0])?.location,
          scope: where.scope,
          message: CODE_TEXT[d.code] ?? d.code,
          changes: entry?.changes ?? [],
        });
      }
    }
  }
  for (const entry of pending.values()) {
    if (entry.changes.length) push("review", { source: "api-diff", code: "fields.changed", operation: opRef(entry.op), scope: entry.scope, message: "changed", changes: entry.changes });
  }
  report.droppedKeywords = [...dropped].sort();
  return report;
}

const fmtOp = (op) => `${op.webhook ? "webhook " : ""}\`${op.method} ${op.path}\`${op.operationId ? ` (${op.operationId})` : ""}`;

function fmtChange(c) {
  const what = c.kind === "changed" ? c.detail : `${c.kind}${c.detail ? ` (${c.detail})` : ""}`;
  return `\`${label(c.field)}\`: ${what}`;
}

function fmtItem(item) {
  const head = item.operation ? fmtOp(item.operation) : `\`${item.location ?? "?"}\``;
  const scope = item.scope ? `, ${item.scope}` : "";
  const code = item.source === "openapi-diff" ? ` [openapi-diff \`${item.code}\`]` : "";
  if (item.changes.length === 1 && item.source === "api-diff" && item.code !== "fields.changed") {
    return `- ${head}${scope}: ${fmtChange(item.changes[0])}`;
  }
  const lines = [`- ${head}${scope}: ${item.message}${code}`];
  for (const c of item.changes) lines.push(`  - ${fmtChange(c)}`);
  return lines.join("\n");
}

/** Renders a report as markdown; `headingLevel` is the level of its title (sections one below). */
export function renderMarkdown(report, { headingLevel = 1 } = {}) {
  const h = (n) => "#".repeat(Math.min(6, headingLevel + n));
  const out = [`${h(0)} API changes`, ""];
  const counts = `**${report.breaking.length} breaking**, ${report.nonBreaking.length} non-breaking, ${report.unclassified.length} unclassified, ${report.review.length} to review`;
  out.push(`\`${report.old}\` → \`${report.new}\`: ${counts}.`, "");
  const total = report.breaking.length + report.nonBreaking.length + report.unclassified.length + report.review.length;
  if (total === 0) {
    out.push("No API changes.", "");
    return out.join("\n");
  }
  const { added, removed } = report.operations;
  out.push(`${h(1)} Operations`, "");
  if (added.length + removed.length === 0) out.push("No operations added or removed.", "");
  else {
    out.push("| change | method | path | operationId |", "| --- | --- | --- | --- |");
    for (const [change, ops] of [["added", added], ["removed (breaking)", removed]]) {
      for (const op of ops) out.push(`| ${change} | ${op.method}${op.webhook ? " (webhook)" : ""} | \`${op.path}\` | ${op.operationId || ""} |`);
    }
    out.push("");
  }
  const sections = [
    ["breaking", "Breaking changes"],
    ["nonBreaking", "Non-breaking changes"],
    ["unclassified", "Unclassified (openapi-diff)"],
    ["review", "To review (field changes no rule classifies)"],
  ];
  for (const [key, title] of sections) {
    if (!report[key].length) continue;
    out.push(`${h(1)} ${title}`, "", ...report[key].map(fmtItem), "");
  }
  if (report.droppedKeywords.length) {
    out.push(`_openapi-diff cannot read these OpenAPI 3.1 schema keywords; they were left out of its comparison: ${report.droppedKeywords.map((k) => `\`${k}\``).join(", ")}._`, "");
  }
  return out.join("\n");
}

// ---------------------------------------------------------------------------------------------
// CLI

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      base: { type: "string" },
      json: { type: "boolean", default: false },
      "heading-level": { type: "string", default: "1" },
      "fail-on-breaking": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help || positionals.length > 2 || (values.base && positionals.length > 0)) {
    console.log("usage: node scripts/api-diff.mjs [--base <git-ref> | <old.yaml> [<new.yaml>]] [--heading-level N] [--json] [--fail-on-breaking]");
    process.exit(values.help ? 0 : 2);
  }
  try {
    let oldText, oldLabel;
    if (positionals.length > 0) {
      oldText = readFileSync(positionals[0], "utf8");
      oldLabel = positionals[0];
    } else {
      const ref = values.base ?? "HEAD~1";
      oldText = readSpecAtRef(ref);
      oldLabel = `${ref}:${MERGED}`;
    }
    const newFile = positionals[1] ?? MERGED;
    const report = await diffApis(parse(oldText), parse(readFileSync(newFile, "utf8")), { old: oldLabel, new: newFile });
    process.stdout.write(values.json ? JSON.stringify(report, null, 2) + "\n" : renderMarkdown(report, { headingLevel: Number(values["heading-level"]) || 1 }));
    process.exit(values["fail-on-breaking"] && report.breaking.length > 0 ? 1 : 0);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}
