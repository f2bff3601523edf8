// What a careless integrator passes to the helpers (services, pagination, retry settings): every
// refusal is an ApticUsageError with a message that names the mistake, and nothing is sent.
import { describe, expect, it } from "vitest";
import { ApticUsageError, bearer, createApticClient, paginate, paginatePages } from "../../src/index.js";
import { getDebtor, invokeCallbackGet, listDebtors } from "../../src/operations/index.js";
import { parseRetryAfter } from "../../src/retry/delay.js";
import { resolveRetry, isRepeatable } from "../../src/retry/options.js";
import { decideRetry } from "../../src/retry/policy.js";
import { invokeCallback, invokeService } from "../../src/services/index.js";
import { fakeFetch, json } from "../support/fake-fetch.js";
import { pathOf } from "../support/operation-url.js";
import { refusedBy } from "../support/usage-errors.js";

const BASE = "http://127.0.0.1:9";

function setup(answer: () => Response = () => json(200, {})) {
  const fetch = fakeFetch(answer);
  return { fetch, aptic: createApticClient({ baseUrl: BASE, fetch, auth: bearer("t") }) };
}

/** The call's rejection, which must be an ApticUsageError with exactly this message, with nothing sent. */
async function refused(call: (aptic: ReturnType<typeof setup>["aptic"]) => Promise<unknown>, message: string) {
  expect(await refusedBy(setup, call)).toBe(message);
}

describe("service helpers refuse malformed options", () => {
  it.each([null, "GET", 5])("options %j is not an object", async (options) => {
    await refused((aptic) => invokeService(aptic, "Reports", options as never), "options must be an object");
    await refused((aptic) => invokeCallback(aptic, "Hook", options as never), "options must be an object");
  });

  it.each([null, ["a"], "a=1"])("query %j is not an object of names to values", async (query) => {
    await refused((aptic) => invokeCallback(aptic, "Hook", { query: query as never }), "query must be an object of names to values");
  });

  it("async must be a boolean, not a truthy string", async () => {
    await refused((aptic) => invokeService(aptic, "Reports", { async: "yes" as never }), "async must be a boolean");
  });

  it("a GET invocation with a body is refused, not sent without it", async () => {
    await refused(
      (aptic) => invokeService(aptic, "Reports", { method: "GET", body: { x: 1 } }),
      "A GET invocation cannot carry a body; use POST, PUT, PATCH or DELETE",
    );
  });

  it.each(["TRACE", "get", "constructor", "toString", "__proto__"])("method %j is not a service method", async (method) => {
    await refused((aptic) => invokeService(aptic, "Reports", { method: method as never }), "method must be one of GET, POST, PUT, PATCH, DELETE");
  });

  it("subPath must be a string or an array", async () => {
    await refused((aptic) => invokeService(aptic, "Reports", { subPath: 7 as never }), "subPath must be a string or an array of segments");
  });

  it.each([
    ["..", '".."'],
    [".", '"."'],
    ["%2E%2e", '"%2E%2e"'],
    ["", '""'],
  ])("the sub-path segment %j is refused by name", async (segment, shown) => {
    await refused(
      (aptic) => invokeService(aptic, "Reports", { subPath: ["monthly", segment] }),
      `subPath segments must be non-empty strings other than "." and ".." (got ${shown})`,
    );
  });

  it("a lone surrogate in a sub-path is refused as malformed Unicode", async () => {
    await refused((aptic) => invokeService(aptic, "Reports", { subPath: ["a\uDC00"] }), "subPath segments must be well-formed Unicode");
  });

  it("a callback's own `async` query parameter is sent as given (the flag is not a callback option)", async () => {
    const { fetch, aptic } = setup();
    await invokeCallback(aptic, "Hook", { query: { async: "later", n: 1 } });
    const url = new URL(fetch.seen[0]?.url ?? "");
    expect(url.pathname).toBe(pathOf(invokeCallbackGet, { callbackName: "Hook" }));
    expect([...url.searchParams]).toEqual([
      ["async", "later"],
      ["n", "1"],
    ]);
  });
});

