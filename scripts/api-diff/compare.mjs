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
  const text = diff.description || `${diff.action} ${String(diff.path.at(-1))}`;
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
  const { diffs } = apiCompare(before, after);
  const operations = { added: [], removed: [] };
  const changes = [];
  const seen = new Set();
  for (const diff of diffs) {
    // Component diffs repeat, without their operation, what the diffs under `paths` already say
    // where the component is used; only security schemes have no such echo.
    if (diff.path[0] === "components" && diff.path[1] !== "securitySchemes") continue;
    const operation = operationOf(diff.path, before, after);
    const { class: cls, rule, where } = classify(diff);
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
    const key = JSON.stringify([change.class, change.operation, change.in, change.what, change.before, change.after]);
    if (seen.has(key)) continue;
    seen.add(key);
    changes.push(change);
  }
  const of = (cls) => changes.filter((c) => c.class === cls);
  return { old: labels.old, new: labels.new, operations, breaking: of("breaking"), nonBreaking: of("non-breaking"), info: of("info") };
}
