// Theme: nothing a caller passes can change the request's shape. Path parameters stay one
// segment, query values stay one parameter, templates stay under the base URL, and no header
// value can add a header. Bad input is an ApticUsageError and the server sees NO request.
import { afterEach, describe, expect, it } from "vitest";
import { apiKey, ApticTokenError, ApticUsageError, bearer, clientCredentials, createApticClient } from "../../src/index.js";
import {
  createDebtor,
  getDebtor,
  getDebtorSummary,
  invokeCallbackGet,
  invokeDebtorService as debtorServiceOp,
  invokeServiceGet,
  invokeServicePost,
  listDebtors,
  listIdentities,
  listWebhooks,
  pingDebtors,
} from "../../src/operations/index.js";
import { invokeCallback, invokeDebtorService, invokeService } from "../../src/services/index.js";
import { clientFor, grant, rejection, startTokenEndpoint } from "./support/endpoints.js";
import { pathOf, pathWith } from "../support/operation-url.js";
import { closeAll, json, startServer, type Loopback } from "./support/loopback.js";

afterEach(closeAll);

/** The gateway under a path prefix, so a request that escapes `/api` shows. */
async function gateway(): Promise<Loopback & { base: string }> {
  const server = await startServer((_, res) => json(res, 200, {}));
  return Object.assign(server, { base: `${server.origin}/api` });
}

/** Asserts the call failed with an ApticUsageError and the server received nothing. */
async function refusedBeforeSending(server: Loopback, call: Promise<unknown>): Promise<ApticUsageError> {
  const err = await rejection(call);
  expect(err).toBeInstanceOf(ApticUsageError);
  expect(server.received).toHaveLength(0);
  return err as ApticUsageError;
}

/** The one request the server got, with its query parsed as a server would. */
function only(server: Loopback) {
  expect(server.received).toHaveLength(1);
  const req = server.received[0] as NonNullable<(typeof server.received)[0]>;
  const url = new URL(req.url, server.origin);
  return { req, path: url.pathname, rawPath: req.url.split("?")[0], params: [...url.searchParams] };
}

describe("path parameters", () => {
  const BAD: Array<[string, unknown]> = [
    ["an object", { toString: () => "../webhooks" }],
    ["an array", ["a", "b"]],
    ["an empty array", []],
    ["null", null],
    ["true", true],
    ["false", false],
    ["an empty string", ""],
    ['"."', "."],
    ['".."', ".."],
    ['"%2e%2e" (a dot segment to a server that decodes twice)', "%2e%2e"],
    ['".%2E"', ".%2E"],
    ["a lone high surrogate", "\uD800"],
    ["a lone low surrogate inside text", "ab\uDC00cd"],
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["a BigInt", 10n],
    ["a function", () => "x"],
    ["a symbol", Symbol("x")],
  ];

  it.each(BAD)("a path parameter given as %s is an ApticUsageError and nothing is sent", async (_, value) => {
    const server = await gateway();
    await refusedBeforeSending(server, clientFor(server.base).GET(getDebtor.path, { params: { path: { debtorGuid: value as string } } }));
  });

  it("a missing path parameter (no params.path at all, or the key absent) is refused before sending", async () => {
    const server = await gateway();
    const aptic = clientFor(server.base);
    await refusedBeforeSending(server, aptic.GET(getDebtor.path, {} as never));
    await refusedBeforeSending(server, aptic.GET(getDebtor.path, { params: { path: {} } } as never));
  });

  it.each([
    ["a/b?c#d", "a%2Fb%3Fc%23d"],
    ["../webhooks", "..%2Fwebhooks"],
    ["..%2F..%2Fwebhooks", "..%252F..%252Fwebhooks"],
    ["a\\b", "a%5Cb"],
    ["\t..\n", "%09..%0A"],
    ["ölé €", "%C3%B6l%C3%A9%20%E2%82%AC"],
  ])("the value %j stays one segment (%s) under the same resource", async (value, encoded) => {
    const server = await gateway();
    await clientFor(server.base).GET(getDebtorSummary.path, { params: { path: { debtorGuid: value } } });
    const { rawPath, params } = only(server);
    expect(rawPath).toBe(`/api${pathWith(getDebtorSummary, { debtorGuid: encoded })}`);
    expect(params).toEqual([]);
  });

  it("a finite number is accepted as a path parameter", async () => {
    const server = await gateway();
    await clientFor(server.base).GET(getDebtor.path, { params: { path: { debtorGuid: 42 as never } } });
    expect(only(server).rawPath).toBe(`/api${pathOf(getDebtor, { debtorGuid: "42" })}`);
  });

  it("aptic.call applies the same checks to an operation's path parameters", async () => {
    const server = await gateway();
    await refusedBeforeSending(server, clientFor(server.base).call(getDebtor, { params: { path: { debtorGuid: ".." } } }));
  });
});

