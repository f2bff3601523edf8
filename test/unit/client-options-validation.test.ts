// Option validation at the edges, as a careless integrator meets it: each bound accepted exactly
// at its limit and refused one step past it, each wrong kind of value refused with the message
import { defineRoutes } from "../../src/routes/index.js";
import { responseValidation } from "../../src/validation/index.js";
// the README's troubleshooting section and the JSDoc quote, and every documented option name
// accepted.
import { describe, expect, it } from "vitest";
import { bearer, createApticClient, type ApticClientOptions } from "../../src/index.js";
import { fakeFetch, json } from "../support/fake-fetch.js";
import { usageError } from "../support/usage-errors.js";
import { pingDebtors } from "../../src/operations/index.js";

const BASE = "http://127.0.0.1:9";
const MAX = 2 ** 31 - 1;

const create = (options: Record<string, unknown>) => () => createApticClient({ baseUrl: BASE, ...options } as ApticClientOptions);

describe("durations", () => {
  it.each(["timeoutMs", "deadlineMs"])("%s accepts 0 and 2^31−1 and refuses what is past either end", (name) => {
    expect(create({ [name]: 0 })).not.toThrow();
    expect(create({ [name]: MAX })).not.toThrow();
    expect(usageError(create({ [name]: MAX + 1 }))).toBe(`${name} must be a number of milliseconds from 0 to ${MAX} (got ${MAX + 1})`);
    expect(usageError(create({ [name]: -0.5 }))).toBe(`${name} must be a number of milliseconds from 0 to ${MAX} (got -0.5)`);
  });

  it.each<[unknown, string]>([
    [Number.NaN, "NaN"],
    [Infinity, "Infinity"],
    ["5000", '"5000"'],
    [{ ms: 5 }, "an object"],
    [[5], "an array"],
    [true, "true"],
  ])("timeoutMs %s is refused, shown as %s", (value, shown) => {
    expect(usageError(create({ timeoutMs: value }))).toBe(`timeoutMs must be a number of milliseconds from 0 to ${MAX} (got ${shown})`);
  });

  it("a long string is shown cut to 40 characters, one of 40 in full", () => {
    const long = "9".repeat(41);
    expect(usageError(create({ timeoutMs: long }))).toBe(`timeoutMs must be a number of milliseconds from 0 to ${MAX} (got "${"9".repeat(40)}…")`);
    expect(usageError(create({ timeoutMs: "9".repeat(40) }))).toBe(`timeoutMs must be a number of milliseconds from 0 to ${MAX} (got "${"9".repeat(40)}")`);
  });

  it("per-call durations pass the same check, before anything is sent", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    await expect(aptic.GET(pingDebtors.path, { timeoutMs: MAX + 1 })).rejects.toThrow(
      `timeoutMs must be a number of milliseconds from 0 to ${MAX} (got ${MAX + 1})`,
    );
    await expect(aptic.GET(pingDebtors.path, { deadlineMs: -1 })).rejects.toThrow(`deadlineMs must be a number of milliseconds from 0 to ${MAX} (got -1)`);
    expect(fetch.seen).toHaveLength(0);
    await aptic.GET(pingDebtors.path, { timeoutMs: MAX, deadlineMs: MAX });
    expect(fetch.seen).toHaveLength(1);
  });
});

describe("maxResponseBytes", () => {
  it("accepts 1 and Number.MAX_SAFE_INTEGER, refuses 0 and fractions with the bounds in the message", () => {
    expect(create({ maxResponseBytes: 1 })).not.toThrow();
    expect(create({ maxResponseBytes: Number.MAX_SAFE_INTEGER })).not.toThrow();
    expect(usageError(create({ maxResponseBytes: 0 }))).toBe(`maxResponseBytes must be an integer from 1 to ${Number.MAX_SAFE_INTEGER} (got 0)`);
    expect(usageError(create({ maxResponseBytes: 2.5 }))).toBe(`maxResponseBytes must be an integer from 1 to ${Number.MAX_SAFE_INTEGER} (got 2.5)`);
    expect(usageError(create({ maxResponseBytes: Number.MAX_SAFE_INTEGER + 1 }))).toContain("must be an integer from 1 to");
  });
});

