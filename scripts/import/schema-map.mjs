// Which vendor component is which of ours. Starting from the matched operations' request and
// success response bodies, both schemas are walked side by side (properties by name, array
// items, allOf merged): wherever the vendor's side is a `$ref` to a component and ours is too,
// the two components correspond. Vendor components never reached get a name of their own.
import { COMMON_PREFIX, effectiveProperties, jsonMediaType, refName, unwrapNullable } from "./schemas.mjs";

const successOf = (op) =>
  Object.keys(op.responses ?? {})
    .filter((s) => /^2\d\d$/.test(s))
    .sort()[0];

/** `Map<vendorName, { name, common }>` from the matched operations. */
export function mapSchemas(matched, { vDeref, oDeref }) {
  const map = new Map();
  const seen = new Set();
  const pair = (vNode, oNode) => {
    if (!vNode || !oNode) return;
    const v0 = unwrapNullable(vNode);
    const o0 = unwrapNullable(oNode);
    const vName = refName(v0);
    const oName = refName(o0);
    if (vName && oName && !map.has(vName)) map.set(vName, { name: oName, common: o0.$ref.startsWith(COMMON_PREFIX) });
    const key = `${vName ?? "?"}|${oName ?? "?"}`;
    if (vName && oName) {
      if (seen.has(key)) return;
      seen.add(key);
    }
    const v = unwrapNullable(vDeref(v0));
    const o = unwrapNullable(oDeref(o0));
    if (!v || !o) return;
    if (v !== v0 || o !== o0) {
      if (refName(v) || refName(o)) return pair(v, o);
    }
    if (v.items && o.items) pair(v.items, o.items);
    const vp = effectiveProperties(v, vDeref);
    const op = effectiveProperties(o, oDeref);
    for (const [name, schema] of Object.entries(vp)) if (op[name]) pair(schema, op[name]);
  };
  for (const { vendor, ours } of matched) {
    const vBody = vDeref(vendor.op.requestBody);
    const oBody = oDeref(ours.op.requestBody);
    const vt = jsonMediaType(vBody?.content);
    const ot = jsonMediaType(oBody?.content);
    if (vt && ot) pair(vBody.content[vt].schema, oBody.content[ot].schema);
    const vs = successOf(vendor.op);
    const os = successOf(ours.op);
    const vResp = vs && vDeref(vendor.op.responses[vs]);
    const oResp = os && oDeref(ours.op.responses[os]);
    const vrt = jsonMediaType(vResp?.content);
    const ort = jsonMediaType(oResp?.content);
    if (vrt && ort) pair(vResp.content[vrt].schema, oResp.content[ort].schema);
  }
  return map;
}

/**
 * A name for a vendor component nothing of ours corresponds to: the last part of a dotted
 * (.NET namespace) name, letters and digits only, without a Dto/Model suffix, prefixed with the
 * area when it would collide.
 */
export function freshName(vendorName, taken, area) {
  const bare = (vendorName.split(/[.+]/).pop() ?? vendorName).replace(/[^A-Za-z0-9]/g, "") || "Schema";
  // .NET suffixes say nothing about the wire format (`DebtorNoteDto` → `DebtorNote`).
  const base = bare.replace(/(Dto|DTO|ViewModel|Model)$/, "") || bare;
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  let name = /^[A-Za-z]/.test(base) ? cap(base) : `Schema${base}`;
  if (taken.has(name)) name = cap(area) + name;
  for (let i = 2; taken.has(name); i++) name = `${cap(area)}${base}${i}`;
  taken.add(name);
  return name;
}