describe("path templates cast through `as any`", () => {
  it.each([
    "@evil.example/x",
    "/../webhooks",
    `${listDebtors.path}/../..${listWebhooks.path}`,
    "/./webhooks",
    "//evil.example/x",
    "https://evil.example/x",
    "debtors",
    "",
    `${listDebtors.path}?$top=1000`,
    `${listDebtors.path}#frag`,
    "/debtors\\..\\..\\webhooks",
  ])("the template %j is refused before anything is sent", async (template) => {
    const server = await gateway();
    const aptic = clientFor(server.base);
    await refusedBeforeSending(server, aptic.GET(template as never));
    await refusedBeforeSending(server, aptic.call({ id: "x", method: "GET", path: template } as never));
  });

  it("a template that is not a string is refused", async () => {
    const server = await gateway();
    await refusedBeforeSending(server, clientFor(server.base).GET({ toString: () => listDebtors.path } as never));
  });
});

describe("query parameters", () => {
  const BAD: Array<[string, unknown]> = [
    ["$filter as an object that tries to add $top", { $filter: { "&$top": 1000 } }],
    ["$filter as an object with a toString", { $filter: { toString: () => "x&$top=1000" } }],
    ["an array of objects", { $filter: [{ "&$top": 1000 }] }],
    ["a nested array", { $filter: [["a", "b"]] }],
    ["NaN", { $top: NaN }],
    ["Infinity", { $top: Infinity }],
    ["-Infinity", { $skip: -Infinity }],
    ["a BigInt", { $top: 10n }],
    ["a symbol", { $top: Symbol("x") }],
    ["a function", { $top: () => 1000 }],
    ["a Date", { $filter: new Date(0) }],
    ["a lone surrogate in a value", { $filter: "name eq '\uD800'" }],
    ["a lone surrogate in a key", { "\uDC00": "x" }],
  ];

  it.each(BAD)("a query value given as %s is an ApticUsageError and nothing is sent", async (_, query) => {
    const server = await gateway();
    await refusedBeforeSending(server, clientFor(server.base).GET(listDebtors.path, { params: { query } } as never));
  });

  it("a typed call by operation refuses an object $filter too", async () => {
    const server = await gateway();
    await refusedBeforeSending(server, clientFor(server.base).call(listDebtors, { params: { query: { $filter: { "&$top": 1000 } as never } } }));
  });

  it("keys and values with &, =, #, ?, +, % and spaces are encoded: the server parses exactly the parameters given", async () => {
    const server = await gateway();
    const query = { $filter: "lastname eq 'O''Brien' & $top=1000#x", "a&b=c#d": "v?w+x y%20z", $top: 5, $count: true };
    await clientFor(server.base).GET(listDebtors.path, { params: { query } } as never);
    const { path, params } = only(server);
    expect(path).toBe(`/api${listDebtors.path}`);
    expect(params).toEqual([
      ["$filter", "lastname eq 'O''Brien' & $top=1000#x"],
      ["a&b=c#d", "v?w+x y%20z"],
      ["$top", "5"],
      ["$count", "true"],
    ]);
  });

  it("an array value repeats its key and no element can add a parameter", async () => {
    const server = await gateway();
    await clientFor(server.base).GET(listDebtors.path, { params: { query: { tag: ["a&$top=1000", "b#c"] } } } as never);
    expect(only(server).params).toEqual([
      ["tag", "a&$top=1000"],
      ["tag", "b#c"],
    ]);
  });
});

