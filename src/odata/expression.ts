import { ApticUsageError } from "../errors/aptic-error.js";
import { describeValue } from "./field-path.js";

/** What kind of node an expression is; decides where parentheses are needed when it is nested. */
type ExpressionKind = "or" | "and" | "not" | "comparison" | "call";

// Only code in src/odata holds this token, so callers cannot wrap an arbitrary string as an
// expression and bypass literal escaping.
const INTERNAL: unique symbol = Symbol("FilterExpression");

/**
 * One `$filter` expression built by {@link filterFor}. Immutable; `String(expr)` (or a template
 * literal) gives the OData text to pass as `params.query.$filter`.
 *
 * @example
 * ```ts
 * const f = filterFor<Debtor>();
 * const expr: FilterExpression = f.eq("lastname", "Lindqvist");
 * await client.GET("/debtors", { params: { query: { $filter: String(expr) } } });
 * ```
 */
export class FilterExpression {
  readonly #text: string;
  readonly #kind: ExpressionKind;

  constructor(token: typeof INTERNAL, text: string, kind: ExpressionKind) {
    if (token !== INTERNAL) {
      throw new ApticUsageError("FilterExpression cannot be constructed directly; use filterFor().");
    }
    this.#text = text;
    this.#kind = kind;
  }

  /** The node kind; `and`/`or`/`not` read it to decide where parentheses are needed. */
  get kind(): ExpressionKind {
    return this.#kind;
  }

  toString(): string {
    return this.#text;
  }
}

/**
 * Creates an expression node from text the builder has already made safe.
 *
 * @example
 * ```ts
 * createExpression("lastname eq 'Lindqvist'", "comparison");
 * ```
 */
export function createExpression(text: string, kind: ExpressionKind): FilterExpression {
  return new FilterExpression(INTERNAL, text, kind);
}

function assertExpression(operand: unknown, operator: string): asserts operand is FilterExpression {
  // A raw string here would be concatenated unescaped, so only builder-made expressions pass.
  if (!(operand instanceof FilterExpression)) {
    throw new ApticUsageError(`OData "${operator}" accepts only expressions made by filterFor(), got ${describeValue(operand)}.`);
  }
}

/**
 * Joins 1+ expressions with `and`/`or`. A nested `and` inside `or` (or the reverse) is always
 * parenthesised, even though OData precedence would not require it for `and` inside `or`: the
 * gateway only promises a "simplified" OData, so the output must not depend on its precedence rules.
 * Same-operator nesting is left flat, which is safe because `and`/`or` are associative.
 *
 * @throws {ApticUsageError} for no operands or an operand not made by the builder.
 * @example
 * ```ts
 * String(combine("and", [a, combine("or", [b, c])])); // => "a eq 1 and (b eq 2 or c eq 3)"
 * ```
 */
export function combine(operator: "and" | "or", operands: readonly unknown[]): FilterExpression {
  if (operands.length === 0) {
    throw new ApticUsageError(`OData "${operator}" needs at least one expression.`);
  }
  const checked = operands.map((operand) => {
    assertExpression(operand, operator);
    return operand;
  });
  // Non-empty: checked above. The cast saves a dead `first !== undefined` test.
  const [first, ...rest] = checked as [FilterExpression, ...FilterExpression[]];
  if (rest.length === 0) return first;
  const parts = checked.map((operand) => {
    const mixed = (operand.kind === "and" || operand.kind === "or") && operand.kind !== operator;
    return mixed ? `(${operand.toString()})` : operand.toString();
  });
  return createExpression(parts.join(` ${operator} `), operator);
}

/**
 * Negates an expression. `not` binds tighter than comparisons in OData (`not a eq 1` means
 * `(not a) eq 1`), so everything except a function call is parenthesised.
 *
 * @throws {ApticUsageError} for an operand not made by the builder.
 * @example
 * ```ts
 * String(negate(eqExpr));       // => "not (lastname eq 'x')"
 * String(negate(containsExpr)); // => "not contains(email,'@example')"
 * ```
 */
export function negate(operand: unknown): FilterExpression {
  assertExpression(operand, "not");
  const text = operand.kind === "call" ? operand.toString() : `(${operand.toString()})`;
  return createExpression(`not ${text}`, "not");
}
