// The shape of every error the client throws, as a caller sees it: class names (what logs and
// `String(err)` print), exact messages, the fields `JSON.stringify` keeps, and how an error body
// becomes a problem, a raw body and a request id.
import { describe, expect, it } from "vitest";
import {
  ApticAbortError,
  ApticApiError,
  ApticConnectionError,
  ApticError,
  ApticNotFoundError,
  ApticResponseError,
  ApticServerError,
  ApticTimeoutError,
  ApticTokenError,
  ApticUsageError,
  createApiError,
  createApticClient,
  toApiError,
  unwrap,
} from "../../src/index.js";
import { fakeFetch, hangingFetch, json, problem, type Handler } from "../support/fake-fetch.js";
import { pingDebtors } from "../../src/operations/index.js";

const BASE = "http://127.0.0.1:9";
const PING = `${BASE}${pingDebtors.path}`;

/** What one GET /debtors/ping through a client without retries settles with. */
async function failure(handler: Handler, options: Record<string, unknown> = {}, init: Record<string, unknown> = {}): Promise<unknown> {
  const aptic = createApticClient({ baseUrl: BASE, retry: false, fetch: fakeFetch(handler), ...options });
  return unwrap(aptic.GET(pingDebtors.path, init)).then(
    () => undefined,
    (err: unknown) => err,
  );
}

describe("class names, as String(err) and logs show them", () => {
  it("every class carries its own name", async () => {
    const usageError = (() => {
      try {
        createApticClient({} as never);
      } catch (err) {
        return err;
      }
    })();
    const cases: Array<[unknown, string]> = [
      [new ApticError("base"), "ApticError"],
      [usageError, "ApticUsageError"],
      [createApiError({ status: 418, method: "GET", url: PING, problem: undefined, headers: {} }), "ApticApiError"],
      [new ApticTokenError("no token"), "ApticTokenError"],
      [await failure(() => Promise.reject(new TypeError("fetch failed"))), "ApticConnectionError"],
      [await failure(hangingFetch, { timeoutMs: 5 }), "ApticTimeoutError"],
      [await failure(hangingFetch, {}, { signal: AbortSignal.abort() }), "ApticAbortError"],
      [await failure(() => new Response("{oops", { status: 200 })), "ApticResponseError"],
    ];
    for (const [err, name] of cases) {
      expect(err).toBeInstanceOf(ApticError);
      expect((err as Error).name).toBe(name);
      expect(String(err).startsWith(`${name}: `)).toBe(true);
    }
    expect(usageError).toBeInstanceOf(ApticUsageError);
  });
});

describe("transport error messages", () => {
  it("a connection failure: method, redacted URL and 'connection failed'", async () => {
    const err = await failure(() => Promise.reject(new TypeError("fetch failed")));
    expect(err).toBeInstanceOf(ApticConnectionError);
    expect((err as Error).message).toBe(`GET ${PING}: connection failed`);
    expect(err).toMatchObject({ method: "GET", url: PING });
  });

  it("an attempt timeout says 'timed out', a deadline says 'deadline'", async () => {
    const attempt = await failure(hangingFetch, { timeoutMs: 5 });
    expect(attempt).toBeInstanceOf(ApticTimeoutError);
    expect((attempt as Error).message).toBe(`GET ${PING}: timed out after 5 ms`);
    expect(attempt).toMatchObject({ timeoutMs: 5, deadline: false, method: "GET", url: PING });

    const deadline = await failure(hangingFetch, { timeoutMs: 0, deadlineMs: 5 });
    expect(deadline).toBeInstanceOf(ApticTimeoutError);
    expect((deadline as Error).message).toBe(`GET ${PING}: deadline after 5 ms`);
    expect(deadline).toMatchObject({ timeoutMs: 5, deadline: true });
  });

  it("an abort says 'aborted by the caller' and keeps the signal's reason as cause", async () => {
    const reason = new Error("user left the page");
    const controller = new AbortController();
    const abortWhileSending: Handler = (request, init) => {
      controller.abort(reason);
      return hangingFetch(request, init);
    };
    const err = await failure(abortWhileSending, {}, { signal: controller.signal });
    expect(err).toBeInstanceOf(ApticAbortError);
    expect((err as Error).message).toBe(`GET ${PING}: aborted by the caller`);
    // Aborted before anything was sent, the error names the path template.
    const early = await failure(hangingFetch, {}, { signal: AbortSignal.abort(reason) });
    expect((early as Error).message).toBe(`GET ${pingDebtors.path}: aborted by the caller`);
    expect(err).toMatchObject({ method: "GET", url: PING });
    expect((err as Error).cause).toBe(reason);
  });

  it("an unusable 2xx body: status, reason and what is wrong", async () => {
    const err = await failure(() => new Response("{oops", { status: 200, headers: { "x-request-id": "r-9" } }));
    expect(err).toBeInstanceOf(ApticResponseError);
    expect((err as Error).message).toBe(`GET ${PING}: 200 response body is not valid JSON`);
    expect(err).toMatchObject({ reason: "invalid_json", status: 200, method: "GET", url: PING, requestId: "r-9", bodyExcerpt: "{oops" });
  });
});

