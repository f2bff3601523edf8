// The same core behind three mounts: fake.fetch (covered everywhere else), fake.listen() over
// real HTTP on 127.0.0.1, and msw handlers.
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterEach, describe, expect, it } from "vitest";
import { ApticConnectionError, ApticTimeoutError, unwrap } from "../../src/index.js";
import { createFakeGateway, type FakeServer } from "../../src/testing/index.js";
import { fakeClient } from "./support/client.js";
import { createDebtor, getDebtor, listDebtors, pingDebtors } from "../../src/operations/index.js";

const realFetch = (request: Request, init?: RequestInit) => globalThis.fetch(request, init);
const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("fake.listen()", () => {
  it("serves the stateful fake over HTTP on 127.0.0.1, token endpoint included", async () => {
    const fake = await createFakeGateway();
    const server = await fake.listen();
    servers.push(server);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const aptic = fakeClient(fake, { baseUrl: server.url, tokenUrl: server.tokenUrl, fetch: realFetch });
    const created = await unwrap(aptic.POST(createDebtor.path, { body: { lastname: "Over HTTP" } }));
    const read = await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: created.debtorGuid ?? "" } } }));
    expect(read.lastname).toBe("Over HTTP");
    expect(fake.requests.map((r) => r.operationId)).toEqual(["token", "createDebtor", "getDebtor"]);
  });

  it("a connection reset drops the socket; a stall is ended by the client's timeout and by close()", async () => {
    const fake = await createFakeGateway();
    const server = await fake.listen();
    servers.push(server);
    const aptic = fakeClient(fake, { baseUrl: server.url, authMode: "apiKey", fetch: realFetch, retry: false, timeoutMs: 300 });
    fake.failNext({ operationId: "pingDebtors", connection: "reset" });
    await expect(unwrap(aptic.GET(pingDebtors.path))).rejects.toBeInstanceOf(ApticConnectionError);
    fake.failNext({ operationId: "pingDebtors", connection: "stall" });
    await expect(unwrap(aptic.GET(pingDebtors.path))).rejects.toBeInstanceOf(ApticTimeoutError);
    expect(await unwrap(aptic.GET(pingDebtors.path))).toEqual({});
    await server.close();
    await server.close(); // twice is fine
    await expect(fetch(`${server.url}${pingDebtors.path}`)).rejects.toThrow();
  });

  it("refuses a body over 10 MB with 413 instead of buffering it", async () => {
    const fake = await createFakeGateway();
    const server = await fake.listen();
    servers.push(server);
    const res = await fetch(`${server.url}${createDebtor.path}`, {
      method: createDebtor.method,
      body: "x".repeat(11 * 1024 * 1024),
      headers: { "content-type": "application/json", [fake.apiKeyHeader]: fake.apiKey },
    }).catch((e: unknown) => e);
    // Either the 413 arrives or the socket is closed on the sender mid-upload; nothing is stored.
    if (res instanceof Response) expect(res.status).toBe(413);
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses a port outside 0–65535", async () => {
    const fake = await createFakeGateway();
    expect(() => fake.listen(70000)).toThrow(/port/);
  });
});

describe("fake.mswHandlers(http)", () => {
  it("answers requests an unchanged client sends through the global fetch", async () => {
    const fake = await createFakeGateway({ baseUrl: "https://gw.example.test/api" });
    const msw = setupServer(...fake.mswHandlers(http));
    msw.listen({ onUnhandledRequest: "error" });
    try {
      const aptic = fakeClient(fake, { fetch: realFetch });
      const created = await unwrap(aptic.POST(createDebtor.path, { body: { lastname: "Via msw" } }));
      expect(fake.store.get("debtor", created.debtorGuid ?? "")?.lastname).toBe("Via msw");
      expect(fake.requests.map((r) => [r.operationId, r.path])).toEqual([
        ["token", "/connect/token"],
        ["createDebtor", createDebtor.path],
      ]);
      fake.failNext({ operationId: "listDebtors", connection: "reset" });
      await expect(unwrap(fakeClient(fake, { fetch: realFetch, retry: false }).GET(listDebtors.path, {}))).rejects.toBeInstanceOf(ApticConnectionError);
    } finally {
      msw.close();
    }
  });
});

describe("base path", () => {
  it("paths outside the fake's base path are not routed", async () => {
    const fake = await createFakeGateway({ baseUrl: "https://gw.example.test/api/" });
    expect(fake.baseUrl).toBe("https://gw.example.test/api");
    expect((await fake.fetch(`https://gw.example.test${pingDebtors.path}`, { headers: { [fake.apiKeyHeader]: fake.apiKey } })).status).toBe(404);
    expect((await fake.fetch(`https://gw.example.test/api${pingDebtors.path}`, { headers: { [fake.apiKeyHeader]: fake.apiKey } })).status).toBe(200);
    await expect(createFakeGateway({ baseUrl: "ftp://x" })).rejects.toThrow(/baseUrl/);
  });
});
