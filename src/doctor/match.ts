// The one operation matcher: pairs a vendor's OpenAPI operations with ours by what the docs and
// the vendor's file share (the summary — ours is the docs' first sentence, verbatim —, the
// operationId, the path shape, the method, the parameters and the request body's fields).
// Greedy on the best score, one to one. Used by `doctor --from-openapi` and, through
// scripts/import/match.mjs, by `npm run specs:import`.

/** A JSON object of an OpenAPI document. */
export type JsonObject = Record<string, unknown>;

/** Resolves a `$ref` node to what it points at (any other node is returned as it is). */
export type Deref = (node: unknown) => unknown;

/** One operation of a document, with its path-item and operation parameters resolved. */
export interface SpecOperation {
  path: string;
  /** Lower case, as OpenAPI spells it (`get`, `post`…). */
  method: string;
  op: JsonObject;
  params: JsonObject[];
}

/** What `score` needs besides the two operations. */
export interface MatchContext {
  /** The vendor's common path prefix (`/api/v1`), from `pathPrefix`. */
  prefix: string;
  /** Ours (`/v2` after a move in specs/), so that only the paths below the prefixes are compared; "" when none. */
  ourPrefix?: string | undefined;
  vDeref: Deref;
  oDeref: Deref;
}

/** A vendor operation paired with one of ours. */
export interface MatchedPair {
  vendor: SpecOperation;
  ours: SpecOperation;
  /** Rounded to one decimal. */
  score: number;
  /** What made the score (`summary`, `operationId`, `path`…). */
  reasons: string[];
  /**
   * Other pairings nearly as good (within `margin` points) that the greedy choice left out, best
   * first: the same vendor operation with another of ours, or another vendor operation with this
   * one of ours. Empty when the match is clear.
   */
  rivals: { vendor: SpecOperation; ours: SpecOperation; score: number }[];
}

/** The outcome of `matchOperations`. */
export interface MatchResult {
  matched: MatchedPair[];
  vendorOnly: SpecOperation[];
  oursOnly: SpecOperation[];
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);
const objectOf = (value: unknown): JsonObject => (isObject(value) ? value : {});
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const textOf = (value: unknown): string => (typeof value === "string" ? value : "");

/**
 * A resolver for the local `$ref`s (`#/…`) of one document; a ref it cannot follow is returned
 * as it is.
 *
 * @example
 * ```ts
 * const deref = localResolver(doc);
 * deref({ $ref: "#/components/schemas/Debtor" }); // the Debtor schema
 * ```
 */
export function localResolver(doc: unknown): Deref {
  // `#/a/b` → doc.a.b (the leading `#` is dropped with the first split part).
  const at = (pointer: string): unknown =>
    pointer
      .split("/")
      .slice(1)
      .reduce<unknown>((node, key) => (isObject(node) ? node[key.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), doc);
  return (node) => {
    let current = node;
    for (let hops = 0; hops <= 20 && isObject(current) && typeof current["$ref"] === "string" && current["$ref"].startsWith("#"); hops += 1) {
      const target = at(current["$ref"]);
      if (target === undefined) return current;
      current = target;
    }
    return current;
  };
}

/**
 * A nullable wrapper's inner schema (`anyOf [X, {type: null}]` → X), else the schema itself.
 *
 * @example
 * ```ts
 * unwrapNullable({ anyOf: [{ type: "string" }, { type: "null" }] }); // { type: "string" }
 * ```
 */
export function unwrapNullable(schema: unknown): unknown {
  const s = objectOf(schema);
  const branches = s["anyOf"] ?? s["oneOf"];
  if (Array.isArray(branches) && branches.length === 2 && branches.some((b) => objectOf(b)["type"] === "null"))
    return branches.find((b) => objectOf(b)["type"] !== "null");
  return schema;
}

/**
 * The properties of a schema with its `allOf` parts merged (each part resolved), through a
 * nullable wrapper.
 *
 * @example
 * ```ts
 * effectiveProperties({ allOf: [{ properties: { a: {} } }, { properties: { b: {} } }] }, (n) => n); // { a: {}, b: {} }
 * ```
 */
export function effectiveProperties(schema: unknown, deref: Deref): JsonObject {
  const s = objectOf(deref(unwrapNullable(deref(schema))));
  const parts = [s, ...listOf(s["allOf"]).map((p) => deref(p))];
  const props: JsonObject = {};
  for (const part of parts) {
    const p = objectOf(part);
    if (part !== s && p["allOf"]) Object.assign(props, effectiveProperties(part, deref));
    Object.assign(props, objectOf(p["properties"]));
  }
  return props;
}

/**
 * The JSON media type of a content map: `application/json` first, then any `application/…+json`,
 * then anything naming json (`text/json`).
 *
 * @example
 * ```ts
 * jsonMediaType({ "text/plain": {}, "text/json": {}, "application/json": {} }); // "application/json"
 * ```
 */
export function jsonMediaType(content: unknown): string | undefined {
  const types = Object.keys(objectOf(content));
  return types.find((t) => t === "application/json") ?? types.find((t) => /^application\/[\w.+-]*\+json$/.test(t)) ?? types.find((t) => /json/.test(t));
}

/**
 * Every operation of a document (path-item parameters included, all resolved).
 *
 * @example
 * ```ts
 * listOperations(doc, localResolver(doc)); // [{ path: "/debtors", method: "get", op, params }, …]
 * ```
 */
export function listOperations(doc: unknown, deref: Deref): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [path, value] of Object.entries(objectOf(objectOf(doc)["paths"]))) {
    const item = objectOf(value);
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const params = [...listOf(item["parameters"]), ...listOf(op["parameters"])].map((p) => objectOf(deref(p)));
      out.push({ path, method, op, params });
    }
  }
  return out;
}