describe("ApticTokenError", () => {
  it("keeps the status, OAuth2 code and cause it is given (custom providers may throw it)", () => {
    const cause = new Error("vault sealed");
    const err = new ApticTokenError("no token", { status: 400, oauthError: "invalid_scope", cause });
    expect(err).toMatchObject({ message: "no token", status: 400, oauthError: "invalid_scope" });
    expect(err.cause).toBe(cause);
    expect(new ApticTokenError("bare")).toMatchObject({ status: undefined, oauthError: undefined, cause: undefined });
  });
});

describe("JSON.stringify(err)", () => {
  it("keeps name, message and every field of an API error, never stack or cause", async () => {
    const err = await failure(() => problem(404, "Not Found", { detail: "no such debtor" }, { "x-request-id": "req-1" }));
    expect(err).toBeInstanceOf(ApticNotFoundError);
    const shown = JSON.parse(JSON.stringify(err)) as Record<string, unknown>;
    expect(shown).toMatchObject({
      name: "ApticNotFoundError",
      message: `GET ${PING} failed with 404: Not Found: no such debtor`,
      status: 404,
      method: "GET",
      url: PING,
      requestId: "req-1",
      problem: { type: "about:blank", title: "Not Found", status: 404, detail: "no such debtor" },
      headers: { "x-request-id": "req-1", "content-type": "application/problem+json" },
    });
    expect(shown).not.toHaveProperty("stack");
    expect(shown).not.toHaveProperty("cause");
  });

  it("keeps the fields of a transport error too", async () => {
    const err = await failure(hangingFetch, { timeoutMs: 5 });
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: "ApticTimeoutError",
      message: `GET ${PING}: timed out after 5 ms`,
      method: "GET",
      url: PING,
      timeoutMs: 5,
      deadline: false,
    });
  });
});

describe("API error messages", () => {
  const message = async (body: Record<string, unknown>) => ((await failure(() => json(409, body))) as Error).message;

  it("title and detail when both are there, either alone otherwise", async () => {
    expect(await message({ title: "Conflict", detail: "Debtor exists" })).toBe(`GET ${PING} failed with 409: Conflict: Debtor exists`);
    expect(await message({ title: "Conflict" })).toBe(`GET ${PING} failed with 409: Conflict`);
    expect(await message({ detail: "Debtor exists" })).toBe(`GET ${PING} failed with 409: Debtor exists`);
  });

  it("skips an empty or non-string title or detail", async () => {
    expect(await message({ title: "", detail: "Debtor exists" })).toBe(`GET ${PING} failed with 409: Debtor exists`);
    expect(await message({ title: "Conflict", detail: { reason: "dup" } })).toBe(`GET ${PING} failed with 409: Conflict`);
    expect(await message({ title: 42, detail: null })).toBe(`GET ${PING} failed with 409: no error body`);
  });

  it("a body that is not problem JSON shows its first 200 characters (rawBody keeps 1 kB)", async () => {
    const page = `<html>${"x".repeat(2000)}</html>`;
    const err = (await failure(() => new Response(page, { status: 502, headers: { "content-type": "text/html" } }))) as ApticApiError;
    expect(err).toBeInstanceOf(ApticServerError);
    expect(err.message).toBe(`GET ${PING} failed with 502: ${page.slice(0, 200)}`);
    expect(err.rawBody).toBe(page.slice(0, 1024));
    expect(err.problem).toBeUndefined();
  });

  it("no body at all says so", async () => {
    const err = (await failure(() => new Response(null, { status: 503 }))) as ApticApiError;
    expect(err.message).toBe(`GET ${PING} failed with 503: no error body`);
    expect(err.rawBody).toBeUndefined();
  });
});

