// Attacks by repetition: a delivery captured and sent again, two identical deliveries racing, and
// the failure paths where a naive dedupe would lose an event for good.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createWebhookHandler } from "../../src/webhooks/handler.js";
import { createMemoryReplayStore, replayKey, type WebhookReplayStore } from "../../src/webhooks/replay.js";
import type { AnyWebhookEvent } from "../../src/webhooks/event.js";
import { deliverWebhook } from "../../src/testing/webhook-simulator.js";
import { ApticUsageError } from "../../src/errors/aptic-error.js";
import { SECRET, envelope, startReceiver } from "./webhooks-support.js";

const post = (body: string) =>
  new Request("http://localhost/aptic/webhooks", { method: "POST", headers: { "content-type": "application/json", "x-webhook-secret": SECRET }, body });

/** A store over a Map with a call log, to see exactly what the handler asks of it. */
function spyStore(overrides: Partial<WebhookReplayStore> = {}) {
  const calls: string[] = [];
  const inner = createMemoryReplayStore();
  const store: WebhookReplayStore = {
    claim: async (key, ttl) => (calls.push(`claim ${ttl}`), overrides.claim ? overrides.claim(key, ttl) : inner.claim(key, ttl)),
    confirm: async (key, ttl) => (calls.push(`confirm ${ttl}`), overrides.confirm ? overrides.confirm(key, ttl) : inner.confirm(key, ttl)),
    release: async (key) => (calls.push("release"), overrides.release ? overrides.release(key) : inner.release(key)),
  };
  return { store, calls };
}

// Replay protection turns the dt tolerance window on; the clock stands at the envelope's dt.
beforeEach(() => void vi.useFakeTimers({ toFake: ["Date"], now: new Date("2024-03-14T08:26:53Z") }));
afterEach(() => void vi.useRealTimers());

