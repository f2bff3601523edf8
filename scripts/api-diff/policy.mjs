// How a change is classified, from an SDK caller's point of view (code written against the
// generated types and a gateway that follows the spec). api-smart-diff classifies first; the
// rules below override it where its choice is wrong for that caller, each with its reason.
// Classes: "breaking" (existing callers or receivers can fail, at compile time or at run time),
// "non-breaking" (existing callers keep working) and "info" (documentation only).

/** Where in an operation a change sits, from the library's JSON path. */
export function locate(path) {
  if (path[0] !== "paths") return { side: "document" };
  const [, , method, part, ...rest] = path;
  if (part === "requestBody") return { side: "request", in: "request body", rest: rest.slice(3) };
  if (part === "parameters") return { side: "request", in: "parameters", rest: rest.slice(1) };
  if (part === "responses") return { side: "response", in: `response ${rest[0]}`, status: rest[0], rest: rest.slice(4) };
  return { side: method === "parameters" ? "request" : "operation", rest: [] };
}

const last = (path, n = 1) => path[path.length - n];
const isPropertyNode = (path) => last(path, 2) === "properties";

/**
 * The node at a library path in a (prepared) document. The library's paths run through
 * resolved `$ref`s, and a `$ref` with siblings appears as `allOf: [target, siblings]`.
 */
