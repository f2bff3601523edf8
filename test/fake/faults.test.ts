// Faults on demand: retries, Retry-After, resets, stalls and delays become testable in
// milliseconds (a test clock makes a 30 s Retry-After take no real time).
import { describe, expect, it } from "vitest";
import { ApticConnectionError, ApticServerError, ApticTimeoutError, ApticUsageError, unwrap } from "../../src/index.js";
import { createFakeGateway, createTestClock, SOURCE_HEADER } from "../../src/testing/index.js";
import { fakeClient } from "./support/client.js";
import { createDebtor, getDebtor, listDebtors, pingDebtors } from "../../src/operations/index.js";

const body = { lastname: "Lindqvist", juridicalType: 0 as const };

describe("failNext", () => {
  it("a 503 on the next GET is retried by the client and the retry succeeds", async () => {
    const fake = await createFakeGateway();
    const [debtorGuid = ""] = fake.seed("debtor", [body]);
    fake.failNext({ operationId: "getDebtor", status: 503 });
    const debtor = await unwrap(fakeClient(fake, { authMode: "apiKey" }).GET(getDebtor.path, { params: { path: { debtorGuid } } }));
    expect(debtor.lastname).toBe("Lindqvist");
    expect(fake.requests.of("getDebtor").map((r) => [r.status, r.source])).toEqual([
      [503, "fault"],
      [200, "store"],
    ]);
    expect(fake.pendingFaults()).toBe(0);
  });

  it("Retry-After is honoured without real waiting when both sides share a test clock", async () => {
    const clock = createTestClock();
    const fake = await createFakeGateway({ clock });
    fake.failNext({ operationId: "listDebtors", status: 429, retryAfter: 30, times: 2 });
    const started = Date.now();
    await unwrap(fakeClient(fake, { timing: clock, retry: { retries: 2, maxRetryAfterMs: 60_000 } }).GET(listDebtors.path, {}));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(clock.sleeps).toEqual([30_000, 30_000]);
    expect(fake.requests.of("listDebtors").map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it("a POST without an idempotency key is not retried: the 503 surfaces and nothing is stored", async () => {
    const fake = await createFakeGateway();
    fake.failNext({ operationId: "createDebtor", status: 503, body: { title: "Service Unavailable", status: 503, detail: "maintenance" } });
    await expect(unwrap(fakeClient(fake).POST(createDebtor.path, { body }))).rejects.toBeInstanceOf(ApticServerError);
    expect(fake.requests.of("createDebtor")).toHaveLength(1);
    expect(fake.store.count("debtor")).toBe(0);
  });

  it("a POST with an idempotency key and retry.unsafe is retried after a 503 and stored once", async () => {
    const fake = await createFakeGateway();
    fake.failNext({ operationId: "createDebtor", status: 503 });
    await unwrap(fakeClient(fake).POST(createDebtor.path, { body, idempotencyKey: "order-1", retry: { unsafe: true } }));
    expect(fake.requests.of("createDebtor").map((r) => r.status)).toEqual([503, 201]);
    expect(fake.store.count("debtor")).toBe(1);
  });

  it("connection reset: the client sees a connection error (after its retries for a GET)", async () => {
    const fake = await createFakeGateway();
    fake.failNext({ operationId: "listDebtors", connection: "reset", times: 3 });
    const err = await unwrap(fakeClient(fake).GET(listDebtors.path, {})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticConnectionError);
    expect(fake.requests.of("listDebtors").map((r) => r.source)).toEqual(["connection", "connection", "connection"]);
  });

  it("stall: no answer until the client's timeout aborts it", async () => {
    const fake = await createFakeGateway();
    fake.failNext({ operationId: "listDebtors", connection: "stall" });
    const err = await unwrap(fakeClient(fake, { timeoutMs: 50, retry: false }).GET(listDebtors.path, {})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticTimeoutError);
  });

  it("stall-body: headers arrive, the body never ends; the timeout still fires", async () => {
    const fake = await createFakeGateway();
    fake.failNext({ operationId: "listDebtors", connection: "stall-body" });
    const err = await unwrap(fakeClient(fake, { timeoutMs: 80, retry: false }).GET(listDebtors.path, {})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticTimeoutError);
  });

  it('matches by path (string or RegExp) and method, and the token endpoint as operationId "token"', async () => {
    const fake = await createFakeGateway();
    fake.failNext({ path: new RegExp(`^${pingDebtors.path}$`), status: 500 });
    fake.failNext({ operationId: "token", status: 503 });
    const aptic = fakeClient(fake);
    // The client retries a 503 of the token endpoint and a 500 of the GET, so one call rides out both.
    await unwrap(aptic.GET(pingDebtors.path));
    expect(fake.requests.map((r) => `${r.operationId}:${r.status}`)).toEqual(["token:503", "token:200", "pingDebtors:500", "pingDebtors:200"]);
  });

  it("a documented status with a body that breaks its schema is reported, not sent", async () => {
    const fake = await createFakeGateway();
    fake.failNext({ operationId: "listDebtors", status: 400, body: { title: 42 } });
    const res = await fakeClient(fake, { retry: false }).GET(listDebtors.path, {});
    expect(res.response.status).toBe(500);
    expect(res.response.headers.get(SOURCE_HEADER)).toBe("violation");
    expect(() => fake.verify()).toThrow(/400 body of listDebtors does not match/);
  });

  it("refuses nonsense options with ApticUsageError", async () => {
    const fake = await createFakeGateway();
    expect(() => fake.failNext({ status: 99 })).toThrow(ApticUsageError);
    expect(() => fake.failNext({ status: 503, times: 0 })).toThrow(/times/);
    expect(() => fake.failNext({ status: 503, retryAfter: -1 })).toThrow(/retryAfter/);
    expect(() => fake.failNext({ connection: "explode" as "reset" })).toThrow(/connection/);
    expect(() => fake.delayNext(2 ** 31)).toThrow(/delayNext/);
    expect(() => fake.delayNext(Number.NaN)).toThrow(/delayNext/);
  });
});

describe("delayNext", () => {
  it("delays on the fake's clock (a test clock advances instead of waiting)", async () => {
    const clock = createTestClock();
    const fake = await createFakeGateway({ clock });
    fake.delayNext(10_000, { operationId: "pingDebtors" });
    const before = clock.now();
    await unwrap(fakeClient(fake, { authMode: "apiKey" }).GET(pingDebtors.path));
    expect(clock.now() - before).toBe(10_000);
  });

  it("with real time a delay longer than the client's timeout is a timeout", async () => {
    const fake = await createFakeGateway();
    fake.delayNext(300);
    const err = await unwrap(fakeClient(fake, { authMode: "apiKey", timeoutMs: 30, retry: false }).GET(pingDebtors.path)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticTimeoutError);
  });
});
