// specs/reports/<area>.md: how the vendor's file compares with the docs-derived spec — each
// vendor operation and the one of ours it matched (and why), path/method/status differences,
// fields added/removed/retyped and enums that differ in every pair of corresponding schemas,
// what the conversion changed and what the linter said. Every difference that can break a
// caller is marked **breaking** and listed again under "Breaking differences" (see
// `breakingOf` for the rules).
import { effectiveProperties, effectiveRequired, enumOf, isNullable, reachableComponents, typeLabel } from "./schemas.mjs";

const statuses = (op) => Object.keys(op?.responses ?? {}).sort();
const cell = (s) => String(s ?? "").replace(/\|/g, "\\|");
const list = (xs) => (xs.length ? xs.map((x) => `\`${x}\``).join(", ") : "—");

/** Field and enum differences between one vendor schema and its counterpart of ours. */
export function compareSchemas(vendorSchema, ourSchema, vDeref, oDeref) {
  const vp = effectiveProperties(vendorSchema, vDeref);
  const op = effectiveProperties(ourSchema, oDeref);
  const vRequired = effectiveRequired(vendorSchema, vDeref);
  const oRequired = effectiveRequired(ourSchema, oDeref);
  const added = Object.keys(vp).filter((k) => !(k in op));
  const removed = Object.keys(op).filter((k) => !(k in vp));
  const addedRequired = added.filter((k) => vRequired.has(k));
  const nowRequired = Object.keys(vp).filter((k) => k in op && vRequired.has(k) && !oRequired.has(k));
  const retyped = [];
  const enums = [];
  const label = (s, deref) => `${typeLabel(s, deref)}${isNullable(s, deref) ? " | null" : ""}`;
  for (const name of Object.keys(vp).filter((k) => k in op)) {
    const [a, b] = [label(op[name], oDeref), label(vp[name], vDeref)];
    if (a !== b) retyped.push({ field: name, ours: a, vendor: b });
  }
  // A field removed and one added with the same type and a name that shares a word: likely renamed.
  const wordsOf = (name) =>
    new Set(
      name
        .split(/(?=[A-Z])|[_-]/)
        .map((w) => w.toLowerCase())
        .filter((w) => w.length > 2),
    );
  const renamed = [];
  for (const from of removed) {
    const to = added.find(
      (a) => !renamed.some((r) => r.to === a) && label(vp[a], vDeref) === label(op[from], oDeref) && [...wordsOf(a)].some((w) => wordsOf(from).has(w)),
    );
    if (to) renamed.push({ from, to });
  }
  const enumDiff = (field, v, o) => {
    const [ve, oe] = [enumOf(v, vDeref), enumOf(o, oDeref)];
    if (JSON.stringify(ve) !== JSON.stringify(oe)) enums.push({ field, vendor: ve, ours: oe });
  };
  enumDiff("", vendorSchema, ourSchema);
  for (const name of Object.keys(vp).filter((k) => k in op)) {
    // A property that is itself a $ref is compared where that component is compared.
    if (!vp[name]?.$ref && !op[name]?.$ref) enumDiff(name, vp[name], op[name]);
  }
  return { added, removed, addedRequired, nowRequired, retyped, renamed, enums };
}

/**
 * The differences of one schema pair that can break a caller, given where the vendor uses the
 * schema: in a request, a new or newly required field (existing calls without it are refused), a
 * type change and an enum value the vendor no longer accepts; in a response, a removed field (code
 * reading it gets undefined), a type change and an enum value the caller has never seen.
 */
export function breakingOf(d, { request, response }) {
  const out = [];
  const field = (f) => `\`${f}\``;
  if (request) {
    for (const f of d.addedRequired) out.push(`new required field ${field(f)}: requests without it are refused`);
    for (const f of d.nowRequired) out.push(`${field(f)} is now required: requests without it are refused`);
  }
  if (response) for (const f of d.removed) out.push(`field ${field(f)} is gone from responses`);
  if (request || response) for (const r of d.retyped) out.push(`${field(r.field)} retyped ${r.ours} → ${r.vendor}`);
  for (const e of d.enums) {
    const [vendor, ours] = [e.vendor ?? [], e.ours ?? []];
    const gone = e.vendor === undefined ? [] : ours.filter((x) => !vendor.includes(x));
    const fresh = e.ours === undefined ? [] : vendor.filter((x) => !ours.includes(x));
    const where = e.field ? `${field(e.field)} ` : "";
    if (request && gone.length) out.push(`${where}enum no longer accepts ${gone.join(", ")}`);
    if (response && fresh.length) out.push(`${where}enum has new values ${fresh.join(", ")}`);
  }
  return out;
}

