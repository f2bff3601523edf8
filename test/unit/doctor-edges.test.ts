// The doctor's edges: answers that never come, bodies that are not JSON, custom prefixes, the
// table's extra sections and the flags not covered by the main scenario.
import { describe, expect, it } from "vitest";
import { apiKey } from "../../src/index.js";
import { doctorMain, runDoctor, type OperationReport } from "../../src/doctor/index.js";
import { createFakeGateway, type FakeGateway } from "../../src/testing/index.js";
import { getDebtor, listIdentities, pingCustomers, pingDebtors, pingWebhooks } from "../../src/operations/index.js";

const auth = (fake: FakeGateway) => apiKey(fake.apiKey, { header: fake.apiKeyHeader });

describe("runDoctor edges", () => {
  it("a probe without an answer is unknown with the error; a non-JSON body of a confirmed route is a mismatch", async () => {
    const fake = await createFakeGateway();
    const fetch = async (input: Request, init?: RequestInit) => {
      const path = new URL(input.url).pathname;
      if (path === pingDebtors.path) throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
      if (path === pingCustomers.path) return new Response("pong", { status: 200, headers: { "content-type": "text/plain" } });
      return fake.fetch(input, init);
    };
    const seen: [string, number, number][] = [];
    const report = await runDoctor({
      baseUrl: fake.baseUrl,
      fetch,
      auth: auth(fake),
      only: ["pingDebtors", "pingCustomers", "pingServices"],
      onResult: (r, i, n) => seen.push([r.operationId, i, n]),
    });
    expect(seen).toEqual([
      ["pingCustomers", 0, 3],
      ["pingDebtors", 1, 3],
      ["pingServices", 2, 3],
    ]);
    const ping = report.operations.find((r) => r.operationId === "pingDebtors") as OperationReport;
    expect(ping).toMatchObject({ verdict: "unknown", probe: "read", status: undefined });
    expect(ping.reason).toMatch(/^no answer: ApticConnectionError: /);
    expect(report.mismatches).toEqual([{ operationId: "pingCustomers", status: 200, message: "The 200 body of pingCustomers is not JSON", errors: {} }]);
    expect(report.summary).toEqual({ confirmed: 2, refuted: 0, unknown: 1 });
    expect(report.auth).toEqual({ scheme: "none", result: "accepted", detail: "2 probe(s) got past auth" });
  });

  it("tries the prefixes it is given, and reports a refuted route it could not place without a found route", async () => {
    const fake = await createFakeGateway({
      routes: { pingWebhooks: { path: `/gw${pingWebhooks.path}` }, listIdentities: { path: `/elsewhere${listIdentities.path}` } },
    });
    const report = await runDoctor({
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      auth: auth(fake),
      only: ["pingWebhooks", "listIdentities"],
      tryPrefixes: ["/gw/"],
    });
    expect(report.operations.map((r) => [r.operationId, r.verdict, r.found])).toEqual([
      ["listIdentities", "refuted", undefined],
      ["pingWebhooks", "refuted", { method: "GET", path: `/gw${pingWebhooks.path}` }],
    ]);
    expect(report.routes).toEqual({ pingWebhooks: { method: "GET", path: `/gw${pingWebhooks.path}` } });
  });

  it("a 4xx on a literal path that another operation's parameter route also matches is unknown, not confirmed", async () => {
    const fake = await createFakeGateway();
    // As a gateway without /debtors/ping would answer: getDebtor refusing "ping" as a GUID.
    const fetch = async (input: Request, init?: RequestInit) =>
      new URL(input.url).pathname === pingDebtors.path
        ? new Response(JSON.stringify({ title: "Bad Request", status: 400 }), { status: 400, headers: { "content-type": "application/problem+json" } })
        : fake.fetch(input, init);
    const report = await runDoctor({ baseUrl: fake.baseUrl, fetch, auth: auth(fake), only: ["pingDebtors", "pingCustomers"] });
    expect(report.operations.map((r) => [r.operationId, r.verdict, r.reason])).toEqual([
      ["pingCustomers", "confirmed", "answered 200"],
      ["pingDebtors", "unknown", `answered 400, but GET ${getDebtor.path} (getDebtor) matches this path too and may have answered`],
    ]);
  });

  it("before any probe reaches the gateway, auth is not checked", async () => {
    const fake = await createFakeGateway();
    const report = await runDoctor({ baseUrl: fake.baseUrl, fetch: fake.fetch, only: ["createDebtor"], authScheme: "API key" });
    expect(report.auth).toEqual({ scheme: "API key", result: "not checked", detail: "no probe reached the gateway" });
    expect(report.baseUrl).toBe(fake.baseUrl);
  });
});

describe("doctor command edges", () => {
  it("takes --base-url and --timeout-ms, and prints the write-probe and mismatch sections", async () => {
    const fake = await createFakeGateway({ baseUrl: "https://gw.example.test/base/" });
    const out: string[] = [];
    const err: string[] = [];
    const fetch = async (input: Request, init?: RequestInit) => {
      const response = await fake.fetch(input, init);
      if (new URL(input.url).pathname !== `/base${pingWebhooks.path}`) return response;
      return new Response(JSON.stringify([1]), { status: 200, headers: { "content-type": "application/json" } });
    };
    const code = await doctorMain(
      ["doctor", "--base-url", `${fake.baseUrl}/`, "--timeout-ms", "5000", "--write-probes", "--only", "pingWebhooks,deleteDebtor"],
      {
        env: { APTIC_API_KEY: fake.apiKey, APTIC_API_KEY_HEADER: fake.apiKeyHeader },
        fetch,
        stdout: (t) => out.push(t),
        stderr: (t) => err.push(t),
        isTTY: false,
      },
    );
    const text = out.join("");
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(text).toContain("Aptic gateway doctor: https://gw.example.test/base\n");
    expect(text).toContain("checked only by write probes: deleteDebtor\n");
    expect(text).toMatch(
      /^response bodies that do not match the spec:\n {2}pingWebhooks 200: The 200 body of pingWebhooks does not match its response schema \{"\$":\["type: /m,
    );
    expect(text).not.toContain("routes written");
  });

  it("prints the usage without a command", async () => {
    const out: string[] = [];
    expect(await doctorMain([], { stdout: (t) => out.push(t), env: {} })).toBe(0);
    expect(out.join("")).toContain("Exit code: 0 nothing refuted, 1 something refuted, 2 could not run.");
  });
});
