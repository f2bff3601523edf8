// The timers under every attempt: shared timeout buckets (src/http/timeouts.ts) and the retry
// loop's abortable sleep (src/http/timing.ts). A late or missing timer is a hung call; a timer
// that keeps Node alive after the call is a process that never exits.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { arm, disarm } from "../../src/http/timeouts.js";
import { realTiming } from "../../src/http/timing.js";

type Live = { timer: { hasRef(): boolean } };
const timerOf = (bucket: object) => (bucket as unknown as Live).timer;

const member = () => {
  const told = { count: 0 };
  return { told, timedOut: () => void told.count++ };
};

describe("timeout buckets", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    // Buckets are module-wide: let every one fire (and leave the shared table) before the next test.
    vi.runAllTimers();
    vi.useRealTimers();
  });

  it("limits of 1 s or more ending in the same 100 ms share one signal; shorter ones get their own", () => {
    const now = Date.now();
    const a = member();
    const b = member();
    const shared = arm(a, 1010, now);
    expect(arm(b, 1090, now)).toBe(shared);
    expect(arm(member(), 1150, now)).not.toBe(shared);
    const c = member();
    const d = member();
    const own = arm(c, 999, now);
    expect(arm(d, 999, now)).not.toBe(own);
    for (const m of [a, b]) disarm(m, shared);
  });

  it("a shared bucket fires at the end of its 100 ms slot: every member told, its signal aborted with a TimeoutError", () => {
    const now = Date.now();
    const a = member();
    const b = member();
    const bucket = arm(a, 1010, now);
    arm(b, 1090, now);
    vi.advanceTimersByTime(1099);
    expect(a.told.count).toBe(0);
    expect(bucket.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect([a.told.count, b.told.count]).toEqual([1, 1]);
    expect(bucket.signal.aborted).toBe(true);
    expect(bucket.signal.reason).toBeInstanceOf(DOMException);
    expect((bucket.signal.reason as DOMException).name).toBe("TimeoutError");
    expect((bucket.signal.reason as DOMException).message).toBe("The operation timed out.");
    expect(bucket.members.size).toBe(0);
  });

  it("after a shared bucket fired, the same slot gets a fresh bucket (never an aborted signal)", () => {
    const now = Date.now();
    const first = arm(member(), 1000, now);
    // Exactly 1 s is already a shared limit.
    expect(arm(member(), 1000, now)).toBe(first);
    vi.advanceTimersByTime(1000);
    expect(first.signal.aborted).toBe(true);
    const again = arm(member(), 1000, now);
    expect(again).not.toBe(first);
    expect(again.signal.aborted).toBe(false);
  });

  it("a private bucket fires on time, and a disarmed one never fires", () => {
    const now = Date.now();
    const on = member();
    const off = member();
    const kept = arm(on, 250, now);
    const dropped = arm(off, 250, now);
    disarm(off, dropped);
    vi.advanceTimersByTime(249);
    expect(on.told.count).toBe(0);
    vi.advanceTimersByTime(1);
    expect(on.told.count).toBe(1);
    expect(kept.signal.aborted).toBe(true);
    expect(off.told.count).toBe(0);
    expect(dropped.signal.aborted).toBe(false);
  });

  it("a shared bucket stays armed for later members while one is left, and tells only those still registered", () => {
    const now = Date.now();
    const gone = member();
    const stays = member();
    const bucket = arm(gone, 2000, now);
    arm(stays, 2000, now);
    disarm(gone, bucket);
    vi.advanceTimersByTime(2000);
    expect([gone.told.count, stays.told.count]).toEqual([0, 1]);
  });
});

describe("timeout buckets and the process's life", () => {
  it("a shared timer keeps Node alive only while a member waits, and again when a new one joins", () => {
    const a = member();
    const bucket = arm(a, 5000);
    expect(timerOf(bucket).hasRef()).toBe(true);
    disarm(a, bucket);
    expect(timerOf(bucket).hasRef()).toBe(false);
    const b = member();
    expect(arm(b, 5000 - 1, Date.now())).toBe(bucket);
    expect(timerOf(bucket).hasRef()).toBe(true);
    disarm(b, bucket);
    expect(timerOf(bucket).hasRef()).toBe(false);
  });
});

/** A signal that records how sleep uses it. */
function spySignal() {
  const target = new AbortController();
  const calls: string[] = [];
  const signal = {
    get aborted() {
      return target.signal.aborted;
    },
    get reason() {
      return target.signal.reason;
    },
    addEventListener(type: string, fn: () => void, options?: { once?: boolean }) {
      calls.push(`add ${type} once=${options?.once}`);
      target.signal.addEventListener(type, fn, options);
    },
    removeEventListener(type: string, fn: () => void) {
      calls.push(`remove ${type}`);
      target.signal.removeEventListener(type, fn);
    },
  } as unknown as AbortSignal;
  return { signal, calls, abort: (reason: unknown) => target.abort(reason) };
}

describe("realTiming.sleep", () => {
  it("resolves after the delay and removes its abort listener", async () => {
    const spy = spySignal();
    const started = Date.now();
    await realTiming.sleep(20, spy.signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(spy.calls).toEqual(["add abort once=true", "remove abort"]);
  });

  it("rejects with the signal's reason as soon as it aborts, and does not resolve later", async () => {
    const spy = spySignal();
    const reason = new Error("caller gave up");
    const slept = realTiming.sleep(60_000, spy.signal);
    setTimeout(() => spy.abort(reason), 5);
    await expect(slept).rejects.toBe(reason);
  });

  it("rejects at once when the signal is already aborted, never arming a timer", async () => {
    const spy = spySignal();
    const reason = new Error("already stopped");
    spy.abort(reason);
    await expect(realTiming.sleep(60_000, spy.signal)).rejects.toBe(reason);
    expect(spy.calls).toEqual([]);
  });

  it("sleeps without a signal", async () => {
    await expect(realTiming.sleep(1)).resolves.toBeUndefined();
  });

  it("realTiming's clock and jitter are real numbers", () => {
    const r = realTiming.random();
    expect(typeof r).toBe("number");
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThan(1);
    expect(Math.abs(realTiming.now() - Date.now())).toBeLessThan(1000);
  });
});