describe("replay protection", () => {
  it("acknowledges a replayed delivery with 204 but does not hand it to onEvent again", async () => {
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ secret: SECRET, replay: true, onEvent });
    const first = await handler(post(envelope()));
    const again = await handler(post(envelope()));
    expect(first).toMatchObject({ ok: true, status: 204, replay: false });
    expect(again).toMatchObject({ ok: true, status: 204, replay: true });
    expect(again.response.status).toBe(204);
    expect(onEvent).toHaveBeenCalledTimes(1);
    if (again.ok) expect(again.event.name).toBe("payment");
  });

  it('treats deliveries that differ in events_id, object_id (even 42 vs "42") or dt as new', async () => {
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ secret: SECRET, allowUnknownEvents: true, replay: true, onEvent });
    const variants = [
      envelope(),
      envelope({ events_id: "debtorinsert" }),
      envelope({ object_id: "42" }),
      envelope({ object_id: 43 }),
      envelope({ object_id: undefined }),
      envelope({ dt: "2024-03-14T09:26:53.000+01:00" }),
      envelope({ dt: "2024-03-14T08:26:53Z" }), // the same instant, written differently: the gateway sends the same text on redelivery
    ];
    for (const body of variants) expect((await handler(post(body))).ok).toBe(true);
    expect(onEvent).toHaveBeenCalledTimes(variants.length);
    // …while a different data payload with the same identity is a replay (identity is the event, not the body).
    const replayed = await handler(post(envelope({}, { amount: 1 })));
    expect(replayed).toMatchObject({ ok: true, replay: true });
  });

  it("lets exactly one of two identical deliveries arriving at once reach onEvent", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const onEvent = vi.fn(() => gate);
    const handler = createWebhookHandler({ secret: SECRET, replay: true, onEvent });
    const both = Promise.all([handler(post(envelope())), handler(post(envelope()))]);
    await vi.waitFor(() => expect(onEvent).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    release();
    const results = await both;
    expect(results.map((r) => r.ok && r.replay).sort()).toEqual([false, true]);
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it("hands a delivery whose onEvent failed to onEvent again on redelivery (a failure is never remembered as handled)", async () => {
    const onEvent = vi.fn().mockRejectedValueOnce(new Error("db down")).mockResolvedValue(undefined);
    const { store, calls } = spyStore();
    const handler = createWebhookHandler({ secret: SECRET, replay: { store }, onEvent });
    const failed = await handler(post(envelope()));
    expect(failed).toMatchObject({ ok: false, status: 500, error: { reason: "handler_failed" } });
    const retried = await handler(post(envelope()));
    expect(retried).toMatchObject({ ok: true, replay: false });
    expect(onEvent).toHaveBeenCalledTimes(2);
    expect(calls).toEqual(["claim 60000", "release", "claim 60000", "confirm 86400000"]);
    expect((await handler(post(envelope()))).ok && onEvent.mock.calls.length).toBe(2);
  });

  it("handles a redelivery after a crash mid-onEvent once the lease has run out", async () => {
    let now = 1_000_000;
    const store = createMemoryReplayStore({ now: () => now });
    // A crashed process never confirms nor releases: simulate it with a claim and nothing else.
    const event = { name: "payment", objectId: 42, dt: "2024-03-14T09:26:53+01:00" };
    expect(await store.claim(await replayKey(event), 5_000)).toBe(true);
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ secret: SECRET, replay: { store, leaseMs: 5_000, windowMs: 60_000 }, onEvent });
    expect(await handler(post(envelope()))).toMatchObject({ ok: true, replay: true }); // still leased
    now += 5_000;
    expect(await handler(post(envelope()))).toMatchObject({ ok: true, replay: false });
    now += 59_999;
    expect(await handler(post(envelope()))).toMatchObject({ ok: true, replay: true }); // within the window
    now += 1;
    expect(await handler(post(envelope()))).toMatchObject({ ok: true, replay: false }); // window over
    expect(onEvent).toHaveBeenCalledTimes(2);
  });

  it("answers 503 store_failed when the store cannot claim, and does not run onEvent blind", async () => {
    const onEvent = vi.fn();
    const { store } = spyStore({ claim: () => Promise.reject(new Error("redis: connection refused")) });
    const handler = createWebhookHandler({ secret: SECRET, replay: { store }, onEvent });
    const result = await handler(post(envelope()));
    expect(result).toMatchObject({ ok: false, status: 503, error: { reason: "store_failed" } });
    if (result.ok) return;
    expect(result.error.message).toBe("The webhook replay store failed to claim the delivery");
    expect((result.error.cause as Error).message).toBe("redis: connection refused");
    expect(await result.response.json()).toMatchObject({ status: 503, title: "Service Unavailable" });
    expect(onEvent).not.toHaveBeenCalled();
  });

  it.each([undefined, "OK", 1, null])("refuses a store whose claim resolves %j instead of a boolean (it would drop every delivery)", async (value) => {
    const onEvent = vi.fn();
    const store = { claim: async () => value as unknown as boolean, confirm: async () => undefined, release: async () => undefined };
    const result = await createWebhookHandler({ secret: SECRET, replay: { store }, onEvent })(post(envelope()));
    expect(result).toMatchObject({ ok: false, status: 503, error: { reason: "store_failed" } });
    if (!result.ok)
      expect([result.error.message, (result.error.cause as Error).message]).toEqual([
        "The webhook replay store failed to claim the delivery",
        `claim() must resolve to a boolean (got ${typeof value})`,
      ]);
    expect(onEvent).not.toHaveBeenCalled();
  });

  it("answers 503 when confirming fails after onEvent ran, so the gateway retries (and the lease keeps the retry a replay)", async () => {
    const onEvent = vi.fn();
    const { store, calls } = spyStore({ confirm: () => Promise.reject(new Error("redis down")) });
    const handler = createWebhookHandler({ secret: SECRET, replay: { store }, onEvent });
    const result = await handler(post(envelope()));
    expect(result).toMatchObject({
      ok: false,
      status: 503,
      error: { reason: "store_failed", message: "The webhook replay store failed to confirm the delivery" },
    });
    expect(await handler(post(envelope()))).toMatchObject({ ok: true, replay: true });
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(calls.filter((c) => c === "release")).toEqual([]);
  });

  it("reports both failures when onEvent and then the release fail", async () => {
    const boom = new Error("db down");
    const { store } = spyStore({ release: () => Promise.reject(new Error("redis down")) });
    const handler = createWebhookHandler({ secret: SECRET, replay: { store, leaseMs: 1_234 }, onEvent: () => Promise.reject(boom) });
    const result = await handler(post(envelope()));
    expect(result).toMatchObject({ ok: false, status: 500, error: { reason: "handler_failed" } });
    if (result.ok) return;
    expect(result.error.message).toContain("a redelivery within 1234 ms counts as a replay");
    const cause = result.error.cause as AggregateError;
    expect(cause).toBeInstanceOf(AggregateError);
    expect(cause.errors[0]).toBe(boom);
    expect((cause.errors[1] as Error).message).toBe("redis down");
  });

  it("remembers deliveries without an onEvent too, so result-driven code can skip replays", async () => {
    const handler = createWebhookHandler({ secret: SECRET, replay: true });
    expect(await handler(post(envelope()))).toMatchObject({ ok: true, replay: false });
    expect(await handler(post(envelope()))).toMatchObject({ ok: true, replay: true });
  });

  it("marks every delivery replay: false when replay protection is off", async () => {
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ secret: SECRET, onEvent });
    expect(await handler(post(envelope()))).toMatchObject({ ok: true, replay: false });
    expect(await handler(post(envelope()))).toMatchObject({ ok: true, replay: false });
    expect(onEvent).toHaveBeenCalledTimes(2);
  });

  it("never checks replays for a delivery that fails authentication (no store writes for forgers)", async () => {
    const { store, calls } = spyStore();
    const handler = createWebhookHandler({ secret: SECRET, replay: { store } });
    const forged = new Request("http://localhost/", {
      method: "POST",
      headers: { "content-type": "application/json", "x-webhook-secret": "guess" },
      body: envelope(),
    });
    expect((await handler(forged)).status).toBe(401);
    expect((await handler(post("{"))).status).toBe(400);
    expect(calls).toEqual([]);
  });

  it("shares one store between two receivers (two instances behind a load balancer)", async () => {
    const store = createMemoryReplayStore();
    const events: AnyWebhookEvent[] = [];
    const a = await startReceiver({ replay: { store }, onEvent: (e) => void events.push(e) });
    const b = await startReceiver({ replay: { store }, onEvent: (e) => void events.push(e) });
    try {
      const delivery = { event: "payment", secret: SECRET, objectId: 7, dt: "2024-03-14T08:26:53Z" } as const;
      expect((await deliverWebhook(a.url, delivery)).status).toBe(204);
      expect((await deliverWebhook(b.url, delivery)).status).toBe(204);
      expect(events).toHaveLength(1);
      expect(b.results).toMatchObject([{ ok: true, replay: true }]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe("replay options are checked at startup", () => {
  it.each([
    [{ windowMs: 0 }, /replay.windowMs must be a whole number/],
    [{ windowMs: 2 ** 31 }, /replay.windowMs/],
    [{ leaseMs: -5 }, /replay.leaseMs must be a whole number/],
    [{ leaseMs: 2_000, windowMs: 1_000 }, /replay.leaseMs must not exceed replay.windowMs/],
    [{ store: {} }, /replay.store must have claim, confirm and release methods/],
    [{ store: { claim: async () => true, confirm: async () => undefined } }, /replay.store must have/],
    [{ store: null }, /replay.store must have/],
    [{ store: "redis" }, /replay.store must have/],
    [{ window: 1000 }, /Unknown replay option "window"; known options: store, windowMs, leaseMs/],
    ["yes", /replay must be true, false or \{ store\?, windowMs\?, leaseMs\? \}/],
    [null, /replay must be true, false/],
  ])("refuses replay %j", (replay, message) => {
    const create = () => createWebhookHandler({ secret: SECRET, replay: replay as never });
    expect(create).toThrow(ApticUsageError);
    expect(create).toThrow(message);
  });

  it("accepts a store made of functions, whatever its prototype", async () => {
    const inner = createMemoryReplayStore();
    const store = Object.assign(() => undefined, { claim: inner.claim, confirm: inner.confirm, release: inner.release });
    const handler = createWebhookHandler({ secret: SECRET, replay: { store } });
    expect(await handler(post(envelope()))).toMatchObject({ ok: true, replay: false });
    expect(await handler(post(envelope()))).toMatchObject({ ok: true, replay: true });
  });

  it("caps the default lease at a short window", async () => {
    const { store, calls } = spyStore();
    await createWebhookHandler({ secret: SECRET, replay: { store, windowMs: 1_000 } })(post(envelope()));
    expect(calls).toEqual(["claim 1000", "confirm 1000"]);
  });

  it("accepts replay: false as off", async () => {
    const handler = createWebhookHandler({ secret: SECRET, replay: false });
    expect(await handler(post(envelope()))).toMatchObject({ ok: true, replay: false });
    expect(await handler(post(envelope()))).toMatchObject({ ok: true, replay: false });
  });
});

describe("createMemoryReplayStore keeps memory bounded", () => {
  it("forgets the oldest keys first when full, and a forgotten delivery is handled again (never lost)", async () => {
    const store = createMemoryReplayStore({ maxEntries: 3, now: () => 0 });
    for (const k of ["a", "b", "c"]) expect(await store.claim(k, 1_000)).toBe(true);
    expect(await store.claim("d", 1_000)).toBe(true); // evicts "a"
    expect(await store.claim("a", 1_000)).toBe(true); // evicts "b"
    expect(await store.claim("c", 1_000)).toBe(false);
    expect(await store.claim("d", 1_000)).toBe(false);
    expect(await store.claim("b", 1_000)).toBe(true);
  });

  it("sweeps expired keys before evicting live ones", async () => {
    let now = 0;
    const store = createMemoryReplayStore({ maxEntries: 3, now: () => now });
    await store.claim("live1", 1_000);
    await store.claim("old", 10);
    await store.claim("live2", 1_000);
    now = 10; // "old" expires exactly now
    expect(await store.claim("new", 1_000)).toBe(true);
    // "old" made room: all live keys are still held, even "live1", the oldest.
    for (const k of ["live1", "live2", "new"]) expect(await store.claim(k, 1_000)).toBe(false);
  });

  it("holds 10,000 keys by default and never more, however many deliveries arrive", async () => {
    const store = createMemoryReplayStore({ now: () => 0 });
    for (let i = 0; i < 10_001; i += 1) await store.claim(`k${i}`, 1_000);
    expect(await store.claim("k0", 1_000)).toBe(true); // the oldest was evicted at 10,001
    expect(await store.claim("k2", 1_000)).toBe(false);
    expect(await store.claim("k10000", 1_000)).toBe(false);
  });

  it("moves a confirmed key to the back of the eviction order", async () => {
    const store = createMemoryReplayStore({ maxEntries: 2, now: () => 0 });
    await store.claim("a", 1_000);
    await store.claim("b", 1_000);
    await store.confirm("a", 1_000);
    await store.claim("c", 1_000); // evicts "b", the oldest now
    expect(await store.claim("a", 1_000)).toBe(false);
    expect(await store.claim("b", 1_000)).toBe(true);
  });

  it("lets a released key be claimed again, and a confirmed key stay for the new TTL", async () => {
    let now = 0;
    const store = createMemoryReplayStore({ now: () => now });
    await store.claim("k", 10);
    await store.release("k");
    expect(await store.claim("k", 10)).toBe(true);
    await store.confirm("k", 100);
    now = 99;
    expect(await store.claim("k", 10)).toBe(false);
    now = 100;
    expect(await store.claim("k", 10)).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses maxEntries %s", (maxEntries) => {
    expect(() => createMemoryReplayStore({ maxEntries })).toThrow(ApticUsageError);
    expect(() => createMemoryReplayStore({ maxEntries })).toThrow(`maxEntries must be a positive integer (got ${maxEntries})`);
  });
});

describe("replayKey", () => {
  it("is a 64-digit hex SHA-256 of [events_id, object_id, dt], so no value can collide with another by its separators", async () => {
    const key = await replayKey({ name: "payment", objectId: 42, dt: "x" });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode('["payment",42,"x"]')));
    expect(key).toBe(Buffer.from(digest).toString("hex"));
    expect(await replayKey({ name: "a", objectId: "b,c", dt: "d" })).not.toBe(await replayKey({ name: "a,b", objectId: "c", dt: "d" }));
    expect(await replayKey({ name: "a", objectId: undefined, dt: "d" })).toBe(await replayKey({ name: "a", objectId: null as never, dt: "d" }));
  });
});
