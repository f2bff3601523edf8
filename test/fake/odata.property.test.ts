// Property-based: for random debtors and random filters built with the SDK's own OData builder,
// the fake's page equals a reference evaluation of the same filter structure over the same
// items (the reference never parses text, so it checks the fake's parser and evaluator). Ordering
// and paging likewise.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paginate, type components } from "../../src/index.js";
import { listDebtors } from "../../src/operations/index.js";
import { filterFor, guid, orderBy, type FilterExpression } from "../../src/odata/index.js";
import { createFakeGateway, type FakeGateway } from "../../src/testing/index.js";
import { fakeClient } from "./support/client.js";

type Debtor = components["schemas"]["Debtor"];
const f = filterFor<Debtor>();

const NAMES = ["Lindqvist", "lind", "O'Brien", "Berg", "Ågren", "", "Lindqvist-Berg", "ÅGREN", "'"];
const GUIDS = ["0f8fad5b-d9cb-469f-a165-70867728950e", "3F2C8A61-5B7E-4D2A-9C1F-8E6B4A2D7C90", "7c9e6679-7425-40de-944b-e07fc1f90ae7"];
const DATES = ["2024-02-14T09:30:00Z", "2024-02-14T10:30:00+01:00", "1999-12-31T23:59:59.999Z", "2026-01-01T00:00:00.000Z"];

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });
const debtorArb = fc.record(
  {
    lastname: maybe(fc.constantFrom(...NAMES)),
    currencyCode: maybe(fc.constantFrom("SEK", "EUR", "NOK")),
    juridicalType: fc.constantFrom(0 as const, 1 as const),
    underAged: maybe(fc.boolean()),
    regDate: maybe(fc.constantFrom(...DATES)),
    debtorReference: maybe(fc.constantFrom(...GUIDS, "D-1")),
  },
  { requiredKeys: ["juridicalType"] },
);

type Field = "lastname" | "currencyCode" | "juridicalType" | "underAged" | "regDate" | "debtorReference";
type Op = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
type Value = string | number | boolean | null | Date | { guid: string };
type Expr =
  | { cmp: Op; field: Field; value: Value }
  | { fn: "contains" | "startswith" | "endswith"; field: "lastname" | "currencyCode"; text: string }
  | { and: Expr[] }
  | { or: Expr[] }
  | { not: Expr };

const valueFor: Record<Field, fc.Arbitrary<Value>> = {
  lastname: fc.constantFrom<Value>(...NAMES, null),
  currencyCode: fc.constantFrom<Value>("SEK", "EUR", "sek", null),
  juridicalType: fc.constantFrom<Value>(0, 1, -1.5, 1e21),
  underAged: fc.constantFrom<Value>(true, false, null),
  regDate: fc.constantFrom<Value>(...DATES.map((d) => new Date(d))),
  debtorReference: fc.constantFrom<Value>(...GUIDS.map((g) => ({ guid: g.toLowerCase() })), ...GUIDS.map((g) => ({ guid: g })), "D-1", null),
};

const comparison: fc.Arbitrary<Expr> = fc
  .constantFrom<Field>("lastname", "currencyCode", "juridicalType", "underAged", "regDate", "debtorReference")
  .chain((field) =>
    fc
      .tuple(fc.constantFrom<Op>("eq", "ne", "gt", "ge", "lt", "le"), valueFor[field])
      .map(([cmp, value]) => ({ cmp: value === null && cmp !== "eq" && cmp !== "ne" ? "eq" : cmp, field, value })),
  );
const call: fc.Arbitrary<Expr> = fc.record({
  fn: fc.constantFrom("contains" as const, "startswith" as const, "endswith" as const),
  field: fc.constantFrom("lastname" as const, "currencyCode" as const),
  text: fc.constantFrom("Lind", "'", "", "q", "EK", "Å", "berg"),
});
const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 4, depthIdentifier: "expr" },
    comparison,
    call,
    fc.array(tie("expr"), { minLength: 1, maxLength: 3 }).map((and) => ({ and })),
    fc.array(tie("expr"), { minLength: 1, maxLength: 3 }).map((or) => ({ or })),
    tie("expr").map((not) => ({ not })),
  ),
}));

function build(e: Expr): FilterExpression {
  if ("cmp" in e) {
    const value = typeof e.value === "object" && e.value !== null && "guid" in e.value ? guid(e.value.guid) : e.value;
    return (f[e.cmp] as (field: string, v: unknown) => FilterExpression)(e.field, value);
  }
  if ("fn" in e) return f[e.fn](e.field, e.text);
  if ("and" in e) return f.and(...(e.and.map(build) as [FilterExpression, ...FilterExpression[]]));
  if ("or" in e) return f.or(...(e.or.map(build) as [FilterExpression, ...FilterExpression[]]));
  return f.not(build(e.not));
}