describe("custom services and callbacks", () => {
  it.each(["..", ".", "", "\uD800"])("a service name %j is an ApticUsageError and nothing is sent", async (name) => {
    const server = await gateway();
    await refusedBeforeSending(server, invokeService(clientFor(server.base), name, { method: "POST", body: {} }));
  });

  it.each(["..", "", "\uDBFF"])("a callback name %j is an ApticUsageError and nothing is sent", async (name) => {
    const server = await gateway();
    await refusedBeforeSending(server, invokeCallback(clientFor(server.base), name));
  });

  it.each([
    ["a/b", "a%2Fb"],
    ["x?async=true#f", "x%3Fasync%3Dtrue%23f"],
    ["{serviceDefinition}", "%7BserviceDefinition%7D"],
  ])("a service or callback name %j stays one segment (%s)", async (name, encoded) => {
    const server = await gateway();
    const aptic = clientFor(server.base);
    await invokeService(aptic, name, { method: "POST", body: {} });
    await invokeCallback(aptic, name);
    expect(server.received.map((r) => r.url)).toEqual([
      `/api${pathWith(invokeServicePost, { serviceDefinition: encoded })}`,
      `/api${pathWith(invokeCallbackGet, { callbackName: encoded })}`,
    ]);
  });

  it.each<[string, string | string[]]>([
    ["a string climbing up", "../../webhooks"],
    ["a dot segment", ["reports", ".", "x"]],
    ["a dot-dot segment", ["..", "webhooks"]],
    ["a percent-encoded dot-dot segment", ["%2e%2e", "webhooks"]],
    ["an empty segment", ["reports", ""]],
    ["a doubled slash", "reports//x"],
    ["a leading slash", listIdentities.path],
    ["a lone surrogate", ["\uD800"]],
    ["a non-string segment", [{} as unknown as string]],
  ])("a subPath with %s is an ApticUsageError and nothing is sent", async (_, subPath) => {
    const server = await gateway();
    await refusedBeforeSending(server, invokeService(clientFor(server.base), "Reports", { subPath }));
  });

  it("subPath segments with /, ? and # stay segments", async () => {
    const server = await gateway();
    await invokeService(clientFor(server.base), "Reports", { subPath: ["a/b", "?x=1", "#f"] });
    const { rawPath, params } = only(server);
    expect(rawPath).toBe(`/api${pathWith(invokeServiceGet, { serviceDefinition: "Reports" }, "/a%2Fb/%3Fx%3D1/%23f")}`);
    expect(params).toEqual([]);
  });

  it("a debtor guid that tries to climb out of the debtor's services stays one segment", async () => {
    const server = await gateway();
    await invokeDebtorService(clientFor(server.base), "../../webhooks", "Remind", { body: {} });
    expect(only(server).rawPath).toBe(`/api${pathWith(debtorServiceOp, { debtorGuid: "..%2F..%2Fwebhooks", serviceDefinition: "Remind" })}`);
  });

  it("invokeCallback query keys and values with &, =, # cannot add a parameter", async () => {
    const server = await gateway();
    await invokeCallback(clientFor(server.base), "Ping", { query: { "src&async=true": "erp&x=1#y", n: 2 } });
    expect(only(server).params).toEqual([
      ["src&async=true", "erp&x=1#y"],
      ["n", "2"],
    ]);
  });

  it.each<[string, unknown]>([
    ["an object value", { source: { "&$top": 1 } }],
    ["NaN", { n: NaN }],
    ["a query string instead of an object", "source=erp&async=true"],
    ["an array instead of an object", [["source", "erp"]]],
  ])("invokeCallback with %s as query is an ApticUsageError and nothing is sent", async (_, query) => {
    const server = await gateway();
    await refusedBeforeSending(server, invokeCallback(clientFor(server.base), "Ping", { query: query as never }));
  });
});