describe("pagination refuses what is not a paged list, and ends on any page shape", () => {
  const message = "paginate expects a paged list operation from aptic-gateway-client/operations (e.g. listDebtors)";

  it.each([
    ["null", null],
    ["a path string", listDebtors.path],
    ["a single-item operation", getDebtor],
    ["a paged operation that is not a GET", { ...listDebtors, method: "POST" }],
    ["a list operation not marked paged", { ...listDebtors, paged: false }],
  ])("%s", async (_, list) => {
    await refused(async (aptic) => {
      for await (const _page of paginatePages(aptic, list as never)) break;
    }, message);
  });

  it.each([
    ["pageSize", { pageSize: 0 }, {}],
    ["maxItems", { maxItems: -1 }, {}],
    ["$skip", {}, { $skip: -1 }],
  ])("a bad %s is refused by name", async (name, options, query) => {
    const { fetch, aptic } = setup();
    const err = await (async () => {
      for await (const _ of paginate(aptic, listDebtors, { params: { query } }, options)) break;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticUsageError);
    expect((err as Error).message.startsWith(`${name} must be`)).toBe(true);
    expect(fetch.seen).toHaveLength(0);
  });

  it("a page without a value array ends the walk after one request, yielding no items", async () => {
    const { fetch, aptic } = setup(() => json(200, { total: 500 }));
    const items: unknown[] = [];
    for await (const item of paginate(aptic, listDebtors)) items.push(item);
    expect(items).toEqual([]);
    expect(fetch.seen).toHaveLength(1);
    const pages: unknown[] = [];
    for await (const page of paginatePages(aptic, listDebtors)) pages.push(page);
    expect(pages).toEqual([{ total: 500 }]);
    expect(fetch.seen).toHaveLength(2);
  });

  it("an empty page ends the walk even when total promises more (no endless loop on the same $skip)", async () => {
    const { fetch, aptic } = setup(() => json(200, { count: 0, skip: 0, total: 1000, value: [] }));
    const pages: unknown[] = [];
    for await (const page of paginatePages(aptic, listDebtors)) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(fetch.seen).toHaveLength(1);
  });

  it("a 204 (no page at all) ends the walk without a TypeError", async () => {
    const { fetch, aptic } = setup(() => new Response(null, { status: 204 }));
    const pages: unknown[] = [];
    for await (const page of paginatePages(aptic, listDebtors)) pages.push(page);
    expect(pages).toEqual([undefined]);
    expect(fetch.seen).toHaveLength(1);
  });
});

describe("retry settings and decisions", () => {
  it.each([null, "fast", 3])("retry %j is neither an object nor false", (layer) => {
    expect(() => resolveRetry(layer as never)).toThrow(new ApticUsageError("retry must be an object or false"));
  });

  it("an unknown retry option is refused with the known ones listed", () => {
    expect(() => resolveRetry({ retires: 3 } as never)).toThrow(
      new ApticUsageError('Unknown retry option "retires"; known options: retries, baseDelayMs, maxDelayMs, maxRetryAfterMs, statusCodes, unsafe'),
    );
  });

  it("an option given as undefined keeps the layer below", () => {
    expect(resolveRetry({ retries: 5 }, { retries: undefined }).retries).toBe(5);
    expect(resolveRetry({ retries: undefined }).retries).toBe(2);
  });

  it("statusCodes must be an array of statuses, each checked by name", () => {
    expect(() => resolveRetry({ statusCodes: 503 as never })).toThrow(new ApticUsageError("retry.statusCodes must be an array of HTTP statuses"));
    expect(() => resolveRetry({ statusCodes: [503, 99] })).toThrow(/^retry\.statusCodes\[\] must be/);
  });

  const timing = { now: Date.parse("2026-12-01T10:00:00Z"), random: () => 0.5 };
  const outcome = { retry: 0, repeatable: true };

  it.each(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"])("%s is idempotent: retried without a key", (method) => {
    expect(decideRetry({ ...outcome, repeatable: isRepeatable(method, false, false), status: 503 }, resolveRetry(), timing).retry).toBe(true);
  });

  it("a connection failure is reported as such in the retry reason", () => {
    expect(decideRetry({ ...outcome, status: undefined }, resolveRetry(), timing)).toEqual({
      retry: true,
      delayMs: 250,
      reason: "connection failure, backoff",
    });
    expect(decideRetry({ ...outcome, status: 503 }, resolveRetry(), timing)).toEqual({ retry: true, delayMs: 250, reason: "503, backoff" });
  });

  it("a wait that would end exactly at the deadline is not started", () => {
    expect(decideRetry({ ...outcome, status: 429, retryAfter: "2", remainingMs: 2000 }, resolveRetry(), timing).retry).toBe(false);
    expect(decideRetry({ ...outcome, status: 429, retryAfter: "2", remainingMs: 2001 }, resolveRetry(), timing)).toEqual({
      retry: true,
      delayMs: 2000,
      reason: "429, Retry-After",
    });
  });

  it("Retry-After accepts an HTTP-date with or without the weekday's comma, and nothing around it", () => {
    const now = Date.parse("2026-12-01T10:00:00Z");
    expect(parseRetryAfter("Tue, 01 Dec 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tue 01 Dec 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("x Tue, 01 Dec 2026 10:00:30 GMT", now)).toBeUndefined();
    expect(parseRetryAfter("Tue, 01 Dec 2026 10:00:30 GMT+0100", now)).toBeUndefined();
    expect(parseRetryAfter("Tue, 01 Dec 2026 10:00:30 GMTx", now)).toBeUndefined();
  });
});
