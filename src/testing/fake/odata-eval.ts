import { ODataQueryError, parseFilter, type ComparisonOp, type FilterNode } from "./odata-parse.js";
import { readPath, type FieldKind, type FieldLookup } from "./schema-fields.js";

/** The kind of a compiled operand; `null` is the null literal. */
type OperandKind = FieldKind | "null" | "date";
interface Operand {
  kind: OperandKind;
  literal: boolean;
  get(item: unknown): unknown;
}

const STRING_FUNCTIONS: Record<string, (field: string, text: string) => boolean> = {
  contains: (field, text) => field.includes(text),
  startswith: (field, text) => field.startsWith(text),
  endswith: (field, text) => field.endsWith(text),
};

// A date-time compares as an instant. Values are validated against the schema when stored, so an
// unparsable one can only come from a seed that skipped validation: it compares as missing.
function instant(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** How two kinds compare, or `undefined` when OData would call them incompatible. */
function coercion(a: OperandKind, b: OperandKind): ((v: unknown) => unknown) | undefined {
  const pair = new Set([a, b]);
  pair.delete("any");
  if (pair.size === 0) return (v) => v;
  const temporal = pair.has("datetime") || pair.has("date");
  if (temporal) return [...pair].every((k) => k === "datetime" || k === "date") ? instant : undefined;
  // GUIDs are case-insensitive; the spec types GUID fields as plain strings, so strings take GUID literals.
  if (pair.has("guid")) return [...pair].every((k) => k === "guid" || k === "string") ? (v) => (typeof v === "string" ? v.toLowerCase() : v) : undefined;
  if (pair.size !== 1) return undefined;
  const [kind] = pair;
  return kind === "object" || kind === "array" ? undefined : (v) => v;
}

function order(a: unknown, b: unknown): number | undefined {
  if (typeof a !== typeof b) return undefined;
  if (typeof a === "string" || typeof a === "number" || typeof a === "boolean") return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
  return undefined;
}

const isMissing = (v: unknown) => v === null || v === undefined;

function compareWith(op: ComparisonOp, left: unknown, right: unknown): boolean {
  if (isMissing(left) || isMissing(right)) {
    // eq/ne treat null as a value; ordering against null is false (as LINQ over nullable values).
    if (op === "eq") return isMissing(left) && isMissing(right);
    if (op === "ne") return !(isMissing(left) && isMissing(right));
    return false;
  }
  const c = order(left, right);
  if (c === undefined) return op === "ne";
  switch (op) {
    case "eq":
      return c === 0;
    case "ne":
      return c !== 0;
    case "gt":
      return c > 0;
    case "ge":
      return c >= 0;
    case "lt":
      return c < 0;
    case "le":
      return c <= 0;
  }
}

type Predicate = (item: unknown) => boolean;

function compileOperand(node: FilterNode, fields: FieldLookup, typeName: string): Operand {
  switch (node.kind) {
    case "literal": {
      const value = node.type === "guid" && typeof node.value === "string" ? node.value.toLowerCase() : node.value;
      const kind: OperandKind = node.type === "null" ? "null" : node.type === "datetime" ? "datetime" : node.type === "date" ? "date" : node.type;
      return { kind, literal: true, get: () => value };
    }
    case "path": {
      const kind = fields(node.segments);
      if (kind === undefined) throw new ODataQueryError(`Could not find a property named '${node.segments.join("/")}' on type '${typeName}'`, node.pos);
      return { kind, literal: false, get: (item) => readPath(item, node.segments) };
    }
    default: {
      const predicate = compileBoolean(node, fields, typeName);
      return { kind: "boolean", literal: false, get: predicate };
    }
  }
}

function compileBoolean(node: FilterNode, fields: FieldLookup, typeName: string): Predicate {
  switch (node.kind) {
    case "and": {
      const [l, r] = [compileBoolean(node.left, fields, typeName), compileBoolean(node.right, fields, typeName)];
      return (item) => l(item) && r(item);
    }
    case "or": {
      const [l, r] = [compileBoolean(node.left, fields, typeName), compileBoolean(node.right, fields, typeName)];
      return (item) => l(item) || r(item);
    }
    case "not": {
      const inner = compileBoolean(node.operand, fields, typeName);
      return (item) => !inner(item);
    }
    case "compare": {
      const left = compileOperand(node.left, fields, typeName);
      const right = compileOperand(node.right, fields, typeName);
      const coerce = left.kind === "null" || right.kind === "null" ? (v: unknown) => v : coercion(left.kind, right.kind);
      if (!coerce) throw new ODataQueryError(`Cannot compare ${left.kind} with ${right.kind} using '${node.op}'`, node.pos);
      return (item) => compareWith(node.op, coerce(left.get(item)), coerce(right.get(item)));
    }
    case "call": {
      const fn = STRING_FUNCTIONS[node.fn];
      if (!fn) throw new ODataQueryError(`Unsupported function '${node.fn}' (the fake evaluates contains, startswith and endswith)`, node.pos);
      const [field, text] = node.args;
      if (node.args.length !== 2 || !field || !text) throw new ODataQueryError(`${node.fn}() takes 2 arguments, got ${node.args.length}`, node.pos);
      const subject = compileOperand(field, fields, typeName);
      const needle = compileOperand(text, fields, typeName);
      for (const operand of [subject, needle]) {
        if (operand.kind !== "string" && operand.kind !== "any")
          throw new ODataQueryError(`${node.fn}() needs string arguments, got ${operand.kind}`, node.pos);
      }
      return (item) => {
        const s = subject.get(item);
        const t = needle.get(item);
        return typeof s === "string" && typeof t === "string" && fn(s, t);
      };
    }
    case "path": {
      if (fields(node.segments) === "boolean") return (item) => readPath(item, node.segments) === true;
      throw new ODataQueryError(`'${node.segments.join("/")}' is not a boolean expression`, node.pos);
    }
    case "literal":
      if (node.type === "boolean") return () => node.value === true;
      throw new ODataQueryError("Expected a boolean expression, found a literal", node.pos);
  }
}

/**
 * Compiles a `$filter` into a predicate over stored items, checking property names and operand
 * types against the item schema first (as ASP.NET OData does), so a typo or a type mismatch is a
 * 400 naming the position rather than an empty page.
 *
 * @throws {ODataQueryError} for syntax errors, unknown properties, incompatible comparisons and
 * unsupported functions.
 * @example
 * ```ts
 * const keep = compileFilter("startswith(lastname,'Lind')", fieldLookup(debtorSchema, resolve), "Debtor");
 * items.filter(keep);
 * ```
 */
export function compileFilter(text: string, fields: FieldLookup, typeName: string): Predicate {
  return compileBoolean(parseFilter(text), fields, typeName);
}
