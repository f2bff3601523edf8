import { createQuerySerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { ApticUsageError } from "../../src/errors/aptic-error.js";
import { FilterExpression } from "../../src/odata/expression.js";
import { filterFor, guid, orderBy } from "../../src/odata/index.js";

interface Debtor {
  debtorGuid?: string;
  lastname?: string | null;
  fullName?: string | null;
  email?: string | null;
  regDate?: string | null;
  creditLimit?: number;
  active: boolean;
  name?: { firstName?: string | null; lastName: string } | null;
}

const f = filterFor<Debtor>();
const u = filterFor();
const GUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

/** A token of the simplified OData grammar; string literals are decoded ('' → '). */
type Token = { str: string } | { word: string } | { punct: string };

/**
 * A minimal, independent OData lexer: it is how these tests prove that a value stays inside one
 * string literal, whatever it contains.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === " ") {
      i += 1;
    } else if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ punct: ch });
      i += 1;
    } else if (ch === "'") {
      let value = "";
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated string literal in ${text}`);
        if (text[i] === "'") {
          if (text[i + 1] !== "'") break;
          value += "'";
          i += 2;
        } else {
          value += text.charAt(i);
          i += 1;
        }
      }
      i += 1;
      tokens.push({ str: value });
    } else {
      const end = text.slice(i).search(/[ (),']/);
      const word = end === -1 ? text.slice(i) : text.slice(i, i + end);
      tokens.push({ word });
      i += word.length;
    }
  }
  return tokens;
}

const w = (...words: string[]): Token[] => words.map((word) => ({ word }));

describe("literals", () => {
  it("quotes strings and doubles single quotes", () => {
    expect(String(f.eq("lastname", "O'Brien"))).toBe("lastname eq 'O''Brien'");
    expect(String(f.eq("lastname", ""))).toBe("lastname eq ''");
    expect(String(f.eq("lastname", "''"))).toBe("lastname eq ''''''");
    expect(String(f.eq("lastname", "Åsa Öberg 🦊"))).toBe("lastname eq 'Åsa Öberg 🦊'");
  });

  it("writes finite numbers in OData decimal form", () => {
    expect(String(f.eq("creditLimit", 42))).toBe("creditLimit eq 42");
    expect(String(f.lt("creditLimit", -1.5))).toBe("creditLimit lt -1.5");
    expect(String(f.ge("creditLimit", 0))).toBe("creditLimit ge 0");
    expect(String(f.ge("creditLimit", -0))).toBe("creditLimit ge 0");
    expect(String(f.gt("creditLimit", 1e21))).toBe("creditLimit gt 1e+21");
    expect(String(f.gt("creditLimit", 5e-7))).toBe("creditLimit gt 5e-7");
  });

  it.each([NaN, Infinity, -Infinity])("rejects the non-finite number %s", (n) => {
    expect(() => f.eq("creditLimit", n)).toThrow(ApticUsageError);
    expect(() => f.eq("creditLimit", n)).toThrow(/must be finite/);
  });

  it("writes booleans and null bare", () => {
    expect(String(f.eq("active", true))).toBe("active eq true");
    expect(String(f.ne("active", false))).toBe("active ne false");
    expect(String(f.eq("email", null))).toBe("email eq null");
    expect(String(f.ne("email", null))).toBe("email ne null");
  });

  it("rejects null with ordering operators", () => {
    for (const op of ["gt", "ge", "lt", "le"] as const) {
      expect(() => u[op]("email", null as unknown as string)).toThrow(ApticUsageError);
    }
  });

  it("writes dates as unquoted ISO 8601 UTC", () => {
    expect(String(f.gt("regDate", new Date(Date.UTC(2024, 0, 1, 12, 30))))).toBe("regDate gt 2024-01-01T12:30:00.000Z");
    expect(String(f.le("regDate", new Date("2024-01-01T01:00:00+02:00")))).toBe("regDate le 2023-12-31T23:00:00.000Z");
    expect(String(u.eq("d", new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999))))).toBe("d eq 9999-12-31T23:59:59.999Z");
  });

  it("rejects invalid and out-of-range dates", () => {
    expect(() => f.gt("regDate", new Date("not a date"))).toThrow(ApticUsageError);
    expect(() => f.gt("regDate", new Date(Date.UTC(10000, 0, 1)))).toThrow(ApticUsageError);
    expect(() => f.gt("regDate", new Date(Date.UTC(-1, 0, 1)))).toThrow(ApticUsageError);
  });

  it("writes GUIDs unquoted, exactly as given", () => {
    expect(String(f.eq("debtorGuid", guid(GUID)))).toBe(`debtorGuid eq ${GUID}`);
    expect(String(f.eq("debtorGuid", guid(GUID.toUpperCase())))).toBe(`debtorGuid eq ${GUID.toUpperCase()}`);
    expect(String(guid(GUID))).toBe(GUID);
  });

  it.each([
    "",
    "0f8fad5b-d9cb-469f-a165",
    "0f8fad5bd9cb469fa16570867728950e",
    "0f8fad5b-d9cb-469f-a165-70867728950g",
    `{${GUID}}`,
    `${GUID}\n`,
    ` ${GUID}`,
    `${GUID} or 1 eq 1`,
  ])("rejects the malformed GUID %j", (bad) => {
    expect(() => guid(bad)).toThrow(ApticUsageError);
  });

  it("rejects values that have no OData literal", () => {
    for (const bad of [undefined, {}, [], 10n, Symbol("x"), () => 1, { value: GUID }]) {
      expect(() => u.eq("x", bad as unknown as string)).toThrow(ApticUsageError);
    }
    expect(() => u.eq("x", undefined as unknown as string)).toThrow(/use null/);
  });

  it("rejects lone surrogates, which cannot be URL-encoded", () => {
    expect(() => f.eq("lastname", "a\uD800b")).toThrow(ApticUsageError);
    expect(() => f.contains("lastname", "\uDC00")).toThrow(ApticUsageError);
  });
});

describe("field names", () => {
  it("accepts identifiers and /-separated nested paths", () => {
    expect(String(f.eq("name/firstName", "Astrid"))).toBe("name/firstName eq 'Astrid'");
    expect(String(u.eq("_a1/b_2/C3", 1))).toBe("_a1/b_2/C3 eq 1");
    expect(String(u.eq("förnamn", "Åsa"))).toBe("förnamn eq 'Åsa'");
  });

  it.each([
    "",
    "1abc",
    "a b",
    "a/",
    "/a",
    "a//b",
    "a-b",
    "a.b",
    "$expand",
    "a'b",
    "lastname eq 'x' or 1",
    "a\nb",
    "a\u200Bb",
    "x".repeat(129),
    "null",
    "TRUE",
    "not",
    "name/and",
  ])("rejects the field name %j", (bad) => {
    expect(() => u.eq(bad, 1)).toThrow(ApticUsageError);
    expect(() => u.contains(bad, "x")).toThrow(ApticUsageError);
    expect(() => orderBy({ field: bad })).toThrow(ApticUsageError);
  });

  it("explains what a field name must look like", () => {
    expect(() => u.eq("a b", 1)).toThrow(/Invalid OData field name "a b".*separated by "\/"/);
    expect(() => u.eq(42 as unknown as string, 1)).toThrow(/must be a string/);
  });
});

describe("string functions", () => {
  it("writes contains/startswith/endswith with a quoted argument", () => {
    expect(String(f.contains("email", "@example"))).toBe("contains(email,'@example')");
    expect(String(f.startswith("name/lastName", "O'B"))).toBe("startswith(name/lastName,'O''B')");
    expect(String(f.endswith("email", ".se"))).toBe("endswith(email,'.se')");
  });

  it("requires a string argument", () => {
    expect(() => u.contains("email", 1 as unknown as string)).toThrow(ApticUsageError);
    expect(() => u.contains("email", null as unknown as string)).toThrow(ApticUsageError);
  });
});

describe("grouping and precedence", () => {
  // Built inside each test, never at collection or in a hook: a builder that throws must fail
  // these tests (not hide them), and Stryker counts code run in hooks as "static" (slow to test).
  const operands = () => ({ a: f.eq("lastname", "A"), b: f.eq("creditLimit", 2), c: f.eq("active", true), d: f.contains("email", "x") });

  it("joins comparisons without parentheses", () => {
    const { a, b, c } = operands();
    expect(String(f.and(a, b, c))).toBe("lastname eq 'A' and creditLimit eq 2 and active eq true");
    expect(String(f.or(a, b))).toBe("lastname eq 'A' or creditLimit eq 2");
  });

  it("parenthesises or inside and, and and inside or", () => {
    const { a, b, c, d } = operands();
    expect(String(f.and(a, f.or(b, c)))).toBe("lastname eq 'A' and (creditLimit eq 2 or active eq true)");
    expect(String(f.or(f.and(a, b), c))).toBe("(lastname eq 'A' and creditLimit eq 2) or active eq true");
    expect(String(f.and(f.or(a, f.and(b, c)), d))).toBe("(lastname eq 'A' or (creditLimit eq 2 and active eq true)) and contains(email,'x')");
  });

  it("keeps same-operator nesting flat (and/or are associative)", () => {
    const { a, b, c } = operands();
    expect(String(f.and(a, f.and(b, c)))).toBe("lastname eq 'A' and creditLimit eq 2 and active eq true");
    expect(String(f.or(f.or(a, b), c))).toBe("lastname eq 'A' or creditLimit eq 2 or active eq true");
  });

  it("parenthesises everything but function calls under not", () => {
    const { a, b, d } = operands();
    expect(String(f.not(a))).toBe("not (lastname eq 'A')");
    expect(String(f.not(d))).toBe("not contains(email,'x')");
    expect(String(f.not(f.and(a, b)))).toBe("not (lastname eq 'A' and creditLimit eq 2)");
    expect(String(f.not(f.not(d)))).toBe("not (not contains(email,'x'))");
    expect(String(f.and(f.not(a), b))).toBe("not (lastname eq 'A') and creditLimit eq 2");
  });

  it("returns a single operand unchanged", () => {
    const { a, d } = operands();
    expect(f.and(a)).toBe(a);
    expect(f.or(d)).toBe(d);
    expect(String(f.and(f.or(a)))).toBe("lastname eq 'A'");
  });

  it("builds the issue's example", () => {
    const expr = f.and(f.eq("lastname", "O'Brien"), f.or(f.gt("regDate", new Date("2024-01-01")), f.not(f.contains("email", "@example"))));
    expect(String(expr)).toBe("lastname eq 'O''Brien' and (regDate gt 2024-01-01T00:00:00.000Z or not contains(email,'@example'))");
    expect(`${expr}`).toBe(expr.toString());
  });

  it("rejects missing operands and anything not built by the builder", () => {
    const { a } = operands();
    const anyAnd = u.and as (...operands: unknown[]) => unknown;
    expect(() => anyAnd()).toThrow(ApticUsageError);
    expect(() => anyAnd("lastname eq 'x') or (1 eq 1")).toThrow(ApticUsageError);
    expect(() => anyAnd(a, { toString: () => "1 eq 1" })).toThrow(ApticUsageError);
    expect(() => u.not("x" as unknown as FilterExpression)).toThrow(ApticUsageError);
    const forge = FilterExpression as unknown as new (token: symbol, text: string, kind: string) => unknown;
    expect(() => new forge(Symbol("FilterExpression"), "1 eq 1", "comparison")).toThrow(ApticUsageError);
  });

  it("works destructured", () => {
    const { eq, or } = filterFor<Debtor>();
    expect(String(or(eq("lastname", "A"), eq("lastname", "B")))).toBe("lastname eq 'A' or lastname eq 'B'");
  });
});

describe("injection attempts stay one string literal", () => {
  const attacks = ["x' or 1 eq 1 or '", "&$expand=Secret", "%27", "') or true or ('", "line one\nline two\r\n' or 1 eq 1", "'", "\\' or 1 eq 1 --", "a'',b"];

  it.each(attacks)("%j in a comparison", (evil) => {
    const text = String(f.and(f.eq("lastname", evil), f.eq("active", true)));
    expect(tokenize(text)).toEqual([...w("lastname", "eq"), { str: evil }, ...w("and", "active", "eq", "true")]);
  });

  it.each(attacks)("%j in a string function", (evil) => {
    const text = String(f.or(f.not(f.contains("email", evil)), f.eq("creditLimit", 1)));
    expect(tokenize(text)).toEqual([
      ...w("not", "contains"),
      { punct: "(" },
      { word: "email" },
      { punct: "," },
      { str: evil },
      { punct: ")" },
      ...w("or", "creditLimit", "eq", "1"),
    ]);
  });

  it("does not percent-decode or -encode: %27 stays three characters", () => {
    expect(String(f.eq("lastname", "%27"))).toBe("lastname eq '%27'");
  });
});

describe("URL encoding round trip", () => {
  const build = () =>
    String(f.and(f.eq("lastname", "x' or 1 eq 1 or '"), f.or(f.contains("email", "&$expand=Secret %27 + #"), f.gt("regDate", new Date(Date.UTC(2024, 0, 1))))));

  it("survives URLSearchParams encoding and decoding unchanged", () => {
    const expr = build();
    const encoded = new URLSearchParams({ $filter: expr, $orderby: orderBy("lastname") }).toString();
    const decoded = new URLSearchParams(encoded);
    expect(decoded.get("$filter")).toBe(expr);
    expect([...decoded.keys()]).toEqual(["$filter", "$orderby"]);
  });

  it("survives openapi-fetch's query serializer as a single $filter parameter", () => {
    const expr = build();
    const query = createQuerySerializer()({ $filter: expr, $top: 10 });
    expect(query.startsWith("$filter=")).toBe(true);
    const decoded = new URLSearchParams(query);
    expect([...decoded.keys()]).toEqual(["$filter", "$top"]);
    expect(decoded.get("$filter")).toBe(expr);
    expect(decodeURIComponent(query.slice("$filter=".length, query.indexOf("&$top")))).toBe(expr);
  });
});

describe("orderBy", () => {
  it("writes field names with explicit directions, comma-separated", () => {
    expect(orderBy<Debtor>("lastname", "fullName desc")).toBe("lastname asc,fullName desc");
    expect(orderBy("fullname desc")).toBe("fullname desc");
    expect(orderBy<Debtor>("name/lastName asc")).toBe("name/lastName asc");
  });

  it("accepts structured terms and arrays of terms", () => {
    expect(orderBy<Debtor>([{ field: "regDate", direction: "desc" }, { field: "lastname" }])).toBe("regDate desc,lastname asc");
    expect(orderBy<Debtor>("active desc", [{ field: "lastname", direction: "asc" }], ["fullName"])).toBe("active desc,lastname asc,fullName asc");
  });

  it("tolerates extra whitespace in string terms", () => {
    expect(orderBy("  lastname   desc ")).toBe("lastname desc");
  });

  it.each(["lastname DESC", "lastname up", "lastname desc extra", "lastname desc,fullName"])("rejects the string term %j", (bad) => {
    expect(() => orderBy(bad)).toThrow(ApticUsageError);
  });

  it("rejects bad structured terms and missing terms", () => {
    expect(() => orderBy({ field: "lastname", direction: "Desc" as "desc" })).toThrow(/use "asc" or "desc"/);
    expect(() => orderBy(null as unknown as string)).toThrow(ApticUsageError);
    expect(() => orderBy({} as unknown as string)).toThrow(ApticUsageError);
    expect(() => orderBy()).toThrow(ApticUsageError);
    expect(() => orderBy([])).toThrow(ApticUsageError);
    expect(() => orderBy("")).toThrow(ApticUsageError);
  });
});

describe("every operator writes its own OData", () => {
  it.each([
    ["eq", "creditLimit eq 5"],
    ["ne", "creditLimit ne 5"],
    ["gt", "creditLimit gt 5"],
    ["ge", "creditLimit ge 5"],
    ["lt", "creditLimit lt 5"],
    ["le", "creditLimit le 5"],
  ] as const)("%s", (op, text) => {
    expect(String(f[op]("creditLimit", 5))).toBe(text);
    expect(f[op]("creditLimit", 5).kind).toBe("comparison");
  });

  it.each([
    ["contains", "contains(email,'a''b')"],
    ["startswith", "startswith(email,'a''b')"],
    ["endswith", "endswith(email,'a''b')"],
  ] as const)("%s", (fn, text) => {
    expect(String(f[fn]("email", "a'b"))).toBe(text);
    expect(f[fn]("email", "a'b").kind).toBe("call");
  });

  it("compares with null only through eq and ne", () => {
    expect(String(f.eq("lastname", null))).toBe("lastname eq null");
    expect(String(f.ne("lastname", null))).toBe("lastname ne null");
    for (const op of ["gt", "ge", "lt", "le"] as const) {
      expect(() => u[op]("regDate", null as unknown as string)).toThrow(`OData "${op}" cannot compare "regDate" with null; use eq or ne.`);
    }
  });

  it("renders booleans, numbers and a GUID unquoted", () => {
    expect(String(u.eq("a", false))).toBe("a eq false");
    expect(String(u.eq("a", -1.5))).toBe("a eq -1.5");
    expect(String(u.eq("a", 1e21))).toBe("a eq 1e+21");
    expect(String(u.eq("a", guid(GUID)))).toBe(`a eq ${GUID}`);
    expect(String(guid(GUID))).toBe(GUID);
    expect(guid(GUID.toUpperCase()).value).toBe(GUID.toUpperCase());
  });
});

describe("error messages say what was wrong", () => {
  it("for values without an OData literal", () => {
    expect(() => u.eq("a", Number.NaN)).toThrow("OData number literal must be finite, got NaN.");
    expect(() => u.eq("a", undefined as unknown as string)).toThrow("OData literal is undefined; use null to compare with null.");
    expect(() => u.eq("a", [1] as unknown as string)).toThrow("Unsupported OData literal 1: use a string, finite number, boolean, Date, guid(...) or null.");
    expect(() => u.eq("a", "x\uD800")).toThrow('OData string literal "x\\ud800" contains a lone UTF-16 surrogate and cannot be URL-encoded.');
    expect(() => u.contains("a", 5 as unknown as string)).toThrow("OData contains() needs a string value, got 5.");
  });

  it("for dates outside 0000–9999 or invalid", () => {
    expect(String(u.eq("d", new Date("0000-01-01T00:00:00Z")))).toBe("d eq 0000-01-01T00:00:00.000Z");
    expect(() => u.eq("d", new Date("-000001-12-31T23:59:59.999Z"))).toThrow(/^OData date literal must be a valid Date between years 0000 and 9999, got /);
    expect(() => u.eq("d", new Date(Date.UTC(10000, 0, 1)))).toThrow(/between years 0000 and 9999/);
    expect(() => u.eq("d", new Date("nope"))).toThrow("OData date literal must be a valid Date between years 0000 and 9999, got Invalid Date.");
  });

  it("for surrogates: a lone one is refused, a pair is fine", () => {
    expect(String(u.eq("a", "😀"))).toBe("a eq '😀'");
    expect(() => u.eq("a", "\uDC00")).toThrow(ApticUsageError);
  });

  it("for field names", () => {
    expect(() => u.eq(5 as unknown as string, 1)).toThrow("OData field name must be a string, got 5.");
    expect(() => u.eq("1abc", 1)).toThrow(
      'Invalid OData field name "1abc": expected identifiers (letters, digits, "_"; not starting with a digit), optionally separated by "/" for nested properties, e.g. "name/firstName".',
    );
    expect(() => u.eq("name/AND", 1)).toThrow('Invalid OData field name "name/AND": "AND" is an OData keyword and would not be read as a property.');
  });

  it("for expressions not made by the builder and empty junctions", () => {
    const anyOr = u.or as (...operands: unknown[]) => unknown;
    expect(() => anyOr("a eq 1")).toThrow('OData "or" accepts only expressions made by filterFor(), got "a eq 1".');
    expect(() => anyOr()).toThrow('OData "or" needs at least one expression.');
    expect(() => u.not({} as FilterExpression)).toThrow('OData "not" accepts only expressions made by filterFor(), got [object Object].');
    const forge = FilterExpression as unknown as new (token: symbol, text: string, kind: string) => unknown;
    expect(() => new forge(Symbol("x"), "1 eq 1", "comparison")).toThrow("FilterExpression cannot be constructed directly; use filterFor().");
  });

  it("for GUIDs, including objects that only pretend to be one", () => {
    expect(() => guid("nope")).toThrow('Invalid GUID "nope": expected 8-4-4-4-12 hexadecimal digits, e.g. "0f8fad5b-d9cb-469f-a165-70867728950e".');
    // An object whose toString yields a GUID must not get in: it could return something else later.
    expect(() => guid({ toString: () => GUID } as unknown as string)).toThrow(ApticUsageError);
  });

  it("for $orderby terms", () => {
    expect(() => orderBy()).toThrow("orderBy() needs at least one term; leave $orderby out to use the default order.");
    expect(() => orderBy("a b c")).toThrow('Invalid $orderby term "a b c": use "field", "field asc", "field desc" or { field, direction }.');
    expect(() => orderBy("a up")).toThrow('Invalid $orderby direction "up" for "a": use "asc" or "desc".');
    expect(() => orderBy(5 as unknown as string)).toThrow("Invalid $orderby term 5:");
  });

  it("shortens long values to 60 characters", () => {
    const at60 = "a".repeat(58); // 60 with its quotes
    expect(() => u.eq(5 as unknown as string, 1)).toThrow("got 5.");
    expect(() => orderBy(`${at60} up`)).toThrow(`Invalid $orderby direction "up" for "${at60}": use`);
    const long = "b".repeat(59); // 61 with its quotes: cut to 57 characters and "..."
    expect(() => orderBy(`${long} up`)).toThrow(`for "${"b".repeat(56)}...: use`);
  });
});

describe("field name grammar", () => {
  it.each(["a", "_", "_a1", "Åsa", "naïve", "a_b", "x\u0301", "a‿b", "Ⅻ", `a${"b".repeat(127)}`, "name/firstName", "a/b/c"])("accepts %j", (field) => {
    expect(String(u.eq(field, 1))).toBe(`${field} eq 1`);
  });

  it.each(["", "1a", "a-b", "a b", "a.b", "a/", "/a", "a//b", "\u0301a", `a${"b".repeat(128)}`, "a\u200bb", "$filter", "a'"])("refuses %j", (field) => {
    expect(() => u.eq(field, 1)).toThrow(/Invalid OData field name/);
  });

  it.each([
    "true",
    "false",
    "null",
    "inf",
    "nan",
    "and",
    "or",
    "not",
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "has",
    "in",
    "add",
    "sub",
    "mul",
    "div",
    "divby",
    "mod",
    "asc",
    "desc",
  ])("refuses the keyword %s as a field, in any case", (word) => {
    expect(() => u.eq(word, 1)).toThrow(`"${word}" is an OData keyword`);
    expect(() => u.eq(`x/${word.toUpperCase()}`, 1)).toThrow(`"${word.toUpperCase()}" is an OData keyword`);
    expect(String(u.eq(`${word}x`, 1))).toBe(`${word}x eq 1`);
  });
});

describe("expression kinds", () => {
  it("tells comparisons, calls, junctions and negations apart", () => {
    const a = f.eq("lastname", "A");
    const c = f.contains("email", "x");
    expect([a.kind, c.kind, f.and(a, c).kind, f.or(a, c).kind, f.not(a).kind, f.not(c).kind]).toEqual(["comparison", "call", "and", "or", "not", "not"]);
    // A negation is not a junction: nothing around it gets parenthesised twice.
    expect(String(f.or(f.not(a), c))).toBe("not (lastname eq 'A') or contains(email,'x')");
  });
});