export function nodeAt(doc, path) {
  const resolve = (node, seen = 0) => {
    if (!node || typeof node.$ref !== "string" || !node.$ref.startsWith("#/") || seen > 20) return node;
    const target = node.$ref
      .slice(2)
      .split("/")
      .reduce((n, k) => n?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
    return resolve(target, seen + 1);
  };
  let node = doc;
  for (const key of path) {
    const raw = node;
    node = resolve(node);
    if (!node || typeof node !== "object") return undefined;
    if (key in node) node = node[key];
    else if (key === "allOf" && typeof raw?.$ref === "string") {
      const { $ref: _ref, ...siblings } = raw;
      node = [resolve(raw), siblings];
    } else return undefined;
  }
  return resolve(node);
}

/** Whether an enum-value diff is the whole enum going away (the value set opened up). */
const enumDropped = (d, ctx) => {
  if (d.action !== "remove" || last(d.path, 2) !== "enum" || !ctx?.after) return false;
  const parent = nodeAt(ctx.after, d.path.slice(0, -2));
  return parent !== undefined && !Array.isArray(parent?.enum);
};

const ANNOTATIONS = new Set(["description", "title", "example", "examples", "summary"]);
const essence = (doc, node, depth = 0) => {
  const n = node;
  if (depth > 8 || !n || typeof n !== "object") return n;
  const resolved =
    typeof n.$ref === "string"
      ? nodeAt(
          doc,
          n.$ref
            .slice(2)
            .split("/")
            .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~")),
        )
      : n;
  if (Array.isArray(resolved)) return resolved.map((x) => essence(doc, x, depth + 1));
  return Object.fromEntries(
    Object.entries(resolved ?? {})
      .filter(([k]) => !ANNOTATIONS.has(k) && !k.startsWith("x-"))
      .map(([k, v]) => [k, essence(doc, v, depth + 1)]),
  );
};

/**
 * Whether a diff under `anyOf`/`oneOf` only reflects a widening: the old schema (no combiner)
 * is now one branch of an anyOf/oneOf, next to others. api-smart-diff wraps the old schema in a
 * one-branch combiner to compare, and may pair it with the wrong new branch.
 */
const widened = (d, ctx) => {
  if (!ctx?.before || !ctx?.after || ANNOTATIONS.has(String(last(d.path)))) return false;
  const at = Math.max(d.path.lastIndexOf("anyOf"), d.path.lastIndexOf("oneOf"));
  if (at < 0) return false;
  const prefix = d.path.slice(0, at);
  const old = nodeAt(ctx.before, prefix);
  const now = nodeAt(ctx.after, prefix);
  const branches = now?.anyOf ?? now?.oneOf;
  if (!old || old.anyOf || old.oneOf || !Array.isArray(branches) || branches.length < 2) return false;
  const was = JSON.stringify(essence(ctx.before, old));
  return branches.some((b) => JSON.stringify(essence(ctx.after, b)) === was);
};

/** `[id, test(diff, where, context) → boolean, class, why]`, first match wins. */
export const RULES = [
  [
    "anyOf.widened.request",
    (d, w, ctx) => w.side === "request" && widened(d, ctx),
    () => "non-breaking",
    "A request field whose schema became one branch of an anyOf accepts everything it accepted before.",
  ],
  [
    "anyOf.widened.response",
    (d, w, ctx) => w.side === "response" && widened(d, ctx),
    () => "breaking",
    "A response field whose schema became one branch of an anyOf may carry values callers never saw.",
  ],
  [
    "enum.dropped.request",
    (d, w, ctx) => w.side === "request" && enumDropped(d, ctx),
    () => "non-breaking",
    "A request field whose enum is dropped (any value of its type, or a wider anyOf) accepts everything it accepted before.",
  ],
  [
    "enum.dropped.response",
    (d, w, ctx) => w.side === "response" && enumDropped(d, ctx),
    () => "breaking",
    "A response field whose enum is dropped may carry values callers never saw: exhaustive handling breaks.",
  ],
  [
    "nullable.request",
    (d, w) => w.side === "request" && last(d.path) === "nullable",
    (d) => (d.after === true ? "non-breaking" : "breaking"),
    "A request field that accepts null (nullable added) takes everything it took before; one that no longer accepts null (removed) refuses what callers may send.",
  ],
  [
    "nullable.response",
    (d, w) => w.side === "response" && last(d.path) === "nullable",
    (d) => (d.after === true ? "breaking" : "non-breaking"),
    "A response field that may now be null breaks callers that use it as the non-null type; one that no longer is null narrows what they handle.",
  ],
  [
    "property.removed.request",
    (d, w) => w.side === "request" && d.action === "remove" && isPropertyNode(d.path),
    () => "breaking",
    "Callers that set a removed request field no longer compile against the generated types (excess property), and the gateway may reject or ignore it.",
  ],
  [
    "property.removed.response",
    (d, w) => w.side === "response" && d.action === "remove" && isPropertyNode(d.path),
    () => "breaking",
    "Callers (or webhook receivers) that read a removed response field no longer compile, and get undefined at run time.",
  ],
  [
    "enum.added.response",
    (d, w) => w.side === "response" && d.action === "add" && last(d.path, 2) === "enum",
    () => "breaking",
    "A new value in a response enum widens the generated union: exhaustive handling (switch with a never check) stops compiling, and older code meets a value it does not know.",
  ],
  [
    "format.response",
    (d, w) => w.side === "response" && last(d.path) === "format" && d.action !== "remove",
    () => "breaking",
    "A changed or added response format (date-time → date, int32 → int64) changes what callers parse.",
  ],
  [
    "path-parameter.renamed",
    (d, w) => w.in === "parameters" && last(d.path) === "name" && d.action === "replace",
    () => "breaking",
    "A renamed path parameter changes the key callers pass in params.path.",
  ],
  ["example", (d) => d.path.includes("example") || d.path.includes("examples"), () => "info", "Examples are documentation."],
  ["x-extension", (d) => d.path.some((p) => typeof p === "string" && p.startsWith("x-")), () => "info", "Vendor extensions do not change the wire format."],
];

const LIBRARY = { breaking: "breaking", "non-breaking": "non-breaking", annotation: "info", deprecated: "info", unclassified: "info" };

/**
 * The class of one library diff, and the rule that set it (undefined: the library's own).
 * `context.after` is the prepared new document (some rules look at what the change led to).
 */
export function classify(diff, context = {}) {
  const where = locate(diff.path);
  for (const [id, test, cls] of RULES) if (test(diff, where, context)) return { class: cls(diff), rule: id, where };
  return { class: LIBRARY[diff.type] ?? "info", rule: diff.type === "unclassified" ? "unclassified" : undefined, where };
}
