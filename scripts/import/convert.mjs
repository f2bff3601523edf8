// Builds specs/<area>.yaml from a vendor document (already 3.1) in this project's conventions:
// vendor paths without their `/api/…` prefix; our operationIds, path parameter names, tags and
// security where an operation matches one of ours; shared components from common.yaml by $ref
// (paging parameters, the paged envelope, problem responses); JSON bodies only; error bodies as
// application/problem+json; the conventional 401/403/429/500 where the vendor lists none; and
// our `x-` extensions and descriptions wherever the vendor's file has none. Operations and
// webhooks only the docs-derived spec has are kept, marked inferred.
import { orderPaths } from "../spec/path-order.mjs";
import { freshName, mapSchemas } from "./schema-map.mjs";
import { COMMON_PREFIX, effectiveProperties, exampleOf, jsonMediaType, refName, typeLabel } from "./schemas.mjs";

const COMMON_QUERY = { $filter: "Filter", $skip: "Skip", $top: "Top", $orderby: "OrderBy", async: "Async" };
const SHARED_ERRORS = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  422: "UnprocessableEntity",
  429: "TooManyRequests",
  500: "InternalServerError",
};
const CONVENTIONAL = ["401", "403", "429", "500"];
const INFERRED = /\s*Path and method are inferred; see specs\/README\.md\./;
const INFERRED_TAG = /The docs show no URL paths or HTTP methods; every path and\s+method here is an inference recorded in specs\/README\.md\./;
const TAG_NOTE = (area) =>
  `Paths and methods come from the vendor's OpenAPI file (specs/reports/${area}.md) except for operations marked x-aptic-source: inferred, which are inferences recorded in specs/README.md.`;
const xKeys = (node) => Object.entries(node ?? {}).filter(([k]) => k.startsWith("x-"));
const pathParamNames = (path) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);

/** Copies our description and `x-` keys onto a converted schema where the vendor has none. */
function enrich(out, ours, oDeref) {
  if (!ours || !out || typeof out !== "object") return out;
  if (!out.description && ours.description) out.description = ours.description;
  for (const [k, v] of xKeys(ours)) if (!(k in out)) out[k] = v;
  const ourProps = effectiveProperties(ours, oDeref);
  for (const [name, prop] of Object.entries(out.properties ?? {})) {
    const mine = oDeref(ourProps[name]);
    if (!mine || !prop || typeof prop !== "object") continue;
    if (!prop.description && mine.description && !prop.$ref) prop.description = mine.description;
    for (const [k, v] of xKeys(mine)) if (!(k in prop)) prop[k] = v;
  }
  return out;
}

