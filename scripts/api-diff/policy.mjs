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

/** `[id, test(diff, where) → boolean, class, why]`, first match wins. */
export const RULES = [
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
  [
    "example",
    (d) => d.path.includes("example") || d.path.includes("examples"),
    () => "info",
    "Examples are documentation.",
  ],
  ["x-extension", (d) => d.path.some((p) => typeof p === "string" && p.startsWith("x-")), () => "info", "Vendor extensions do not change the wire format."],
];

const LIBRARY = { breaking: "breaking", "non-breaking": "non-breaking", annotation: "info", deprecated: "info", unclassified: "info" };

/** The class of one library diff, and the rule that set it (undefined: the library's own). */
export function classify(diff) {
  const where = locate(diff.path);
  for (const [id, test, cls] of RULES) if (test(diff, where)) return { class: cls(diff), rule: id, where };
  return { class: LIBRARY[diff.type] ?? "info", rule: diff.type === "unclassified" ? "unclassified" : undefined, where };
}
