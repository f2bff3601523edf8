// $filter/$orderby the fake cannot evaluate are 400 problems naming the option and the position
// — never silently ignored (an ignored filter returns everyone: the worst silent failure).
import { beforeAll, describe, expect, it } from "vitest";
import { createFakeGateway, type FakeGateway } from "../../src/testing/index.js";
import { parseFilter, tokenize } from "../../src/testing/fake/odata-parse.js";
import { fakeClient } from "./support/client.js";
import { listDebtors } from "../../src/operations/index.js";

let fake: FakeGateway;
beforeAll(async () => {
  fake = await createFakeGateway();
  fake.seed("debtor", [
    { lastname: "O'Brien", currencyCode: "EUR", juridicalType: 0, regDate: "2024-02-14T09:30:00Z" },
    { lastname: "Lindqvist", currencyCode: "SEK", juridicalType: 1, regDate: null },
  ]);
});

async function list(query: Record<string, string>) {
  const res = await fakeClient(fake, { authMode: "apiKey" }).GET(listDebtors.path, { params: { query } });
  return {
    status: res.response.status,
    names: res.data?.value?.map((d) => d.lastname),
    error: res.error as { errors?: Record<string, string[]>; position?: number } | undefined,
  };
}

describe("$filter evaluation", () => {
  it.each([
    ["lastname eq 'O''Brien'", ["O'Brien"]],
    ["lastname eq 'O''Brien' or 1 eq 1", ["O'Brien", "Lindqvist"]],
    ["lastname eq 'x'' or 1 eq 1'", []], // an injection attempt stays inside the literal
    ["regDate gt 2024-01-01T00:00:00Z", ["O'Brien"]],
    ["regDate eq null", ["Lindqvist"]],
    ["not (regDate ge 2024-01-01T00:00:00Z)", ["Lindqvist"]], // ordering against null is false, its negation true
    ["juridicalType ge 1", ["Lindqvist"]],
    ["contains(lastname,'qv') and currencyCode ne 'EUR'", ["Lindqvist"]],
    ["startswith(lastname,'o')", []], // case-sensitive, as OData
    ["contains(lastname,'Bri') eq true", ["O'Brien"]],
    ["(lastname eq 'Lindqvist')", ["Lindqvist"]],
    ["links eq null", ["O'Brien", "Lindqvist"]], // seeded without links: missing is null
  ])("%s", async (filter, names) => {
    expect(await list({ $filter: filter })).toMatchObject({ status: 200, names });
  });
});

describe("what it cannot evaluate is a 400 naming the position", () => {
  it.each([
    ["lastname eq", "$filter", 11, /Expected a property, literal/],
    ["lastnme eq 'x'", "$filter", 0, /Could not find a property named 'lastnme' on type 'Debtor'/],
    ["lastname eq 'x", "$filter", 12, /Unterminated string/],
    ["regDate gt '2024-01-01'", "$filter", 0, /Cannot compare datetime with string/],
    ["juridicalType eq 'one'", "$filter", 0, /Cannot compare number with string/],
    ["tolower(lastname) eq 'x'", "$filter", 0, /Unsupported function 'tolower'/],
    ["lastname eq 'x' lastname", "$filter", 16, /Unexpected "lastname"/],
    ["contains(juridicalType,'1')", "$filter", 0, /needs string arguments/],
    ["regDate gt 2024-02-30T00:00:00Z", "$filter", 11, /Invalid date/],
    ["lastname eq 'x' &", "$filter", 16, /Unexpected character "&"/],
  ])("%s", async (filter, option, position, message) => {
    const { status, error } = await list({ $filter: filter });
    expect(status).toBe(400);
    expect(error?.position).toBe(position);
    expect(error?.errors?.[option]?.[0]).toMatch(message);
  });

  it("bounds nesting and size instead of overflowing the stack", async () => {
    const deep = `${"(".repeat(5000)}lastname eq 'x'${")".repeat(5000)}`;
    expect((await list({ $filter: deep })).error?.errors?.["$filter"]?.[0]).toMatch(/nested deeper/);
    const nots = `${"not ".repeat(5000)}(lastname eq 'x')`;
    expect((await list({ $filter: nots })).status).toBe(400);
    const wide = Array.from({ length: 600 }, () => "lastname eq 'x'").join(" or ");
    expect((await list({ $filter: wide })).error?.errors?.["$filter"]?.[0]).toMatch(/at most 500/);
  });

  it.each([
    ["lastname sideways", 9, /Unknown sort direction "sideways"/],
    ["lastname,nope desc", 9, /Could not find a property named 'nope'/],
    ["links asc", 0, /not a primitive property/],
    ["", 0, undefined],
  ])("$orderby %s", async (orderby, position, message) => {
    const { status, error } = await list({ $orderby: orderby });
    if (!message) return expect(status).toBe(200);
    expect(status).toBe(400);
    expect(error?.position).toBe(position);
    expect(error?.errors?.["$orderby"]?.[0]).toMatch(message);
  });
});

describe("the parser", () => {
  it("reads v4 literals: unquoted GUIDs and date-times, exponent numbers, doubled quotes", () => {
    expect(
      tokenize("0f8fad5b-d9cb-469f-a165-70867728950e 2024-01-01T00:00:00.000Z 1e+21 -1.5 'a''b' 2024-01-01").map((t) => ("type" in t ? t.type : t.t)),
    ).toEqual(["guid", "datetime", "number", "number", "string", "date", "end"]);
  });

  it("follows OData precedence: not > comparison > and > or", () => {
    const tree = parseFilter("a eq 1 or b eq 2 and not c");
    expect(tree).toMatchObject({ kind: "or", right: { kind: "and", right: { kind: "not" } } });
  });
});