const fmtEnum = (e) => (e === undefined ? "open (no enum)" : `[${e.join(", ")}]`);

export function renderReport({ area, file, version, prefix, imported, kept, names, vendor, ours, common, notes, vDeref, oDeref, lint = [] }) {
  /** `{ where, what }` for every difference that can break a caller. */
  const breaking = [];
  /** Moved paths: they break typed-out path calls only, so the summary counts them once. */
  const moves = [];
  const mark = (where, whats) => {
    for (const what of whats) breaking.push({ where, what });
    return whats.map((w) => `**breaking:** ${w}`);
  };
  // Where the vendor uses each component: in request bodies, in success responses, or both.
  const usedIn = { request: new Set(), response: new Set() };
  for (const i of imported) {
    reachableComponents(vDeref(i.vendor.op.requestBody)?.content, vendor, usedIn.request);
    for (const [status, r] of Object.entries(i.vendor.op.responses ?? {}))
      if (/^2/.test(status)) reachableComponents(vDeref(r)?.content, vendor, usedIn.response);
  }
  const out = [
    `# Vendor file reconciliation: ${area}`,
    "",
    `Generated by \`npm run specs:import -- ${area} ${file}\`. Source: \`${file}\` (OpenAPI ${version}${vendor.info?.version ? `, API version ${vendor.info.version}` : ""}).`,
    `\`specs/${area}.yaml\` now follows the vendor's file; the decision record (specs/README.md) marks each operation "vendor file" or "inferred".`,
    "",
    prefix
      ? `All vendor paths start with \`${prefix}\`: it is removed from the paths (include it in the client's \`baseUrl\`).`
      : "The vendor's paths have no common prefix to remove.",
    "",
    "## Operations",
    "",
    "| vendor | ours (docs-derived) | matched by | differences |",
    "| --- | --- | --- | --- |",
  ];
  for (const i of imported) {
    const v = `${i.vendor.method.toUpperCase()} \`${i.vendor.path}\` (${i.vendor.op.operationId ?? "no operationId"})`;
    if (!i.ours) {
      out.push(`| ${cell(v)} | — (only in the vendor's file: added as \`${i.operationId}\`) | — | new operation |`);
      continue;
    }
    const where = `${i.operationId}`;
    const diffs = [];
    if (i.ours.path !== i.path) {
      moves.push({ where, caseOnly: i.ours.path.toLowerCase() === i.path.toLowerCase() });
      diffs.push(`**breaking** for typed-out path calls: path \`${i.ours.path}\` → \`${i.path}\``);
    }
    if (i.ours.method !== i.method) diffs.push(...mark(where, [`method ${i.ours.method.toUpperCase()} → ${i.method.toUpperCase()}`]));
    const [os, vs] = [statuses(i.ours.op), statuses(i.vendor.op)];
    const success = (xs) => xs.filter((s) => /^2/.test(s));
    if (success(os).join() !== success(vs).join()) diffs.push(...mark(where, [`success status ${success(os).join(", ")} → ${success(vs).join(", ")}`]));
    const onlyOurs = os.filter((s) => !vs.includes(s));
    const onlyVendor = vs.filter((s) => !os.includes(s) && !/^2/.test(s));
    if (onlyOurs.filter((s) => !/^2/.test(s)).length) diffs.push(`statuses not in the vendor's file: ${onlyOurs.filter((s) => !/^2/.test(s)).join(", ")}`);
    if (onlyVendor.length) diffs.push(`statuses only in the vendor's file: ${onlyVendor.join(", ")}`);
    // Parameters: a new required one fails every existing call; a retyped one may.
    for (const p of i.vendor.params.filter((q) => q && q.in !== "path")) {
      const mine = i.ours.params.find((q) => q?.in === p.in && q?.name === p.name);
      if (!mine && p.required) diffs.push(...mark(where, [`new required ${p.in} parameter \`${p.name}\``]));
      else if (mine && p.required && !mine.required) diffs.push(...mark(where, [`${p.in} parameter \`${p.name}\` is now required`]));
      else if (mine && typeLabel(p.schema ?? {}, vDeref) !== typeLabel(mine.schema ?? {}, oDeref))
        diffs.push(...mark(where, [`${p.in} parameter \`${p.name}\` retyped ${typeLabel(mine.schema ?? {}, oDeref)} → ${typeLabel(p.schema ?? {}, vDeref)}`]));
    }
    // An inline request body has no component to be compared under "Schemas": compare it here.
    const vBody = bodySchema(i.vendor.op.requestBody, vDeref);
    const oBody = bodySchema(i.ours.op.requestBody, oDeref);
    if (vBody && !vBody.$ref && oBody) {
      const d = compareSchemas(vBody, oBody, vDeref, oDeref);
      diffs.push(...mark(`${where} request body`, breakingOf(d, { request: true, response: false })));
    } else if (vDeref(i.vendor.op.requestBody)?.required && !oDeref(i.ours.op.requestBody)?.required)
      diffs.push(...mark(where, ["the request body is now required"]));
    out.push(
      `| ${cell(v)} | ${i.ours.method.toUpperCase()} \`${i.ours.path}\` (${i.operationId}) | ${i.reasons.join(", ")} (score ${i.score}) | ${cell(diffs.join("; ") || "none")} |`,
    );
  }
  for (const { ours: o, path } of kept) {
    const [note] = mark(o.op.operationId, ["not in the vendor's file (the gateway may not serve it)"]);
    const moved = path === o.path ? "" : `, at \`${path}\` (under the vendor's path for its parent)`;
    out.push(`| — | ${o.method.toUpperCase()} \`${o.path}\` (${o.op.operationId}) | — | not in the vendor's file: kept as inferred${moved}; ${note} |`);
  }
  out.push("");

  out.push(
    "## Schemas",
    "",
    "| vendor component | ours | fields added (vendor only) | fields removed (docs only) | retyped (ours → vendor) |",
    "| --- | --- | --- | --- | --- |",
  );
  const enumRows = [];
  const renamedRows = [];
  for (const [vName, m] of [...names].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const vSchema = vendor.components.schemas[vName];
    const oSchema = m.fresh ? undefined : m.common ? common.components.schemas[m.name] : ours.components?.schemas?.[m.name];
    const where = m.fresh ? `\`${m.name}\` (new)` : m.common ? `\`${m.name}\` (common.yaml, kept shared)` : `\`${m.name}\``;
    if (!oSchema) {
      out.push(`| \`${vName}\` | ${where} | ${list(Object.keys(effectiveProperties(vSchema, vDeref)))} | — | — |`);
      continue;
    }
    const d = compareSchemas(vSchema, oSchema, vDeref, oDeref);
    const retyped = d.retyped.map((r) => `\`${r.field}\` ${r.ours} → ${r.vendor}`).join("; ") || "—";
    const added = d.added.length ? d.added.map((f) => `\`${f}\`${d.addedRequired.includes(f) ? " (required)" : ""}`).join(", ") : "—";
    out.push(`| \`${vName}\` | ${where} | ${added} | ${list(d.removed)} | ${cell(retyped)} |`);
    for (const r of d.renamed) renamedRows.push(`- \`${m.name}\`: \`${r.from}\` → \`${r.to}\`? (removed and added with the same type)`);
    // A paged envelope is written as ours (allOf PagedList), so its `value` keeps our type.
    const vProps = effectiveProperties(vSchema, vDeref);
    const paged = vProps.value && ["count", "skip", "total"].filter((k) => vProps[k]).length >= 2;
    const judged = paged ? { ...d, retyped: d.retyped.filter((r) => r.field !== "value") } : d;
    mark(
      `schema ${m.name}${m.common ? " (common.yaml is kept: review it)" : ""}`,
      breakingOf(judged, { request: usedIn.request.has(vName), response: usedIn.response.has(vName) }),
    );
    for (const e of d.enums) enumRows.push(`| \`${m.name}${e.field ? `.${e.field}` : ""}\` | ${fmtEnum(e.ours)} | ${fmtEnum(e.vendor)} |`);
  }
  out.push("", "Shared components (common.yaml) are not changed by an import: where the vendor's copy differs, review common.yaml by hand.", "");
  if (renamedRows.length) out.push("Fields that look renamed (check by hand):", "", ...renamedRows, "");
  out.push("## Enums that differ", "");
  if (enumRows.length) out.push("| schema | ours (docs-derived) | vendor |", "| --- | --- | --- |", ...enumRows, "");
  else out.push("None.", "");

  out.push("## Conversion notes", "");
  if (notes.parameters.length) {
    out.push("Shared query parameters used by $ref although the vendor's copy differs (common.yaml keeps the documented values):", "");
    for (const p of notes.parameters)
      out.push(`- ${p.operationId}: \`${p.name}\` ${p.key} ${JSON.stringify(p.ours)} (common) vs ${JSON.stringify(p.vendor)} (vendor)`);
    out.push("");
  }
  for (const p of notes.pagedLists)
    out.push(
      `- \`${p.vendor}\` is the paged envelope: written as \`${p.ours}\` = allOf [PagedList, value items]${p.extra.length ? `; vendor-only envelope fields dropped: ${list(p.extra)}` : ""}.`,
    );
  const made = notes.examples.filter((e) => e.from === "schema");
  const carried = notes.examples.filter((e) => e.from === "ours");
  if (notes.carried.length)
    out.push(
      `- ${notes.carried.length} request and response examples carried over from ours where the vendor's file has none${notes.droppedExamples?.length ? `; ${notes.droppedExamples.length} more were not, as the vendor's schema rejects them: ${notes.droppedExamples.map((d) => `\`${d}\``).join(", ")}` : ""}.`,
    );
  if (carried.length) out.push(`- ${carried.length} parameter examples the vendor's file lacks carried over from ours.`);
  if (made.length)
    out.push(
      `- Parameter examples made from the schema (the vendor's file gives none): ${made.map((e) => `${e.operationId} \`${e.name}\` = ${JSON.stringify(e.value)}`).join(", ")}.`,
    );
  if (notes.droppedMedia.size) out.push(`- Media types dropped (JSON bodies only): ${list([...notes.droppedMedia].sort())}.`);
  if (notes.problemBodies)
    out.push(
      `- ${notes.problemBodies} error responses written as the shared application/problem+json responses (the vendor's file declares them as application/json).`,
    );
  if (notes.conventional.length)
    out.push(`- ${notes.conventional.length} conventional error responses (401, 403, 429, 500) added where the vendor's file lists none.`);
  out.push("");

  out.push("## Lint", "");
  if (lint.length) {
    out.push(
      `\`redocly lint\` said this about \`specs/${area}.yaml\`. Warnings about the vendor's route design (rules ${[...new Set(lint.filter((p) => p.tolerated).map((p) => `\`${p.ruleId}\``))].join(", ") || "none"}) are reported, not failures, for an imported area; anything else fails \`npm run generate\`:`,
      "",
    );
    for (const p of lint) out.push(`- ${p.tolerated ? "reported" : `**${p.severity}**`} [${p.ruleId}] ${p.message}${p.pointer ? ` (\`${p.pointer}\`)` : ""}`);
  } else out.push("No problems.");
  out.push("");

  // The summary goes first: it is what a reviewer must act on.
  const summary = ["## Breaking differences", ""];
  if (breaking.length || moves.length) {
    summary.push(`${breaking.length + (moves.length ? 1 : 0)} differences can break a caller (each is also marked **breaking** below):`, "");
    for (const b of breaking) summary.push(`- ${b.where}: ${b.what}`);
    if (moves.length) {
      const caseOnly = moves.filter((m) => m.caseOnly).length;
      summary.push(
        `- ${moves.length} paths differ${caseOnly ? ` (${caseOnly} only in letter case)` : ""}: calls by operation (\`aptic.call(op)\`, services, paginate) follow the import; typed-out path calls (\`aptic.GET("/…")\`) of the old paths no longer compile (${moves.map((m) => m.where).join(", ")}).`,
      );
    }
  } else summary.push("None.");
  summary.push("");
  out.splice(out.indexOf("## Operations"), 0, ...summary);
  return out.join("\n");
}

const bodySchema = (body, deref) => {
  const content = deref(body)?.content ?? {};
  const type = Object.keys(content).find((t) => /json/.test(t));
  return type ? content[type].schema : undefined;
};
