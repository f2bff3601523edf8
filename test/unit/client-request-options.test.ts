// Per-call options and headers at their edges: what each accepts, the exact message for what it
// refuses (before anything is sent), and how each `parseAs` hands the body over.
import { describe, expect, it } from "vitest";
import { ApticResponseError, ApticUsageError, createApticClient, type ApticEvent } from "../../src/index.js";
import { createDebtor, getDebtor, pingDebtors } from "../../src/operations/index.js";
import { fakeFetch, GUID, json } from "../support/fake-fetch.js";
import { refusedBy } from "../support/usage-errors.js";

const BASE = "http://127.0.0.1:9";
const VALUE_RULE = "must be a header value of visible Latin-1 characters, without CR, LF or other control characters";

function setup(handler = () => json(200, { ok: true })) {
  const fetch = fakeFetch(handler);
  return { fetch, aptic: createApticClient({ baseUrl: BASE, fetch, retry: false }) };
}

/** The ApticUsageError a call rejects with; nothing may have been sent. */
const refused = (call: (aptic: ReturnType<typeof setup>["aptic"]) => Promise<unknown>) => refusedBy(setup, call);

describe("header values", () => {
  it("accept tabs, spaces and Latin-1 letters, and numbers or booleans as their text", async () => {
    const { fetch, aptic } = setup();
    await aptic.GET(pingDebtors.path, { headers: { "X-Note": "a\tb c", "X-Name": "Åsa Ødegård", "X-Count": 5 as never, "X-Flag": false as never } });
    const sent = fetch.seen[0]?.headers;
    expect(sent?.get("x-note")).toBe("a\tb c");
    expect(sent?.get("x-count")).toBe("5");
    expect(sent?.get("x-flag")).toBe("false");
    // fetch shows a Latin-1 header value as it was sent.
    expect(sent?.get("x-name")).toBe("Åsa Ødegård");
  });

  it.each(["\x7f", "\x1f", "\u0100", "€", "\u2028"])("refuse %j, saying why without echoing the value", async (bad) => {
    const message = await refused((aptic) => aptic.GET(pingDebtors.path, { headers: { "X-Note": `secret-${bad}` } }));
    expect(message).toBe(`headers["X-Note"] ${VALUE_RULE} (got a string with one)`);
    expect(message).not.toContain("secret-");
  });

  it("refuse a value that is not text, naming its kind", async () => {
    expect(await refused((aptic) => aptic.GET(pingDebtors.path, { headers: { "X-Note": { a: 1 } as never } }))).toBe(
      `headers["X-Note"] ${VALUE_RULE} (got an object)`,
    );
    expect(await refused((aptic) => aptic.GET(pingDebtors.path, { params: { header: { "X-Note": Symbol.iterator } as never } }))).toBe(
      `params.header["X-Note"] ${VALUE_RULE} (got Symbol(Symbol.iterator))`,
    );
  });

  it("check every element of an array value, and let null or undefined unset a header", async () => {
    expect(await refused((aptic) => aptic.GET(pingDebtors.path, { headers: { "X-Note": ["ok", "bad\n"] as never } }))).toBe(
      `headers["X-Note"] ${VALUE_RULE} (got a string with one)`,
    );
    const { fetch, aptic } = setup();
    await aptic.GET(pingDebtors.path, { headers: { "X-Note": null as never, "X-Other": undefined as never, "X-Kept": "1" } });
    expect(fetch.seen[0]?.headers.get("x-note")).toBeNull();
    expect(fetch.seen[0]?.headers.get("x-kept")).toBe("1");
  });

  it("are checked in a Headers object and in [name, value] pairs too", async () => {
    expect(await refused((aptic) => aptic.GET(pingDebtors.path, { headers: new Headers({ "X-Note": "a\x01b" }) as never }))).toBe(
      `headers["x-note"] ${VALUE_RULE} (got a string with one)`,
    );
    expect(await refused((aptic) => aptic.GET(pingDebtors.path, { headers: [["X-Note", "a\rb"]] as never }))).toBe(
      `headers["X-Note"] ${VALUE_RULE} (got a string with one)`,
    );
    expect(await refused((aptic) => aptic.GET(pingDebtors.path, { headers: [["X Note", "v"]] as never }))).toBe('headers: "X Note" is not a valid header name');
  });

  it("must come as an object of names to values", async () => {
    expect(await refused((aptic) => aptic.GET(pingDebtors.path, { headers: "X-Note: 1" as never }))).toBe(
      "headers must be an object of header names to values",
    );
    expect(() => createApticClient({ baseUrl: BASE, headers: 5 as never })).toThrow("headers must be an object of header names to values");
  });

  it("a name must be an HTTP token: every token character is accepted", async () => {
    const { fetch, aptic } = setup();
    const name = "X-a1_!#$%&'*+.^`|~";
    await aptic.GET(pingDebtors.path, { headers: { [name]: "v" } });
    expect(fetch.seen[0]?.headers.get(name)).toBe("v");
    expect(await refused((aptic) => aptic.GET(pingDebtors.path, { headers: { "X(Note)": "v" } }))).toBe('headers: "X(Note)" is not a valid header name');
  });

  it("from a custom auth provider pass the same check, named as such", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    const aptic = createApticClient({ baseUrl: BASE, fetch, auth: () => ({ "X-Key": "k\r\nX-Evil: 1" }) });
    await expect(aptic.GET(pingDebtors.path)).rejects.toThrow(`the auth provider's headers["X-Key"] ${VALUE_RULE} (got a string with one)`);
    expect(fetch.seen).toHaveLength(0);
  });
});

