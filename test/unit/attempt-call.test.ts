// The timers under every attempt: the call's per-attempt controller and timer (src/attempt/call.ts)
// and the retry loop's abortable sleep (src/attempt/timing.ts). A late or missing timer is a hung
// call; a timer left behind after the call is a process that never exits.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Call } from "../../src/attempt/call.js";
import { realTiming } from "../../src/attempt/timing.js";
import { ApticAbortError, ApticTimeoutError } from "../../src/index.js";
import { pingDebtors } from "../../src/operations/index.js";

const MAX = 2 ** 31 - 1;
const call = (init: Partial<ConstructorParameters<typeof Call>[0]> = {}) =>
  new Call({ method: "GET", label: pingDebtors.path, timeoutMs: 0, deadlineMs: 0, now: () => Date.now(), ...init });

describe("Call: one controller and one timer per attempt", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("an attempt times out exactly at timeoutMs: halted with the typed error, its signal aborted with the standard TimeoutError", () => {
    const c = call({ timeoutMs: 250 });
    const signal = c.begin(true);
    vi.advanceTimersByTime(249);
    expect(signal?.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toMatchObject({ name: "TimeoutError", message: "The operation timed out." });
    expect(c.halted).toBeInstanceOf(ApticTimeoutError);
    expect(c.halted).toMatchObject({ timeoutMs: 250, deadline: false });
    // An attempt's timeout stops the attempt only: a retry may follow.
    expect(c.stopped).toBeUndefined();
    expect(c.begin(true)?.aborted).toBe(false);
    c.close();
  });

  it("the deadline caps each attempt and stops the whole call", () => {
    const c = call({ timeoutMs: 1000, deadlineMs: 300 });
    const signal = c.begin(true);
    vi.advanceTimersByTime(300);
    expect(signal?.aborted).toBe(true);
    expect(c.stopped).toMatchObject({ timeoutMs: 300, deadline: true });
    expect(c.begin(false)?.aborted).toBe(true);
    c.close();
  });

  it("an ended attempt's timer never fires, and nothing is armed without a limit or a signal", () => {
    const c = call({ timeoutMs: 50 });
    const signal = c.begin(true);
    c.end();
    vi.advanceTimersByTime(1000);
    expect(signal?.aborted).toBe(false);
    expect(c.halted).toBeUndefined();
    expect(call().begin(true)).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the caller's abort stops the call with ApticAbortError, and close() removes its one listener", () => {
    const caller = new AbortController();
    const remove = vi.spyOn(caller.signal, "removeEventListener");
    const c = call({ signal: caller.signal });
    const signal = c.begin(true);
    const raced = c.race(new Promise(() => {}));
    caller.abort("user left");
    expect(signal?.aborted).toBe(true);
    expect(c.stopped).toBeInstanceOf(ApticAbortError);
    c.close();
    expect(remove).toHaveBeenCalledTimes(1);
    return expect(raced).rejects.toBeInstanceOf(ApticAbortError);
  });

  it("a wait handed to an already halted call is abandoned with a handler: its later failure is no unhandled rejection", async () => {
    const c = call({ timeoutMs: 10 });
    c.begin(true);
    vi.advanceTimersByTime(10);
    let fail: (e: unknown) => void = () => {};
    const abandoned = new Promise<never>((_, reject) => (fail = reject));
    const handled = vi.spyOn(abandoned, "catch");
    await expect(c.race(abandoned)).rejects.toBeInstanceOf(ApticTimeoutError);
    expect(handled).toHaveBeenCalledTimes(1);
    fail(new Error("connection refused, after the caller gave up"));
    c.close();
  });

  it.each([MAX, MAX - 1])("a limit of %i ms arms one timer of that length (no overflow)", (ms) => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    const c = call({ timeoutMs: ms, deadlineMs: ms });
    c.begin(true);
    expect(spy.mock.calls.map((args) => args[1])).toEqual([ms]);
    c.close();
    spy.mockRestore();
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