/**
 * The common leading segments that only prefix (`/api`, `/api/v1`, `/rest`, `/gateway`), to strip
 * from every vendor path before comparing; "" when the paths share none (or a path is nothing but
 * the prefix).
 *
 * @example
 * ```ts
 * pathPrefix(["/api/v1/Debtors", "/api/v1/Debtors/{id}"]); // "/api/v1"
 * ```
 */
export function pathPrefix(paths: readonly string[]): string {
  if (paths.length === 0) return "";
  const split = paths.map((p) => p.split("/").slice(1));
  const first = split[0] as string[];
  const prefix: string[] = [];
  for (let i = 0; split.every((s) => s.length > i + 1 && s[i] === first[i]); i += 1) {
    const segment = first[i] as string;
    if (!/^(api|v\d+(\.\d+)?|rest|gateway)$/i.test(segment)) break;
    prefix.push(segment);
  }
  return prefix.length > 0 ? `/${prefix.join("/")}` : "";
}

const words = (text: unknown) =>
  textOf(text)
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .trim();
// Letter case, `-` and `_` do not tell paths apart: `/Debtors/PaymentPlans` fits `/debtors/payment-plans`.
// Stryker disable next-line MethodExpression: both paths go through segmentKey(), so upper case compares the same
const segmentKey = (s: string) => (/^\{.*\}$/.test(s) ? "*" : s.toLowerCase().replace(/[-_]/g, ""));
const shape = (path: string) => path.split("/").filter(Boolean).map(segmentKey);
const jaccard = (a: readonly string[], b: readonly string[]) => {
  const x = new Set(a);
  const y = new Set(b);
  let both = 0;
  for (const v of x) if (y.has(v)) both += 1;
  return both / (x.size + y.size - both);
};
const bodyFields = (entry: SpecOperation, deref: Deref) => {
  const content = objectOf(deref(entry.op["requestBody"]))["content"];
  const type = jsonMediaType(content);
  return type === undefined ? undefined : Object.keys(effectiveProperties(objectOf(objectOf(content)[type])["schema"], deref));
};
// `Debtors_GetDebtor` (Swashbuckle's Controller_Action) and `debtors.getDebtor` name `getDebtor`.
// Stryker disable next-line MethodExpression: both ids go through bareId(), so upper case compares the same
const bareId = (id: unknown) => (textOf(id).split(/[_.]/).pop() as string).toLowerCase();
const queryNames = (params: readonly JsonObject[]) => params.filter((p) => p["in"] === "query").map((p) => textOf(p["name"]));

/**
 * How well a vendor operation fits one of ours: the score and the reasons that made it.
 *
 * @example
 * ```ts
 * score(vendorOp, ourOp, { prefix: "/api/v1", vDeref, oDeref }); // { total: 14, reasons: ["summary", "operationId", …] }
 * ```
 */
