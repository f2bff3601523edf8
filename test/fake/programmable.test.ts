// on() overrides, strict mode, custom services and callbacks.
import { describe, expect, it } from "vitest";
import { ApticForbiddenError, ApticNotFoundError, ApticUsageError, unwrap } from "../../src/index.js";
import { invokeCallback, invokeDebtorService, invokeService } from "../../src/services/index.js";
import { createFakeGateway, SOURCE_HEADER } from "../../src/testing/index.js";
import { fakeClient } from "./support/client.js";
import { getDebtor, listDebtors, pingCustomers, pingDebtors, pingServices } from "../../src/operations/index.js";

describe("fake.on(operationId, handler)", () => {
  it("overrides one operation after auth and validation; undefined falls through; off() restores", async () => {
    const fake = await createFakeGateway();
    const aptic = fakeClient(fake, { authMode: "apiKey", retry: false });
    const [locked = "", open = ""] = fake.seed("debtor", [{ lastname: "Locked" }, { lastname: "Open" }]);
    const seen: unknown[] = [];
    const off = fake.on("getDebtor", (ctx) => {
      seen.push(ctx.params);
      return ctx.params["debtorGuid"] === locked ? ctx.reply(403) : undefined;
    });
    await expect(unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: locked } } }))).rejects.toBeInstanceOf(ApticForbiddenError);
    const opened = await aptic.GET(getDebtor.path, { params: { path: { debtorGuid: open } } });
    expect(opened.response.headers.get(SOURCE_HEADER)).toBe("store");
    off();
    expect((await aptic.GET(getDebtor.path, { params: { path: { debtorGuid: locked } } })).response.status).toBe(200);
    expect(seen).toEqual([{ debtorGuid: locked }, { debtorGuid: open }]);
    // An invalid request never reaches the handler.
    fake.on("listDebtors", () => {
      throw new Error("must not run");
    });
    expect((await aptic.GET(listDebtors.path, { params: { query: { $top: 500 } } })).response.status).toBe(400);
  });

  it("a plain value is the success body; a Response is used as given (and still checked)", async () => {
    const fake = await createFakeGateway();
    const aptic = fakeClient(fake, { authMode: "apiKey", retry: false });
    fake.on("pingDebtors", () => ({ pong: true }));
    expect(await unwrap(aptic.GET(pingDebtors.path))).toEqual({ pong: true });
    fake.on("pingCustomers", () => new Response(JSON.stringify({ up: 1 }), { status: 200, headers: { "content-type": "application/json" } }));
    expect(await unwrap(aptic.GET(pingCustomers.path))).toEqual({ up: 1 });
  });

  it("a handler that throws is a 500 and a violation", async () => {
    const fake = await createFakeGateway();
    fake.on("pingDebtors", () => {
      throw new Error("boom");
    });
    expect((await fakeClient(fake, { authMode: "apiKey", retry: false }).GET(pingDebtors.path)).response.status).toBe(500);
    expect(() => fake.verify()).toThrow(/handler threw: boom/);
  });

  it("refuses unknown operationIds and non-functions", async () => {
    const fake = await createFakeGateway();
    expect(() => fake.on("getDebtorz" as "getDebtor", () => undefined)).toThrow(ApticUsageError);
    expect(() => fake.on("getDebtor", "x" as never)).toThrow(ApticUsageError);
  });
});

describe("strict mode", () => {
  it("answers 501 to any operation the test did not allow, and verify() lists them", async () => {
    const fake = await createFakeGateway({ strict: true });
    fake.allow("pingDebtors");
    const aptic = fakeClient(fake, { authMode: "apiKey", retry: false });
    await unwrap(aptic.GET(pingDebtors.path));
    const surprise = await aptic.GET(listDebtors.path, {});
    expect(surprise.response.status).toBe(501);
    expect(() => fake.verify()).toThrow(/Unexpected request in strict mode: listDebtors/);
    // Undeclared query parameters are refused in strict mode too.
    fake.allow("listDebtors");
    expect((await aptic.GET(listDebtors.path, { params: { query: { typo: "1" } as never } })).response.status).toBe(400);
  });
});

describe("custom services and callbacks", () => {
  it("a defined service gets its name, sub-path, async flag, body and scope", async () => {
    const fake = await createFakeGateway();
    const aptic = fakeClient(fake, { authMode: "apiKey" });
    const calls: unknown[] = [];
    fake.defineService("Reports", (call) => {
      calls.push({
        name: call.name,
        subPath: call.subPath,
        async: call.async,
        method: call.method,
        body: call.body,
        params: call.params,
        operationId: call.operationId,
      });
      return { rows: 3 };
    });
    expect(await invokeService(aptic, "Reports", { subPath: ["monthly", "2026/10"] })).toEqual({ rows: 3 });
    expect(await invokeService(aptic, "Reports", { body: { x: 1 }, async: true })).toEqual({ rows: 3 });
    const [debtorGuid = ""] = fake.seed("debtor", [{}]);
    await invokeDebtorService(aptic, debtorGuid, "Reports", { body: null });
    expect(calls).toEqual([
      { name: "Reports", subPath: ["monthly", "2026/10"], async: false, method: "GET", body: undefined, params: {}, operationId: "invokeServiceGet" },
      { name: "Reports", subPath: [], async: true, method: "POST", body: { x: 1 }, params: {}, operationId: "invokeServicePost" },
      { name: "Reports", subPath: [], async: false, method: "POST", body: null, params: { debtorGuid }, operationId: "invokeDebtorService" },
    ]);
  });

  it("undefined services and callbacks answer the documented 404; undefined output is {}", async () => {
    const fake = await createFakeGateway();
    const aptic = fakeClient(fake, { authMode: "apiKey" });
    await expect(invokeService(aptic, "Nope")).rejects.toBeInstanceOf(ApticNotFoundError);
    await expect(invokeCallback(aptic, "Nope")).rejects.toBeInstanceOf(ApticNotFoundError);
    fake.defineService("Silent", () => undefined);
    expect(await invokeService(aptic, "Silent", { method: "DELETE" })).toEqual({});
  });

  it("callbacks receive undeclared query arguments; a service on a missing debtor is 404", async () => {
    const fake = await createFakeGateway();
    const aptic = fakeClient(fake, { authMode: "apiKey" });
    fake.defineCallback("PaymentReceived", (call) => ({ query: call.query, body: call.body }));
    expect(await invokeCallback(aptic, "PaymentReceived", { query: { source: "erp" } })).toEqual({ query: { source: "erp" } });
    fake.defineService("Remind", () => ({}));
    await expect(invokeDebtorService(aptic, "00000000-0000-4000-8000-000000000000", "Remind")).rejects.toBeInstanceOf(ApticNotFoundError);
  });

  it("a service named like a literal path (ping) could never be invoked, so defining it is refused", async () => {
    const fake = await createFakeGateway();
    expect(() => fake.defineService(pingServices.path.split("/").pop() ?? "", () => ({}))).toThrow(/shadowed/);
    expect(() => fake.defineService("a/b", () => ({}))).toThrow(ApticUsageError);
    expect(() => fake.defineCallback("x", undefined as never)).toThrow(ApticUsageError);
  });
});
