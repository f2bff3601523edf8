// A parser for `$filter`. Hand-written on purpose: of the OData parsers on npm, @odata/parser
// rejects exponent numbers (`1e+21`, which the SDK's builder emits for large values) and pulls in
// a 4 MB utility library, and @balena/odata-parser (OData v3 grammar) rejects v4's unquoted
// DateTimeOffset and GUID literals. This covers the OData v4 subset the builder produces —
// eq ne gt ge lt le, and/or/not, parentheses, null, strings with doubled quotes, numbers,
// booleans, date-times, dates, GUIDs, contains/startswith/endswith — with positions for errors.

/** A `$filter` or `$orderby` the fake cannot read or evaluate, with the 0-based position. */
export class ODataQueryError extends Error {
  override readonly name = "ODataQueryError";
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} (at position ${position})`);
  }
}

export type ComparisonOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
export type LiteralType = "string" | "number" | "boolean" | "null" | "datetime" | "date" | "guid";

/** A node of a parsed `$filter`; `pos` is where it starts. */
export type FilterNode =
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode; pos: number }
  | { kind: "not"; operand: FilterNode; pos: number }
  | { kind: "compare"; op: ComparisonOp; left: FilterNode; right: FilterNode; pos: number }
  | { kind: "call"; fn: string; args: FilterNode[]; pos: number }
  | { kind: "path"; segments: string[]; pos: number }
  | { kind: "literal"; type: LiteralType; value: string | number | boolean | null; pos: number };

type Token =
  | { t: "punct"; v: "(" | ")" | ","; pos: number }
  | { t: "word"; v: string; pos: number }
  | { t: "literal"; type: LiteralType; v: string | number | boolean | null; pos: number }
  | { t: "end"; pos: number };

const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\p{L}\p{N}_])/uy;
const DATE_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,12})?)?(?:Z|[+-]\d{2}:\d{2})(?![\p{L}\p{N}_])/uy;
const DATE = /\d{4}-\d{2}-\d{2}(?![\p{L}\p{N}_:T-])/uy;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\p{L}\p{N}_])/uy;
const WORD = /[\p{L}_][\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]*(?:\/[\p{L}_][\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]*)*/uy;
const MAX_DEPTH = 64;
const MAX_OPERATORS = 500;

function sticky(re: RegExp, text: string, pos: number): string | undefined {
  re.lastIndex = pos;
  return re.exec(text)?.[0];
}

function validCalendarDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function readString(text: string, start: number): { value: string; end: number } {
  let value = "";
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] !== "'") {
      value += text[i];
    } else if (text[i + 1] === "'") {
      value += "'";
      i += 1;
    } else {
      return { value, end: i + 1 };
    }
  }
  throw new ODataQueryError("Unterminated string literal", start);
}

/**
 * Splits a query option into tokens; a literal's kind is decided here (a GUID or date can start
 * with a digit, so those are tried before numbers).
 *
 * @example
 * ```ts
 * tokenize("a eq 'x'"); // word a, word eq, literal 'x', end
 * ```
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const ch = text[pos] ?? "";
    if (ch === " " || ch === "\t") {
      pos += 1;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ t: "punct", v: ch, pos });
      pos += 1;
      continue;
    }
    if (ch === "'") {
      const { value, end } = readString(text, pos);
      tokens.push({ t: "literal", type: "string", v: value, pos });
      pos = end;
      continue;
    }
    const guid = sticky(GUID, text, pos);
    const dateTime = guid ? undefined : sticky(DATE_TIME, text, pos);
    const date = guid || dateTime ? undefined : sticky(DATE, text, pos);
    const temporal = dateTime ?? date;
    if (temporal !== undefined && (!validCalendarDate(temporal) || Number.isNaN(Date.parse(dateTime ?? `${temporal}T00:00:00Z`)))) {
      throw new ODataQueryError(`Invalid date ${JSON.stringify(temporal)}`, pos);
    }
    const number = guid || temporal ? undefined : sticky(NUMBER, text, pos);
    const word = guid || temporal || number ? undefined : sticky(WORD, text, pos);
    if (guid) tokens.push({ t: "literal", type: "guid", v: guid, pos });
    else if (dateTime) tokens.push({ t: "literal", type: "datetime", v: dateTime, pos });
    else if (date) tokens.push({ t: "literal", type: "date", v: date, pos });
    else if (number) tokens.push({ t: "literal", type: "number", v: Number(number), pos });
    else if (word === "true" || word === "false") tokens.push({ t: "literal", type: "boolean", v: word === "true", pos });
    else if (word === "null") tokens.push({ t: "literal", type: "null", v: null, pos });
    else if (word) tokens.push({ t: "word", v: word, pos });
    else throw new ODataQueryError(`Unexpected character ${JSON.stringify(ch)}`, pos);
    pos += (guid ?? temporal ?? number ?? word ?? "").length;
  }
  tokens.push({ t: "end", pos: text.length });
  return tokens;
}

const RELATIONAL = new Set(["gt", "ge", "lt", "le"]);
const EQUALITY = new Set(["eq", "ne"]);
const KEYWORDS = new Set(["and", "or", "not", "eq", "ne", "gt", "ge", "lt", "le"]);

/**
 * Parses a `$filter` into a tree, with OData's precedence: `not` > relational (gt ge lt le) >
 * equality (eq ne) > `and` > `or`.
 *
 * @throws {ODataQueryError} with the position of the first token that does not fit.
 * @example
 * ```ts
 * parseFilter("lastname eq 'O''Brien' and not contains(email,'@x')").kind; // "and"
 * ```
 */
export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let index = 0;
  let depth = 0;
  const peek = (): Token => tokens[index] ?? { t: "end", pos: text.length };
  const isWord = (token: Token, words: ReadonlySet<string>): token is Extract<Token, { t: "word" }> => token.t === "word" && words.has(token.v);
  const describe = (token: Token) =>
    token.t === "end" ? "the end of the expression" : `"${token.t === "punct" || token.t === "word" ? token.v : text.slice(token.pos).split(" ")[0]}"`;
  const expect = (v: "(" | ")" | ",") => {
    const token = peek();
    if (token.t !== "punct" || token.v !== v) throw new ODataQueryError(`Expected "${v}" but found ${describe(token)}`, token.pos);
    index += 1;
  };

  function binary(kind: "and" | "or", next: () => FilterNode): FilterNode {
    let left = next();
    while (isWord(peek(), new Set([kind]))) {
      index += 1;
      left = { kind, left, right: next(), pos: left.pos };
    }
    return left;
  }
  const or = (): FilterNode => binary("or", and);
  const and = (): FilterNode => binary("and", equality);
  function comparison(ops: ReadonlySet<string>, next: () => FilterNode): FilterNode {
    let left = next();
    for (let token = peek(); isWord(token, ops); token = peek()) {
      index += 1;
      left = { kind: "compare", op: token.v as ComparisonOp, left, right: next(), pos: left.pos };
    }
    return left;
  }
  const equality = (): FilterNode => comparison(EQUALITY, relational);
  const relational = (): FilterNode => comparison(RELATIONAL, unary);
  function unary(): FilterNode {
    const token = peek();
    if (token.t === "word" && token.v === "not") {
      index += 1;
      if (++depth > MAX_DEPTH) throw new ODataQueryError(`Expression nested deeper than ${MAX_DEPTH} levels`, token.pos);
      const operand = unary();
      depth -= 1;
      return { kind: "not", operand, pos: token.pos };
    }
    return primary();
  }
  function primary(): FilterNode {
    const token = peek();
    if (++depth > MAX_DEPTH) throw new ODataQueryError(`Expression nested deeper than ${MAX_DEPTH} levels`, token.pos);
    try {
      if (token.t === "punct" && token.v === "(") {
        index += 1;
        const inner = or();
        expect(")");
        return inner;
      }
      if (token.t === "literal") {
        index += 1;
        return { kind: "literal", type: token.type, value: token.v, pos: token.pos };
      }
      if (token.t === "word" && !KEYWORDS.has(token.v)) {
        index += 1;
        const open = peek();
        if (open.t !== "punct" || open.v !== "(") return { kind: "path", segments: token.v.split("/"), pos: token.pos };
        index += 1;
        const args: FilterNode[] = [];
        if (!(peek().t === "punct" && (peek() as { v: string }).v === ")")) {
          args.push(or());
          while (peek().t === "punct" && (peek() as { v: string }).v === ",") {
            index += 1;
            args.push(or());
          }
        }
        expect(")");
        return { kind: "call", fn: token.v, args, pos: token.pos };
      }
      throw new ODataQueryError(`Expected a property, literal, function call or "(" but found ${describe(token)}`, token.pos);
    } finally {
      depth -= 1;
    }
  }

  // Like ASP.NET OData's MaxNodeCount, a bound on size keeps evaluation (recursive) safe.
  const operators = tokens.filter((t) => t.t === "word" && KEYWORDS.has(t.v)).length;
  if (operators > MAX_OPERATORS) throw new ODataQueryError(`Expression has ${operators} operators; at most ${MAX_OPERATORS} are evaluated`, 0);
  const tree = or();
  const rest = peek();
  if (rest.t !== "end") throw new ODataQueryError(`Unexpected ${describe(rest)} after a complete expression`, rest.pos);
  return tree;
}