// The reference semantics (documented in the README): strings ordinal and case-sensitive, GUIDs
// case-insensitive, date-times as instants, null equals only null, ordering against null false.
function key(_field: Field, v: unknown, literal: Value): unknown {
  if (v === null || v === undefined) return null;
  if (literal instanceof Date) return Date.parse(String(v));
  if (typeof literal === "object" && literal !== null && "guid" in literal) return String(v).toLowerCase();
  return v;
}
function evaluate(e: Expr, d: Record<string, unknown>): boolean {
  if ("and" in e) return e.and.every((x) => evaluate(x, d));
  if ("or" in e) return e.or.some((x) => evaluate(x, d));
  if ("not" in e) return !evaluate(e.not, d);
  if ("fn" in e) {
    const v = d[e.field];
    if (typeof v !== "string") return false;
    return e.fn === "contains" ? v.includes(e.text) : e.fn === "startswith" ? v.startsWith(e.text) : v.endsWith(e.text);
  }
  const lit = e.value instanceof Date ? e.value.getTime() : typeof e.value === "object" && e.value !== null ? e.value.guid.toLowerCase() : e.value;
  const v = key(e.field, d[e.field], e.value);
  if (v === null || lit === null) return e.cmp === "eq" ? v === lit : e.cmp === "ne" ? !(v === null && lit === null) : false;
  const c = v === lit ? 0 : (v as string) < (lit as string) ? -1 : 1;
  return { eq: c === 0, ne: c !== 0, gt: c > 0, ge: c >= 0, lt: c < 0, le: c <= 0 }[e.cmp];
}

async function seeded(items: Record<string, unknown>[]): Promise<{ fake: FakeGateway; ids: string[] }> {
  const fake = await createFakeGateway();
  return { fake, ids: fake.seed("debtor", items as Debtor[]) };
}

async function allPages(fake: FakeGateway, query: { $filter?: string; $orderby?: string }) {
  const aptic = fakeClient(fake, { authMode: "apiKey" });
  const ids: string[] = [];
  for await (const d of paginate(aptic, listDebtors, { params: { query } }, { pageSize: 7 })) ids.push(d.debtorGuid ?? "");
  return ids;
}

describe("the fake's $filter equals a reference evaluation (fast-check)", () => {
  it("for random items and random builder filters", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(debtorArb, { maxLength: 25 }), expr, async (items, e) => {
        const { fake, ids } = await seeded(items);
        const expected = ids.filter((_, i) => evaluate(e, items[i] as Record<string, unknown>));
        expect(await allPages(fake, { $filter: String(build(e)) })).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("for random $orderby terms (stable, nulls first, instants for date-times)", async () => {
    const term = fc.record({
      field: fc.constantFrom<Field>("lastname", "currencyCode", "juridicalType", "underAged", "regDate"),
      direction: fc.constantFrom("asc" as const, "desc" as const),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(debtorArb, { maxLength: 25 }), fc.array(term, { minLength: 1, maxLength: 3 }), async (items, terms) => {
        const { fake, ids } = await seeded(items);
        const rows = ids.map((id, i) => ({ id, d: items[i] as Record<string, unknown>, i }));
        const sortKey = (field: Field, v: unknown) => (v === null || v === undefined ? undefined : field === "regDate" ? Date.parse(String(v)) : v);
        rows.sort((a, b) => {
          for (const t of terms) {
            const [x, y] = [sortKey(t.field, a.d[t.field]), sortKey(t.field, b.d[t.field])];
            const c = x === y ? 0 : x === undefined ? -1 : y === undefined ? 1 : (x as string) < (y as string) ? -1 : 1;
            if (c !== 0) return t.direction === "desc" ? -c : c;
          }
          return a.i - b.i;
        });
        expect(await allPages(fake, { $orderby: orderBy<Debtor>(terms) })).toEqual(rows.map((r) => r.id));
      }),
      { numRuns: 100 },
    );
  });

  it("for random $skip/$top: the envelope slices the filtered total", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(debtorArb, { maxLength: 40 }), fc.nat(45), fc.integer({ min: 1, max: 100 }), async (items, $skip, $top) => {
        const { fake, ids } = await seeded(items);
        const page = await fakeClient(fake, { authMode: "apiKey" }).GET(listDebtors.path, { params: { query: { $skip, $top } } });
        const expected = ids.slice($skip, $skip + $top);
        expect(page.data).toMatchObject({ skip: $skip, total: ids.length, count: expected.length });
        expect(page.data?.value?.map((d) => d.debtorGuid)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