describe("CR, LF and NUL in anything that becomes a header", () => {
  const INJECTIONS = ["abc\r\nX-Evil: 1", "abc\nX-Evil: 1", "abc\rX-Evil: 1", "abc\0def"];

  it.each(INJECTIONS)("idempotencyKey %j is an ApticUsageError and nothing is sent", async (value) => {
    const server = await gateway();
    await refusedBeforeSending(server, clientFor(server.base).POST(createDebtor.path, { body: {} as never, idempotencyKey: value }));
  });

  it.each(INJECTIONS)("requestId %j is an ApticUsageError and nothing is sent", async (value) => {
    const server = await gateway();
    await refusedBeforeSending(server, clientFor(server.base).GET(pingDebtors.path, { requestId: value }));
  });

  it.each(INJECTIONS)("a per-call header value %j is an ApticUsageError and nothing is sent", async (value) => {
    const server = await gateway();
    await refusedBeforeSending(server, clientFor(server.base).GET(pingDebtors.path, { headers: { "X-Tenant": value } }));
  });

  it.each(INJECTIONS)("a params.header value %j is an ApticUsageError and nothing is sent", async (value) => {
    const server = await gateway();
    await refusedBeforeSending(server, clientFor(server.base).GET(pingDebtors.path, { params: { header: { "X-Tenant": value } as never } }));
  });

  it.each(["X-Evil\r\nY", "X Evil", "X:Evil", ""])("a header name %j is an ApticUsageError and nothing is sent", async (name) => {
    const server = await gateway();
    await refusedBeforeSending(server, clientFor(server.base).GET(pingDebtors.path, { headers: { [name]: "v" } }));
  });

  it.each(INJECTIONS)("a client-wide header value or userAgent %j is refused at construction", (value) => {
    expect(() => createApticClient({ baseUrl: "https://gw.example.org", headers: { "X-Tenant": value } })).toThrow(ApticUsageError);
    expect(() => createApticClient({ baseUrl: "https://gw.example.org", userAgent: value })).toThrow(ApticUsageError);
  });

  it.each(INJECTIONS)("apiKey(%j) and bearer(%j) are refused when created", (value) => {
    expect(() => apiKey(value)).toThrow(ApticUsageError);
    expect(() => bearer(value)).toThrow(ApticUsageError);
  });

  it.each(INJECTIONS)("a bearer function returning %j (sync or async) is an ApticUsageError and nothing is sent", async (value) => {
    const server = await gateway();
    await refusedBeforeSending(server, clientFor(server.base, { auth: bearer(() => value) }).GET(pingDebtors.path));
    await refusedBeforeSending(server, clientFor(server.base, { auth: bearer(async () => value) }).GET(pingDebtors.path));
  });

  it.each(INJECTIONS)("a custom auth provider returning a header value %j is an ApticUsageError and nothing is sent", async (value) => {
    const server = await gateway();
    await refusedBeforeSending(server, clientFor(server.base, { auth: () => ({ authorization: `Bearer ${value}` }) }).GET(pingDebtors.path));
    await refusedBeforeSending(server, clientFor(server.base, { auth: async () => ({ "X-Partner": value }) }).GET(pingDebtors.path));
  });

  it.each<[string, unknown]>([
    ["a CRLF header injection", "abc\r\nX-Evil: 1"],
    ["a bare LF", "abc\nX-Evil: 1"],
    ["a NUL", "abc\0"],
    ["a space", "abc def"],
    ["non-ASCII", "abcé€"],
    ["an empty string", ""],
    ["a number", 12345],
    ["an object", { value: "abc" }],
  ])("an OAuth2 access_token with %s from a hostile token endpoint is an ApticTokenError and the gateway receives nothing", async (_, accessToken) => {
    const token = await startTokenEndpoint((__, res) => json(res, 200, { access_token: accessToken, token_type: "Bearer", expires_in: 3600 }));
    const server = await gateway();
    const err = await rejection(
      clientFor(server.base, { auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }) }).GET(pingDebtors.path),
    );
    expect(err).toBeInstanceOf(ApticTokenError);
    expect(server.received).toHaveLength(0);
  });

  it("a well-formed token from the same endpoint does reach the gateway (the check above is not a blanket refusal)", async () => {
    const token = await startTokenEndpoint((_, res) => grant(res, "abc.DEF-ghi_jkl~123+/="));
    const server = await gateway();
    await clientFor(server.base, { auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }) }).GET(
      pingDebtors.path,
    );
    expect(only(server).req.headers["authorization"]).toBe("Bearer abc.DEF-ghi_jkl~123+/=");
  });
});