describe("error bodies that are JSON but not a problem object", () => {
  it.each([
    ["an array", '["debtor locked",{"code":7}]'],
    ["a number", "42"],
    ["null", "null"],
  ])("%s gives no problem, and its JSON text as rawBody", async (_, body) => {
    const err = (await failure(() => new Response(body, { status: 400, headers: { "content-type": "application/json" } }))) as ApticApiError;
    expect(err.problem).toBeUndefined();
    expect(err.rawBody).toBe(body);
    expect(err.message).toBe(`GET ${PING} failed with 400: ${body}`);
  });
});

describe("request id", () => {
  const requestId = async (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    ((await failure(() => problem(500, "x", body, headers))) as ApticApiError).requestId;

  it("is the response header, else the problem's traceId, else its requestId", async () => {
    expect(await requestId({ traceId: "00-trace" }, { "x-request-id": "hdr-1" })).toBe("hdr-1");
    expect(await requestId({ traceId: "00-trace", requestId: "req-2" })).toBe("00-trace");
    expect(await requestId({ requestId: "req-2" })).toBe("req-2");
  });

  it("is never a non-string member", async () => {
    expect(await requestId({ traceId: 1234 })).toBeUndefined();
    expect(await requestId({ requestId: { id: "x" } })).toBeUndefined();
  });
});

describe("toApiError on a result the client did not make", () => {
  it("parses an error given as JSON text into the problem", () => {
    const err = toApiError({ error: '{"title":"Gone","status":410}', response: new Response(null, { status: 410 }) });
    expect(err).toBeInstanceOf(ApticApiError);
    expect(err?.problem).toEqual({ title: "Gone", status: 410 });
    expect(err?.rawBody).toBeUndefined();
    expect(err).toMatchObject({ status: 410, method: "REQUEST", url: "" });
    expect(err?.message).toBe("REQUEST  failed with 410: Gone");
  });

  it("keeps an error given as plain text as the raw body", () => {
    const err = toApiError({ error: "upstream timeout", response: new Response(null, { status: 504 }) });
    expect(err).toBeInstanceOf(ApticServerError);
    expect(err?.problem).toBeUndefined();
    expect(err?.rawBody).toBe("upstream timeout");
  });

  it("still redacts credential headers and reads the request id", () => {
    const response = new Response(null, { status: 401, headers: { "set-cookie": "sid=abc", "x-request-id": "r-5" } });
    const err = toApiError({ error: undefined, response });
    expect(err?.headers).toEqual({ "set-cookie": "[REDACTED]", "x-request-id": "r-5" });
    expect(err?.requestId).toBe("r-5");
  });
});

describe("createApiError", () => {
  it.each([
    [499, ApticApiError, "ApticApiError"],
    [500, ApticServerError, "ApticServerError"],
    [599, ApticServerError, "ApticServerError"],
  ] as const)("%i → %s", (status, ErrorClass, name) => {
    const err = createApiError({ status, method: "GET", url: PING, problem: undefined, headers: {} });
    expect(err.constructor).toBe(ErrorClass);
    expect(err.name).toBe(name);
  });
});
