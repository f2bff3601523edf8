// The comparison: api-smart-diff finds and describes the differences (it resolves $refs,
// matches paths by template and parameters by name/location, and merges allOf); prepare.mjs
// adapts both documents first, and policy.mjs decides each change's class.
import { apiCompare } from "api-smart-diff";
import { classify } from "./policy.mjs";
import { prepare, WEBHOOK_PREFIX } from "./prepare.mjs";

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** The operation a `paths/<route>/<method>/…` diff belongs to, if any. */
function operationOf(path, before, after) {
  if (path[0] !== "paths" || !METHODS.has(String(path[2]))) return undefined;
  const [, route, method] = path;
  const op = before.paths?.[route]?.[method] ?? after.paths?.[route]?.[method] ?? {};
  const webhook = String(route).startsWith(WEBHOOK_PREFIX);
  return {
    method: String(method).toUpperCase(),
    path: webhook ? String(route).slice(WEBHOOK_PREFIX.length) : String(route),
    operationId: op.operationId ?? "",
    webhook,
  };
}

/** The library's description; a webhook's payload is called what it is, not "Response 200". */
function describe(diff, operation) {
  // The library sometimes describes only the place (" in Request Body content …"): say what.
  const key = String(diff.path.at(-1));
  const what = /^\d+$/.test(key) ? `${String(diff.path.at(-2))} value` : key;
  const text = diff.description && !/^\s*in /.test(diff.description) ? diff.description : `[${diff.action}] \`${what}\`${diff.description ?? ""}`;
  return operation?.webhook ? text.replace(/Response 200 content/g, "delivery payload") : text;
}

const pointer = (path) => "/" + path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
const scalar = (v) => (v === undefined || (v !== null && typeof v === "object") ? undefined : v);

/**
 * Compares two OpenAPI 3.0/3.1 documents (parsed). Returns the operations added and removed and
 * every change, each classed breaking / non-breaking / info.
 */
export function diffApis(oldDoc, newDoc, labels = { old: "old", new: "new" }) {
  const before = prepare(oldDoc);
  const after = prepare(newDoc);
  // Copies: the library adds keys to what it compares (e.g. an empty `enum` where one was
  // dropped), and the policy looks at the untouched new document.
  const { diffs } = apiCompare(structuredClone(before), structuredClone(after));
  const operations = { added: [], removed: [] };
  const changes = [];
  const seen = new Map();
  for (const diff of diffs) {
    // Component diffs repeat, without their operation, what the diffs under `paths` already say
    // where the component is used; only security schemes have no such echo.
    if (diff.path[0] === "components" && diff.path[1] !== "securitySchemes") continue;
    const operation = operationOf(diff.path, before, after);
    const { class: cls, rule, where } = classify(diff, { before, after });
    const isWholeOperation = operation && diff.path.length === 3 && (diff.action === "add" || diff.action === "remove");
    if (isWholeOperation) operations[diff.action === "add" ? "added" : "removed"].push(operation);
    const change = {
      class: isWholeOperation ? (diff.action === "add" ? "non-breaking" : "breaking") : cls,
      ...(rule ? { rule } : {}),
      ...(operation ? { operation } : {}),
      ...(where.in ? { in: operation?.webhook && where.side === "response" ? "delivery payload" : where.in } : {}),
      what: isWholeOperation ? `${diff.action === "add" ? "added" : "removed"} operation` : describe(diff, operation),
      pointer: pointer(diff.path),
      ...(scalar(diff.before) !== undefined ? { before: diff.before } : {}),
      ...(scalar(diff.after) !== undefined ? { after: diff.after } : {}),
    };
    // One entry per (class, operation, place, description): an enum that loses 91 values is one
    // change listing them, not 91.
    // (Enum items that the library describes one by one, "annotation (0)", "(1)", …, group by place.)
    const key = JSON.stringify([
      change.class,
      change.rule,
      change.operation,
      change.in,
      /annotation \(\d+\)/.test(change.what) ? change.pointer.replace(/\/\d+$/, "") : change.what,
    ]);
    const same = seen.get(key);
    if (!same) {
      seen.set(key, change);
      changes.push(change);
      continue;
    }
    for (const side of ["before", "after"]) {
      if (!(side in change)) continue;
      const values = [...(side in same ? [same[side]].flat() : []), change[side]];
      same[side] = [...new Set(values)];
      if (same[side].length === 1) same[side] = same[side][0];
    }
  }
  const of = (cls) => changes.filter((c) => c.class === cls);
  return { old: labels.old, new: labels.new, operations, breaking: of("breaking"), nonBreaking: of("non-breaking"), info: of("info") };
}