describe("shapes the checks do not catch yet", () => {
  it.each(["/%2e%2e/webhooks", "/.%2E/webhooks", `${listDebtors.path}/%2e%2e/%2e%2e/webhooks`, "/.\n./webhooks", "/.\t./webhooks"])(
    "the template %j (a dot segment the URL parser decodes or reassembles) is refused before anything is sent",
    async (template) => {
      const server = await gateway();
      const err = await rejection(clientFor(server.base).GET(template as never));
      expect(
        server.received.map((r) => r.url),
        "the request escaped the base path",
      ).toEqual([]);
      expect(err).toBeInstanceOf(ApticUsageError);
    },
  );

  it.each<[string, () => Parameters<typeof clientFor>[1]]>([
    ["bearer()", () => ({ auth: bearer("t0ken-€uro") })],
    ["a bearer function", () => ({ auth: bearer(async () => "t0ken-€uro") })],
    ["apiKey()", () => ({ auth: apiKey("k3y-€uro") })],
    ["a custom provider", () => ({ auth: () => ({ "X-Partner": "p4rtner-€uro" }) })],
  ])("a credential from %s with a character no header can carry (€) is an ApticUsageError, not a bare TypeError, and nothing is sent", async (_, options) => {
    const server = await gateway();
    let err: unknown;
    try {
      err = await rejection(clientFor(server.base, options()).GET(pingDebtors.path));
    } catch (thrown) {
      err = thrown; // refusing it when the strategy is created is fine too
    }
    expect(err).toBeInstanceOf(ApticUsageError);
    expect(server.received).toHaveLength(0);
  });

  it.each(["\x01", "\x1b", "\x7f"])(
    "a control character %j in idempotencyKey, requestId, a header or an API key is an ApticUsageError, not a retried connection failure",
    async (ch) => {
      const server = await gateway();
      const sleeps: number[] = [];
      const options = { retry: { retries: 2 }, timing: { sleep: async (ms: number) => void sleeps.push(ms) } };
      const calls: Array<() => Promise<unknown>> = [
        () => clientFor(server.base, options).GET(pingDebtors.path, { idempotencyKey: `k${ch}1` }),
        () => clientFor(server.base, options).GET(pingDebtors.path, { requestId: `r${ch}1` }),
        () => clientFor(server.base, options).GET(pingDebtors.path, { headers: { "X-Tenant": `t${ch}1` } }),
        () => clientFor(server.base, { ...options, auth: apiKey(`k3y${ch}value`) }).GET(pingDebtors.path),
      ];
      for (const call of calls) {
        let err: unknown;
        try {
          err = await rejection(call());
        } catch (thrown) {
          err = thrown;
        }
        expect(err).toBeInstanceOf(ApticUsageError);
      }
      expect(sleeps, "bad input was retried").toEqual([]);
      expect(server.received).toHaveLength(0);
    },
  );
});