describe("idempotencyKey and requestId", () => {
  it.each([
    ["idempotencyKey", ""],
    ["idempotencyKey", 42],
    ["requestId", ""],
    ["requestId", null],
  ])("%s %j must be a non-empty string", async (name, value) => {
    expect(await refused((aptic) => aptic.GET(pingDebtors.path, { [name]: value }))).toBe(`${name} must be a non-empty string`);
  });

  it("are sent as Idempotency-Key and X-Request-Id", async () => {
    const { fetch, aptic } = setup();
    await aptic.POST(createDebtor.path, { body: {} as never, idempotencyKey: "order-1001", requestId: "trace-7" });
    expect(fetch.seen[0]?.headers.get("idempotency-key")).toBe("order-1001");
    expect(fetch.seen[0]?.headers.get("x-request-id")).toBe("trace-7");
  });
});

describe("other per-call options", () => {
  it("parseAs must be one the client can read", async () => {
    expect(await refused((aptic) => aptic.GET(pingDebtors.path, { parseAs: "xml" as never }))).toBe(
      "parseAs must be one of json, text, blob, arrayBuffer, stream",
    );
  });

  it("signal must be an AbortSignal (null means none)", async () => {
    expect(await refused((aptic) => aptic.GET(pingDebtors.path, { signal: { abort: true } as never }))).toBe("signal must be an AbortSignal");
    expect(await refused((aptic) => aptic.GET(pingDebtors.path, { signal: "stop" as never }))).toBe("signal must be an AbortSignal");
    const { fetch, aptic } = setup();
    await aptic.GET(pingDebtors.path, { signal: null });
    expect(fetch.seen).toHaveLength(1);
  });

  it("a per-call fetch must be a function, and is the one used", async () => {
    expect(await refused((aptic) => aptic.GET(pingDebtors.path, { fetch: "fetch" as never }))).toBe("fetch must be a function");
    const { fetch, aptic } = setup();
    const own = fakeFetch(() => json(200, { mine: true }));
    expect((await aptic.GET(pingDebtors.path, { fetch: own } as never)).data).toEqual({ mine: true });
    expect(own.seen).toHaveLength(1);
    expect(fetch.seen).toHaveLength(0);
  });

  it("call() needs an operation of the table", async () => {
    const message = "call expects an operation from aptic-gateway-client/operations";
    expect(await refused((aptic) => aptic.call(null as never))).toBe(message);
    expect(await refused((aptic) => aptic.call({ ...getDebtor, method: "HEAD" } as never))).toBe(message);
    expect(await refused((aptic) => aptic.call({ ...getDebtor, path: 5 } as never))).toBe(message);
    expect(await refused((aptic) => aptic.call("getDebtor" as never))).toBe(message);
  });

  it("a request openapi-fetch cannot build (a GET with a body) is an ApticUsageError saying so", async () => {
    const events: ApticEvent[] = [];
    const fetch = fakeFetch(() => json(200, {}));
    const aptic = createApticClient({ baseUrl: BASE, fetch, onEvent: (e) => void events.push(e) });
    const err = await aptic.GET(pingDebtors.path, { body: { a: 1 } } as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApticUsageError);
    expect((err as Error).message).toMatch(/^The request could not be built: .*(GET|body)/);
    expect((err as Error).cause).toBeInstanceOf(TypeError);
    expect(fetch.seen).toHaveLength(0);
    expect(events.at(-1)).toMatchObject({ type: "failed", errorName: "ApticUsageError", errorMessage: (err as Error).message });
  });
});

