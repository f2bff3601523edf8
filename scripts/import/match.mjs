// Matches each vendor operation to one of ours by what the docs and the vendor's file share:
// the summary (ours is the docs' first sentence, verbatim), the operationId, the path shape,
// the method, the parameters and the request body's fields. Greedy on the best score, one to one.
import { effectiveProperties, jsonMediaType } from "./schemas.mjs";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** Every operation of a document: `{ path, method, op, params }` (path-item parameters included). */
export function listOperations(doc, deref) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(p));
      out.push({ path, method, op, params });
    }
  }
  return out;
}

/** The common leading segments that only prefix (`/api`, `/api/v1`), to strip from every vendor path. */
export function pathPrefix(paths) {
  const split = paths.map((p) => p.split("/").slice(1));
  const prefix = [];
  for (let i = 0; split.length && split.every((s) => s.length > i + 1 && s[i] === split[0][i]); i++) {
    if (!/^(api|v\d+(\.\d+)?|rest|gateway)$/i.test(split[0][i])) break;
    prefix.push(split[0][i]);
  }
  return prefix.length ? "/" + prefix.join("/") : "";
}

const words = (text = "") =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .trim();
const shape = (path) =>
  path
    .split("/")
    .filter(Boolean)
    .map((s) => (/^\{.*\}$/.test(s) ? "*" : s.toLowerCase().replace(/[-_]/g, "")));
const jaccard = (a, b) => {
  const x = new Set(a);
  const y = new Set(b);
  if (x.size + y.size === 0) return 1;
  let both = 0;
  for (const v of x) if (y.has(v)) both++;
  return both / (x.size + y.size - both);
};
const bodyFields = (entry, deref) => {
  const body = deref(entry.op.requestBody);
  const type = jsonMediaType(body?.content);
  return type ? Object.keys(effectiveProperties(body.content[type].schema, deref)) : undefined;
};
const bareId = (id = "") => id.split(/[_.]/).pop().toLowerCase();

/** How well a vendor operation fits one of ours: the score and the reasons that made it. */
export function score(v, o, { prefix, vDeref, oDeref }) {
  const reasons = [];
  let total = 0;
  const add = (points, reason) => {
    if (points > 0) reasons.push(reason);
    total += points;
  };
  const vs = words(v.op.summary);
  const os = words(o.op.summary);
  if (vs && vs === os) add(4, "summary");
  else if (vs && os && (vs.startsWith(os) || os.startsWith(vs))) add(3, "summary");
  if (bareId(v.op.operationId) === bareId(o.op.operationId)) add(5, "operationId");
  const vShape = shape(v.path.slice(prefix.length));
  const oShape = shape(o.path);
  if (vShape.join("/") === oShape.join("/")) add(3, "path");
  else add(2 * jaccard(vShape, oShape) - 1, "similar path");
  if (v.method === o.method) add(1, "method");
  const vPath = v.params.filter((p) => p?.in === "path").length;
  const oPath = o.params.filter((p) => p?.in === "path").length;
  add(vPath === oPath ? 1 : -2, "path parameters");
  const names = (list) => list.filter((p) => p?.in === "query").map((p) => p.name);
  const vq = names(v.params);
  const oq = names(o.params);
  if (vq.length + oq.length > 0) add(2 * jaccard(vq, oq) - 0.5, "query parameters");
  const vb = bodyFields(v, vDeref);
  const ob = bodyFields(o, oDeref);
  if (!!vb !== !!ob) add(-2, "body");
  else if (vb && ob) add(vb.length + ob.length ? 2 * jaccard(vb, ob) : 1, "body");
  return { total, reasons };
}

/**
 * Pairs vendor operations with ours, one to one, best score first; a pair needs a score of at
 * least `min`. Returns `{ matched: [{ vendor, ours, score, reasons }], vendorOnly, oursOnly }`.
 */
export function matchOperations(vendorOps, ourOps, context, min = 5) {
  const pairs = [];
  for (const v of vendorOps) for (const o of ourOps) pairs.push({ vendor: v, ours: o, ...score(v, o, context) });
  pairs.sort((a, b) => b.total - a.total);
  const usedV = new Set();
  const usedO = new Set();
  const matched = [];
  for (const pair of pairs) {
    if (pair.total < min || usedV.has(pair.vendor) || usedO.has(pair.ours)) continue;
    usedV.add(pair.vendor);
    usedO.add(pair.ours);
    matched.push({ vendor: pair.vendor, ours: pair.ours, score: Math.round(pair.total * 10) / 10, reasons: pair.reasons });
  }
  return { matched, vendorOnly: vendorOps.filter((v) => !usedV.has(v)), oursOnly: ourOps.filter((o) => !usedO.has(o)) };
}