describe("option names and kinds", () => {
  it("accepts every documented option", () => {
    const options: Required<ApticClientOptions> = {
      baseUrl: BASE,
      auth: bearer("tok"),
      headers: { "X-Tenant": "nordbank" },
      userAgent: "erp/1.0",
      fetch: fakeFetch(() => json(200, {})),
      dispatcher: {},
      logger: console,
      onEvent: () => {},
      timeoutMs: 1000,
      deadlineMs: 5000,
      retry: { retries: 1 },
      maxResponseBytes: 1024,
      allowInsecureHttp: false,
      timing: { now: Date.now },
      routes: defineRoutes({}),
      validateResponses: responseValidation("warn"),
    };
    expect(() => createApticClient(options)).not.toThrow();
  });

  it("names an unknown option and lists the known ones (README troubleshooting)", () => {
    expect(usageError(create({ timeout: 5 }))).toBe(
      'Unknown option "timeout"; known options: baseUrl, auth, headers, userAgent, fetch, dispatcher, logger, onEvent, timeoutMs, deadlineMs, retry, maxResponseBytes, allowInsecureHttp, timing, routes, validateResponses',
    );
  });

  it.each<[Record<string, unknown>, string]>([
    [{ fetch: "fetch" }, "fetch must be a function"],
    [{ onEvent: {} }, "onEvent must be a function"],
    [{ logger: "console" }, "logger must be an object such as console"],
    [{ logger: null }, "logger must be an object such as console"],
    [{ allowInsecureHttp: "yes" }, "allowInsecureHttp must be a boolean"],
    [{ timing: null }, "timing must be an object { now?, sleep?, random? }"],
    [{ timing: 5 }, "timing must be an object { now?, sleep?, random? }"],
    [{ timing: { now: 5 } }, "timing.now must be a function"],
    [{ timing: { sleep: "later" } }, "timing.sleep must be a function"],
    [{ timing: { random: 0.5 } }, "timing.random must be a function"],
    [{ routes: { getDebtor: { path: "/x/{debtorGuid}" } } }, "routes must come from defineRoutes() (aptic-gateway-client/routes)"],
    [{ validateResponses: "throw" }, "validateResponses must come from responseValidation() (aptic-gateway-client/validation)"],
    [{ routes: null }, "routes must come from defineRoutes() (aptic-gateway-client/routes)"],
    [{ validateResponses: null }, "validateResponses must come from responseValidation() (aptic-gateway-client/validation)"],
    [{ dispatcher: null }, "dispatcher must be an undici Dispatcher"],
    [{ dispatcher: () => undefined }, "dispatcher must be an undici Dispatcher"],
  ])("%j: %s", (options, message) => {
    expect(usageError(create(options))).toBe(message);
  });

  it("refuses a missing or non-object options argument", () => {
    for (const options of [undefined, null, "https://gateway.example.org"]) {
      expect(usageError(() => createApticClient(options as never))).toBe("createApticClient expects an options object with at least baseUrl");
    }
  });

  it("accepts explicitly undefined optional functions and timing members", () => {
    expect(create({ fetch: undefined, onEvent: undefined, logger: undefined, allowInsecureHttp: undefined, timing: { now: undefined } })).not.toThrow();
  });
});

describe("baseUrl", () => {
  it.each<[unknown, string]>([
    ["", "baseUrl must be a non-empty URL string"],
    [42, "baseUrl must be a non-empty URL string"],
    [" https://gateway.example.org", "baseUrl has leading or trailing whitespace"],
    ["https://gateway.example.org\n", "baseUrl has leading or trailing whitespace"],
    ["gateway.example.org", "baseUrl must be an absolute http(s) URL"],
    ["ftp://gateway.example.org", "baseUrl must use http or https (got ftp:)"],
    ["https://erp@gateway.example.org", "baseUrl must not contain user-info (credentials in a URL leak into logs); use the auth option"],
    ["https://:pw@gateway.example.org", "baseUrl must not contain user-info (credentials in a URL leak into logs); use the auth option"],
    ["https://gateway.example.org/api?tenant=1", "baseUrl must not have a query or fragment (every path is appended to it)"],
    ["https://gateway.example.org/api#x", "baseUrl must not have a query or fragment (every path is appended to it)"],
    ["https://gateway.example.org/api?", "baseUrl must not have a query or fragment (every path is appended to it)"],
  ])("%j: %s", (baseUrl, message) => {
    expect(usageError(() => createApticClient({ baseUrl } as ApticClientOptions))).toBe(message);
  });

  it("plain http with credentials names the host and the way out (README troubleshooting)", () => {
    expect(usageError(() => createApticClient({ baseUrl: "http://gateway.example.org:8080", auth: bearer("t") }))).toBe(
      "baseUrl uses plain http to gateway.example.org:8080: credentials would travel unencrypted. Use https, or pass allowInsecureHttp: true if you really mean it",
    );
  });

  it.each(["http://127.0.0.1.example.org", "http://localhost.example.org", "http://[::2]", "http://127.0.0.1x", "http://128.0.0.1", "http://0.0.0.0"])(
    "%s is not loopback: credentials over plain http are refused",
    (baseUrl) => {
      expect(usageError(() => createApticClient({ baseUrl, auth: bearer("t") }))).toContain("uses plain http to");
    },
  );

  it.each(["http://localhost", "http://127.0.0.1", "http://127.255.0.9:8080", "http://[::1]:4010", "https://gateway.example.org"])(
    "%s may carry credentials",
    (baseUrl) => {
      expect(() => createApticClient({ baseUrl, auth: bearer("t") })).not.toThrow();
    },
  );
});