export function score(v: SpecOperation, o: SpecOperation, { prefix, ourPrefix = "", vDeref, oDeref }: MatchContext): { total: number; reasons: string[] } {
  const reasons: string[] = [];
  let total = 0;
  const add = (points: number, reason: string) => {
    if (points > 0) reasons.push(reason);
    total += points;
  };
  const vs = words(v.op["summary"]);
  const os = words(o.op["summary"]);
  if (vs && vs === os) add(4, "summary");
  else if (vs && os && (vs.startsWith(os) || os.startsWith(vs))) add(3, "summary");
  const vId = bareId(v.op["operationId"]);
  // Two operations without an operationId share nothing by it.
  if (vId && vId === bareId(o.op["operationId"])) add(5, "operationId");
  const vShape = shape(v.path.slice(prefix.length));
  const oShape = shape(o.path.slice(ourPrefix.length));
  if (vShape.join("/") === oShape.join("/")) add(3, "path");
  else add(2 * jaccard(vShape, oShape) - 1, "similar path");
  if (v.method === o.method) add(1, "method");
  const vPath = v.params.filter((p) => p["in"] === "path").length;
  const oPath = o.params.filter((p) => p["in"] === "path").length;
  add(vPath === oPath ? 1 : -2, "path parameters");
  const vq = queryNames(v.params);
  const oq = queryNames(o.params);
  if (vq.length + oq.length > 0) add(2 * jaccard(vq, oq) - 0.5, "query parameters");
  const vb = bodyFields(v, vDeref);
  const ob = bodyFields(o, oDeref);
  if (vb && ob) add(vb.length + ob.length > 0 ? 2 * jaccard(vb, ob) : 1, "body");
  else if (vb !== ob) total -= 2; // one side has a JSON body, the other none
  return { total, reasons };
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Pairs vendor operations with ours, one to one, best score first; a pair needs a score of at
 * least `min`. Each match lists its `rivals`: pairings within `margin` points of it that an
 * equally greedy choice could have made instead (a rival's operation that went to an even better
 * match elsewhere is no rival).
 *
 * @example
 * ```ts
 * const vDeref = localResolver(vendorDoc);
 * const oDeref = localResolver(ourDoc);
 * const vendorOps = listOperations(vendorDoc, vDeref);
 * const prefix = pathPrefix(vendorOps.map((op) => op.path));
 * const { matched, vendorOnly, oursOnly } = matchOperations(vendorOps, listOperations(ourDoc, oDeref), { prefix, vDeref, oDeref });
 * ```
 */
export function matchOperations(
  vendorOps: readonly SpecOperation[],
  ourOps: readonly SpecOperation[],
  context: MatchContext,
  min = 5,
  margin = 1,
): MatchResult {
  const pairs: { vendor: SpecOperation; ours: SpecOperation; total: number; reasons: string[] }[] = [];
  for (const v of vendorOps) for (const o of ourOps) pairs.push({ vendor: v, ours: o, ...score(v, o, context) });
  pairs.sort((a, b) => b.total - a.total);
  const byVendor = new Map<SpecOperation, number>();
  const byOurs = new Map<SpecOperation, number>();
  const chosen: (typeof pairs)[number][] = [];
  for (const pair of pairs) {
    if (pair.total < min || byVendor.has(pair.vendor) || byOurs.has(pair.ours)) continue;
    byVendor.set(pair.vendor, pair.total);
    byOurs.set(pair.ours, pair.total);
    chosen.push(pair);
  }
  const matched = chosen.map((pair) => {
    const rivals = pairs
      .filter((p) => p.total >= min && p.total >= pair.total - margin)
      .filter((p) =>
        p.vendor === pair.vendor
          ? p.ours !== pair.ours && (byOurs.get(p.ours) ?? Number.NEGATIVE_INFINITY) <= p.total
          : p.ours === pair.ours && (byVendor.get(p.vendor) ?? Number.NEGATIVE_INFINITY) <= p.total,
      )
      .map((p) => ({ vendor: p.vendor, ours: p.ours, score: round(p.total) }));
    return { vendor: pair.vendor, ours: pair.ours, score: round(pair.total), reasons: pair.reasons, rivals };
  });
  return { matched, vendorOnly: vendorOps.filter((v) => !byVendor.has(v)), oursOnly: ourOps.filter((o) => !byOurs.has(o)) };
}