describe("parseAs", () => {
  const bytes = new Uint8Array([0, 1, 2, 250, 255]);
  const binary = (type?: string) => () => new Response(bytes, { status: 200, headers: type ? { "content-type": type } : {} });

  it("text gives the body as a string, even when it is not JSON", async () => {
    const { aptic } = setup(() => new Response("plain words", { status: 200 }));
    expect((await aptic.GET(pingDebtors.path, { parseAs: "text" })).data).toBe("plain words");
  });

  it("arrayBuffer gives exactly the bytes", async () => {
    const { aptic } = setup(binary());
    const { data } = await aptic.GET(pingDebtors.path, { parseAs: "arrayBuffer" });
    expect(data).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(data as ArrayBuffer)]).toEqual([...bytes]);
  });

  it("blob gives the bytes with the response's content type (or none)", async () => {
    const typed = await setup(binary("application/pdf")).aptic.GET(pingDebtors.path, { parseAs: "blob" });
    expect(typed.data).toBeInstanceOf(Blob);
    expect((typed.data as Blob).type).toBe("application/pdf");
    expect([...new Uint8Array(await (typed.data as Blob).arrayBuffer())]).toEqual([...bytes]);
    const untyped = await setup(binary()).aptic.GET(pingDebtors.path, { parseAs: "blob" });
    expect((untyped.data as Blob).type).toBe("");
  });

  it("stream hands over the unread body", async () => {
    const { aptic } = setup(binary());
    const { data } = await aptic.GET(pingDebtors.path, { parseAs: "stream" });
    expect(data).toBeInstanceOf(ReadableStream);
    expect([...new Uint8Array(await new Response(data as ReadableStream).arrayBuffer())]).toEqual([...bytes]);
  });

  it("json gives undefined for an empty body", async () => {
    expect((await setup(() => new Response("", { status: 200 })).aptic.GET(pingDebtors.path)).data).toBeUndefined();
  });

  // V8's own message quotes the body, which may start with an echoed secret: only the position is kept.
  it.each([
    ['{"debtorGuid": 1}x', "Unexpected token in JSON at position 17"],
    ['{"debtorGuid": tok-123}', "Unexpected token in JSON"],
  ])("invalid JSON %j is a typed error whose cause says only %j", async (body, message) => {
    const err = await setup(() => new Response(body, { status: 200 }))
      .aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ApticResponseError);
    expect((err as Error).cause).toBeInstanceOf(SyntaxError);
    expect(((err as Error).cause as Error).message).toBe(message);
  });
});
