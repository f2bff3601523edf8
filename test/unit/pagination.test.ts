import { describe, expect, it } from "vitest";
import { ApticNotFoundError, ApticUsageError, createApticClient, paginate, paginatePages } from "../../src/index.js";
import { getDebtor, listCustomers, listDebtorAddresses, listDebtorCases, listDebtors, pingDebtors } from "../../src/operations/index.js";
import { fakeFetch, GUID, json, problem } from "../support/fake-fetch.js";
import { pathOf } from "../support/operation-url.js";

const BASE = "http://127.0.0.1:9";

/** A fake list endpoint over `total` synthetic debtors honouring $skip/$top (capped at 100). */
function listServer(total: number, { withTotal = true, cap = 100 } = {}) {
  return fakeFetch((request) => {
    const url = new URL(request.url);
    const skip = Number(url.searchParams.get("$skip") ?? 0);
    const top = Math.min(Number(url.searchParams.get("$top") ?? 25), cap);
    const value = Array.from({ length: Math.max(0, Math.min(top, total - skip)) }, (_, i) => ({ debtorGuid: `d-${skip + i}`, lastname: "Nordmann" }));
    return json(200, { count: value.length, skip, ...(withTotal ? { total } : {}), value });
  });
}

const query = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe("paginate", () => {
  it("walks every item across pages of 100, stopping at total", async () => {
    const fetch = listServer(250);
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    const guids: string[] = [];
    for await (const debtor of paginate(aptic, listDebtors)) guids.push(debtor.debtorGuid ?? "");
    expect(guids).toHaveLength(250);
    expect(guids[249]).toBe("d-249");
    expect(fetch.seen.map((s) => query(s.url))).toEqual([
      { $skip: "0", $top: "100" },
      { $skip: "100", $top: "100" },
      { $skip: "200", $top: "100" },
    ]);
  });

  it("is lazy: consuming 150 of 10 000 items fetches only 2 pages", async () => {
    const fetch = listServer(10_000);
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    let n = 0;
    for await (const _ of paginate(aptic, listDebtors)) if (++n === 150) break;
    expect(fetch.seen).toHaveLength(2);
  });

  it("requests each of many pages exactly once and in order", async () => {
    const fetch = listServer(5_000);
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    let n = 0;
    for await (const _ of paginate(aptic, listDebtors, undefined, { pageSize: 50 })) n++;
    expect(n).toBe(5_000);
    expect(fetch.seen).toHaveLength(100);
    expect(fetch.seen.map((s) => Number(query(s.url)["$skip"]))).toEqual(Array.from({ length: 100 }, (_, i) => i * 50));
  });

  it("respects the caller's $skip, $top and other query parameters", async () => {
    const fetch = listServer(100);
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    const items = [];
    const init = { params: { query: { $skip: 40, $top: 20, $filter: "lastname eq 'Nordmann'", $orderby: "lastname asc" } } };
    for await (const d of paginate(aptic, listDebtors, init)) items.push(d);
    expect(items).toHaveLength(60);
    expect(query(fetch.seen[0]?.url ?? "")).toEqual({ $skip: "40", $top: "20", $filter: "lastname eq 'Nordmann'", $orderby: "lastname asc" });
    expect(fetch.seen).toHaveLength(3);
  });

  it("stops at maxItems without fetching more than needed", async () => {
    const fetch = listServer(1_000);
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    const items = [];
    for await (const d of paginate(aptic, listDebtors, undefined, { maxItems: 130 })) items.push(d);
    expect(items).toHaveLength(130);
    expect(fetch.seen.map((s) => query(s.url)["$top"])).toEqual(["100", "30"]);
  });

  it("without total, stops on a short page", async () => {
    const fetch = listServer(230, { withTotal: false });
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    let n = 0;
    for await (const _ of paginate(aptic, listDebtors)) n++;
    expect(n).toBe(230);
    expect(fetch.seen).toHaveLength(3);
  });

  it("without total, stops on an empty page", async () => {
    const fetch = listServer(200, { withTotal: false });
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    let n = 0;
    for await (const _ of paginate(aptic, listDebtors)) n++;
    expect(n).toBe(200);
    expect(fetch.seen).toHaveLength(3);
  });

  it("advances by the items received when the server caps the page size", async () => {
    const fetch = listServer(120, { cap: 40 });
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    let n = 0;
    for await (const _ of paginate(aptic, listDebtors)) n++;
    expect(n).toBe(120);
    expect(fetch.seen.map((s) => query(s.url)["$skip"])).toEqual(["0", "40", "80"]);
  });

  // Deliberate change: pagination is only the free functions now (no `aptic.paginate` method).
  it("iterates whole pages with paginatePages", async () => {
    const aptic = createApticClient({ baseUrl: BASE, fetch: listServer(230) });
    expect(aptic).not.toHaveProperty("paginate");
    expect(aptic).not.toHaveProperty("paginatePages");
    const counts: number[] = [];
    for await (const page of paginatePages(aptic, listDebtors)) counts.push(page.value?.length ?? 0);
    expect(counts).toEqual([100, 100, 30]);
    const totals: Array<number | undefined> = [];
    for await (const page of paginatePages(aptic, listDebtorAddresses, { params: { path: { debtorGuid: GUID } } })) totals.push(page.total);
    expect(totals).toEqual([230, 230, 230]);
  });

  it("fills path parameters and walks each documented list through the operation table", async () => {
    const fetch = listServer(3);
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    for await (const _ of paginate(aptic, listDebtorCases, { params: { path: { debtorGuid: GUID } } })) void _;
    for await (const _ of paginate(aptic, listCustomers)) void _;
    expect(fetch.seen.map((s) => new URL(s.url).pathname)).toEqual([pathOf(listDebtorCases, { debtorGuid: GUID }), listCustomers.path]);
  });

  it("surfaces API errors as typed errors", async () => {
    const aptic = createApticClient({ baseUrl: BASE, fetch: fakeFetch(() => problem(404, "Not Found")) });
    const iterate = async () => {
      for await (const _ of paginate(aptic, listDebtorCases, { params: { path: { debtorGuid: GUID } } })) void _;
    };
    await expect(iterate()).rejects.toBeInstanceOf(ApticNotFoundError);
  });

  it.each([{ pageSize: 0 }, { pageSize: 101 }, { pageSize: 2.5 }, { maxItems: -1 }])("rejects bad options %j", async (options) => {
    const aptic = createApticClient({ baseUrl: BASE, fetch: listServer(10) });
    await expect(paginate(aptic, listDebtors, undefined, options).next()).rejects.toThrow(ApticUsageError);
  });

  it("only accepts paged list operations (types, and ApticUsageError at run time)", async () => {
    const fetch = listServer(1);
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    // @ts-expect-error — getDebtor is not a paged list
    await expect(paginate(aptic, getDebtor, { params: { path: { debtorGuid: GUID } } }).next()).rejects.toThrow(ApticUsageError);
    // @ts-expect-error — pingDebtors is a GET, but not a paged list
    await expect(paginatePages(aptic, pingDebtors).next()).rejects.toThrow(/paged list operation/);
    // @ts-expect-error — a path string is not an operation
    await expect(paginate(aptic, listDebtors.path).next()).rejects.toThrow(ApticUsageError);
    // An entry forged with `as never` to claim paging, but not a GET, is refused too.
    await expect(paginate(aptic, { ...getDebtor, method: "DELETE", paged: true } as never).next()).rejects.toThrow(ApticUsageError);
    expect(fetch.seen).toHaveLength(0);
  });
});