export function convert({ vendor, ours, common, area, file, vendorOps, match, prefix, taken, vDeref, oDeref }) {
  const notes = { droppedMedia: new Set(), conventional: [], problemBodies: 0, parameters: [], pagedLists: [], examples: [], carried: [] };
  // Our path parameters by name, for the example of a vendor-only operation's parameter.
  const ourPathParams = new Map();
  for (const o of [...match.matched.map((p) => p.ours), ...match.oursOnly])
    for (const p of o.params) if (p?.in === "path" && !ourPathParams.has(p.name)) ourPathParams.set(p.name, p);
  const map = mapSchemas(match.matched, { vDeref, oDeref });
  for (const name of Object.keys(ours.components?.schemas ?? {})) taken.add(name);
  const names = new Map([...map].map(([v, m]) => [v, m]));
  // A vendor component nothing pairs with (e.g. ProblemDetails, used only by error responses,
  // which become the shared ones) corresponds by name when ours or common.yaml has that name.
  const targets = new Set([...map.values()].map((m) => m.name));
  for (const v of Object.keys(vendor.components?.schemas ?? {})) {
    if (names.has(v)) continue;
    const bare = (v.split(/[.+]/).pop() ?? v).replace(/[^A-Za-z0-9]/g, "");
    if (common.components?.schemas?.[bare] && !targets.has(bare)) names.set(v, { name: bare, common: true });
    else if (ours.components?.schemas?.[bare] && !targets.has(bare)) names.set(v, { name: bare, common: false });
    else names.set(v, { name: freshName(v, taken, area), common: false, fresh: true });
  }

  /** A vendor schema with its `$ref`s renamed to ours (or to common.yaml). */
  const schema = (node) => {
    if (Array.isArray(node)) return node.map(schema);
    if (!node || typeof node !== "object") return node;
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      const name = k === "$ref" ? refName(node) : undefined;
      if (name && names.has(name)) {
        const m = names.get(name);
        out.$ref = m.common ? `${COMMON_PREFIX}schemas/${m.name}` : `#/components/schemas/${m.name}`;
      } else out[k] = k === "example" || k === "examples" || k === "enum" || k === "default" || k === "const" ? structuredClone(v) : schema(v);
    }
    return out;
  };

  // ---- components.schemas: vendor components under our names (common ones stay in common.yaml)
  const schemas = {};
  for (const [vName, vSchema] of Object.entries(vendor.components?.schemas ?? {})) {
    const m = names.get(vName);
    if (m.common) continue;
    const mine = ours.components?.schemas?.[m.name];
    const paged = mine?.allOf?.some((p) => p.$ref === `${COMMON_PREFIX}schemas/PagedList`);
    const props = effectiveProperties(vSchema, vDeref);
    if (paged && props.value && ["count", "skip", "total"].filter((k) => props[k]).length >= 2) {
      const extra = Object.keys(props).filter((k) => !["count", "skip", "total", "value"].includes(k));
      notes.pagedLists.push({ vendor: vName, ours: m.name, extra });
      schemas[m.name] = {
        description: vSchema.description ?? mine.description,
        allOf: [
          { $ref: `${COMMON_PREFIX}schemas/PagedList` },
          { type: "object", properties: { value: { type: "array", items: schema(vDeref(props.value)?.items ?? {}) } } },
        ],
      };
    } else schemas[m.name] = enrich(schema(vSchema), mine, oDeref);
  }

  // ---- paths
  const byOurs = new Map(match.matched.map((p) => [p.vendor, p]));
  const prefixRenames = new Map(); // vendor path prefix ending in a parameter → our name
  for (const { vendor: v, ours: o } of match.matched) {
    const vNames = pathParamNames(v.path);
    const oNames = pathParamNames(o.path);
    vNames.forEach((name, i) => {
      if (oNames[i]) prefixRenames.set(v.path.slice(0, v.path.indexOf(`{${name}}`) + name.length + 2), oNames[i]);
    });
  }
  const renamesFor = (v, o) => {
    const vNames = pathParamNames(v.path);
    if (o) return new Map(vNames.map((n, i) => [n, pathParamNames(o.path)[i] ?? n]));
    return new Map(vNames.map((n) => [n, prefixRenames.get(v.path.slice(0, v.path.indexOf(`{${n}}`) + n.length + 2)) ?? n]));
  };

  const param = (p, renames, ourParams, opId) => {
    const vp = vDeref(p);
    if (vp.in === "query" && COMMON_QUERY[vp.name]) {
      const shared = common.components.parameters[COMMON_QUERY[vp.name]];
      for (const key of ["type", "format", "minimum", "maximum", "default"]) {
        if (vp.schema?.[key] !== undefined && JSON.stringify(vp.schema[key]) !== JSON.stringify(shared.schema[key])) {
          notes.parameters.push({ operationId: opId, name: vp.name, key, vendor: vp.schema[key], ours: shared.schema[key] });
        }
      }
      return { $ref: `${COMMON_PREFIX}parameters/${COMMON_QUERY[vp.name]}` };
    }
    const name = vp.in === "path" ? (renames.get(vp.name) ?? vp.name) : vp.name;
    const mine = ourParams.find((q) => q?.in === vp.in && q?.name === name);
    const out = { name, in: vp.in, ...(vp.in === "path" || vp.required ? { required: true } : {}) };
    const description = vp.description ?? mine?.description;
    if (description) out.description = description;
    for (const [k, v] of xKeys(mine)) out[k] = v;
    if (vp.in === "path" && name !== vp.name) out["x-aptic-vendor-name"] = vp.name;
    out.schema = schema(vp.schema ?? { type: "string" });
    const given = vp.example ?? vp.schema?.example ?? Object.values(vp.examples ?? {}).map((e) => vDeref(e)?.value)[0];
    if (given !== undefined) out.example = given;
    else if (vp.in === "path" || vp.required) {
      // Every path and required parameter needs an example (the contract tests and the mock build requests from them).
      const candidate = (mine ?? ourPathParams.get(name))?.example;
      const type = typeLabel(vp.schema ?? {}, vDeref).split("/")[0];
      const fits =
        candidate !== undefined && (type === "integer" ? Number.isInteger(candidate) : type === "number" ? typeof candidate === "number" : type !== "boolean");
      const ourExample = fits ? candidate : undefined;
      out.example = ourExample ?? exampleOf(vp.schema ?? { type: "string" }, vDeref);
      notes.examples.push({ operationId: opId, name, value: out.example, from: ourExample === undefined ? "schema" : "ours" });
    }
    return out;
  };

  /** The JSON body of a content map; our examples where the vendor gives none (contract tests and the mock use them). */
  const body = (content = {}, ourContent = undefined, at = []) => {
    const type = jsonMediaType(content);
    for (const t of Object.keys(content)) if (t !== type) notes.droppedMedia.add(t);
    if (!type) return undefined;
    const media = { schema: schema(content[type].schema ?? {}) };
    if (content[type].example !== undefined) media.example = structuredClone(content[type].example);
    else if (content[type].examples) media.examples = structuredClone(content[type].examples);
    else {
      const mine = ourContent?.["application/json"];
      if (mine?.examples) media.examples = structuredClone(mine.examples);
      else if (mine?.example !== undefined) media.example = structuredClone(mine.example);
      if (mine?.examples || mine?.example !== undefined) notes.carried.push([...at, "content", "application/json"]);
    }
    return { "application/json": media };
  };

  const responses = (vResponses, ourResponses = {}, at = []) => {
    const out = {};
    for (const [status, r] of Object.entries(vResponses ?? {})) {
      const resolved = vDeref(r) ?? {};
      if (/^[45]\d\d$|^default$/.test(status)) {
        notes.problemBodies++;
        out[status] = SHARED_ERRORS[status]
          ? { $ref: `${COMMON_PREFIX}responses/${SHARED_ERRORS[status]}` }
          : {
              description: resolved.description || "Error",
              content: { "application/problem+json": { schema: { $ref: `${COMMON_PREFIX}schemas/ProblemDetails` } } },
            };
        continue;
      }
      const mine = oDeref(ourResponses[status]);
      const content = body(resolved.content, mine?.content, [...at, status]);
      out[status] = { description: resolved.description || mine?.description || "Success", ...(content ? { content } : {}) };
    }
    for (const status of CONVENTIONAL) {
      if (!out[status]) {
        out[status] = { $ref: `${COMMON_PREFIX}responses/${SHARED_ERRORS[status]}` };
        notes.conventional.push(status);
      }
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  };

  const usedIds = new Set([...match.matched.map((p) => p.ours.op.operationId), ...match.oursOnly.map((o) => o.op.operationId)]);
  const vendorId = (id, method, path) => {
    const base = (id ?? `${method}${path.replace(/\{[^}]+\}/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => (c ? c.toUpperCase() : ""))}`).split(/[_.]/).pop();
    let name = base.charAt(0).toLowerCase() + base.slice(1);
    for (let i = 2; usedIds.has(name); i++) name = `${base.charAt(0).toLowerCase() + base.slice(1)}${i}`;
    usedIds.add(name);
    return name;
  };

  const paths = {};
  const imported = [];
  for (const v of vendorOps) {
    const pair = byOurs.get(v);
    const o = pair?.ours;
    const renames = renamesFor(v, o);
    const path = v.path.slice(prefix.length).replace(/\{([^}]+)\}/g, (_, n) => `{${renames.get(n) ?? n}}`) || "/";
    const operationId = o ? o.op.operationId : vendorId(v.op.operationId, v.method, path);
    const ourDescription = o?.op.description?.replace(INFERRED, "").trim();
    const source = `Path and method are from the vendor's OpenAPI file (${file}); see specs/reports/${area}.md.`;
    const op = {
      tags: o?.op.tags ?? ours.tags?.slice(0, 1).map((t) => t.name) ?? v.op.tags,
      operationId,
      summary: v.op.summary ?? o?.op.summary ?? operationId,
      description: [v.op.description ?? ourDescription, source].filter(Boolean).join("\n\n"),
      ...(v.params.length ? { parameters: v.params.map((p) => param(p, renames, o?.params ?? [], operationId)) } : {}),
    };
    const vBody = vDeref(v.op.requestBody);
    if (vBody) {
      const content = body(vBody.content, oDeref(o?.op.requestBody)?.content, ["paths", path, v.method, "requestBody"]);
      if (content) op.requestBody = { ...(vBody.description ? { description: vBody.description } : {}), required: vBody.required === true, content };
    }
    op.responses = responses(v.op.responses, o?.op.responses, ["paths", path, v.method, "responses"]);
    const security = o ? o.op.security : v.op.security?.some((req) => Object.keys(req).length === 0) ? [{}, ...(ours.security ?? [])] : undefined;
    if (security) op.security = security;
    for (const [k, val] of xKeys(o?.op)) op[k] = val;
    op["x-aptic-source"] = "vendor";
    if (v.op.operationId && v.op.operationId !== operationId) op["x-aptic-vendor-operation-id"] = v.op.operationId;
    paths[path] = { ...(paths[path] ?? {}), [v.method]: op };
    imported.push({ vendor: v, ours: o, path, method: v.method, operationId, op, score: pair?.score, reasons: pair?.reasons ?? [] });
  }
  // A kept operation under a matched one's path follows the vendor's spelling of that parent
  // (`/debtors/{debtorGuid}/payment-plans/…/activate` under the vendor's `…/paymentplans/…`, or
  // `/Customers/{customerGuid}/…` in the vendor's letter case): the longest matched prefix wins.
  const parents = imported
    .filter((i) => i.ours)
    .map((i) => ({ from: i.ours.path.split("/"), to: i.path.split("/") }))
    .sort((a, b) => b.from.length - a.from.length);
  const kept = [];
  for (const o of match.oursOnly) {
    const segments = o.path.split("/");
    const parent = parents.find((p) => p.from.length <= segments.length && p.from.every((s, i) => s === segments[i]));
    const path = parent ? [...parent.to, ...segments.slice(parent.from.length)].join("/") : o.path;
    kept.push({ ours: o, path });
    paths[path] = { ...(paths[path] ?? {}), [o.method]: { ...structuredClone(o.op), "x-aptic-source": "inferred" } };
  }

  const doc = {
    openapi: "3.1.0",
    info: { ...ours.info, "x-aptic-vendor-file": file, ...(vendor.info?.version ? { "x-aptic-vendor-version": String(vendor.info.version) } : {}) },
    ...(ours.servers ? { servers: ours.servers } : {}),
    ...(ours.security ? { security: ours.security } : {}),
    ...(ours.tags ? { tags: ours.tags.map((t) => (t.description ? { ...t, description: t.description.replace(INFERRED_TAG, TAG_NOTE(area)) } : t)) } : {}),
    paths: orderPaths(paths),
    ...(ours.webhooks ? { webhooks: ours.webhooks } : {}),
    components: { ...structuredClone(ours.components ?? {}), schemas },
  };
  keepReachable(doc, ours);
  return { doc, names, notes, imported, kept };
}

/**
 * Keeps only the local schemas something refers to (the zero-warning lint refuses unused ones),
 * copying ours where a kept docs-only operation or webhook still needs one the vendor lacks.
 */
function keepReachable(doc, ours) {
  const schemas = doc.components.schemas;
  const refs = (node, into) => {
    if (Array.isArray(node)) node.forEach((n) => refs(n, into));
    else if (node && typeof node === "object") {
      const name = typeof node.$ref === "string" && node.$ref.startsWith("#/components/schemas/") ? node.$ref.split("/").pop() : undefined;
      if (name) into.add(name);
      for (const [k, v] of Object.entries(node)) if (k !== "example" && k !== "examples") refs(v, into);
    }
  };
  const keep = new Set();
  const queue = new Set();
  refs({ paths: doc.paths, webhooks: doc.webhooks }, queue);
  while (queue.size) {
    const [name] = queue;
    queue.delete(name);
    if (keep.has(name)) continue;
    keep.add(name);
    if (!schemas[name] && ours.components?.schemas?.[name]) schemas[name] = structuredClone(ours.components.schemas[name]);
    refs(schemas[name], queue);
  }
  for (const name of Object.keys(schemas)) if (!keep.has(name)) delete schemas[name];
  doc.components.schemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : 1)));
}
