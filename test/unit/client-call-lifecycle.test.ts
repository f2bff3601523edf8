// A call's life as the client reports and bounds it: the deadline's own timer, durations in the
// events, the caller's signal reaching fetch and let go afterwards, and the User-Agent rule.
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApticAbortError, ApticTimeoutError, ApticUsageError, bearer, createApticClient } from "../../src/index.js";
import type { ApticEvent } from "../../src/events/types.js";
import { realTiming } from "../../src/attempt/timing.js";
import { pingDebtors } from "../../src/operations/index.js";
import { fakeFetch, fakeTiming, hangingFetch, json } from "../support/fake-fetch.js";

const BASE = "http://127.0.0.1:9";

/** Settles with the promise's rejection, or fails the test if it takes longer than `ms`. */
async function rejectionWithin(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise.then(() => new Error("resolved")), late]).catch((e: unknown) => e);
  } finally {
    clearTimeout(timer);
  }
}

describe("the deadline's timer", () => {
  it("fires deadlineMs after the call started on a clock that is not at zero (a fetch that hangs)", async () => {
    const { timing } = fakeTiming();
    const aptic = createApticClient({
      baseUrl: BASE,
      fetch: fakeFetch(hangingFetch),
      timing: { ...timing, sleep: realTiming.sleep },
      timeoutMs: 0,
      deadlineMs: 40,
    });
    const err = await rejectionWithin(aptic.call(pingDebtors, {}), 3000);
    expect(err).toBeInstanceOf(ApticTimeoutError);
    expect((err as ApticTimeoutError).deadline).toBe(true);
    expect((err as Error).message).toContain("deadline after 40 ms");
  });
});

describe("durations in the events", () => {
  it("finished and failed report the time since the call started, backoff waits included", async () => {
    const { timing } = fakeTiming(0.5);
    const events: ApticEvent[] = [];
    const ok = createApticClient({
      baseUrl: BASE,
      fetch: fakeFetch(
        () => json(503, {}),
        () => json(200, {}),
      ),
      timing,
      onEvent: (e) => void events.push(e),
    });
    await ok.call(pingDebtors, {});
    const bad = createApticClient({
      baseUrl: BASE,
      fetch: fakeFetch(
        () => json(503, {}),
        () => {
          throw new TypeError("socket hang up");
        },
      ),
      timing,
      onEvent: (e) => void events.push(e),
      retry: { retries: 1 },
    });
    await bad.call(pingDebtors, {}).catch(() => {});
    const ends = events.filter((e) => e.type === "finished" || e.type === "failed").map((e) => [e.type, "durationMs" in e ? e.durationMs : -1]);
    expect(ends).toEqual([
      ["finished", 250],
      ["failed", 250],
    ]);
  });
});

describe("the caller's signal", () => {
  it("aborting mid-request aborts the signal fetch was given (the socket is let go), with ApticAbortError", async () => {
    const fetch = fakeFetch(hangingFetch);
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    const controller = new AbortController();
    const call = aptic.call(pingDebtors, { signal: controller.signal });
    await vi.waitFor(() => expect(fetch.seen).toHaveLength(1));
    controller.abort(new Error("user left"));
    expect(await rejectionWithin(call, 3000)).toBeInstanceOf(ApticAbortError);
    expect(fetch.seen[0]?.signal?.aborted).toBe(true);
  });

  it("one long-lived signal serves many calls and holds no listener afterwards", async () => {
    const aptic = createApticClient({ baseUrl: BASE, fetch: fakeFetch(() => json(200, {})) });
    const controller = new AbortController();
    for (let i = 0; i < 30; i++) await aptic.call(pingDebtors, { signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("inputs refused by name", () => {
  it("auth: null is a usage error, not a TypeError", () => {
    expect(() => createApticClient({ baseUrl: BASE, auth: null as never })).toThrow(
      new ApticUsageError("auth must come from bearer(), apiKey() or clientCredentials(), or be a provider function"),
    );
  });

  it("an object with a bind but no strategy kind is refused", () => {
    expect(() => createApticClient({ baseUrl: BASE, auth: { bind: () => ({}) } as never })).toThrow(
      new ApticUsageError("auth must come from bearer(), apiKey() or clientCredentials(), or be a provider function"),
    );
  });

  it("a per-call baseUrl with a query is refused, naming baseUrl", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    const aptic = createApticClient({ baseUrl: BASE, fetch, auth: bearer("t") });
    const err = await aptic.call(pingDebtors, { baseUrl: "http://127.0.0.1:9/?x=1" } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticUsageError);
    expect((err as Error).message.startsWith("baseUrl ")).toBe(true);
    expect(fetch.seen).toHaveLength(0);
  });

  it("a userAgent with a line break is refused, naming userAgent", () => {
    expect(() => createApticClient({ baseUrl: BASE, userAgent: "app\r\nX-Evil: 1" })).toThrow(/^userAgent /);
  });
});

describe("User-Agent", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("is sent outside browsers, and left to the browser where window and document exist", async () => {
    const outside = fakeFetch(() => json(200, {}));
    await createApticClient({ baseUrl: BASE, fetch: outside }).call(pingDebtors, {});
    expect(outside.seen[0]?.headers.get("user-agent")).toMatch(/^aptic-gateway-client\/\d+\.\d+\.\d+/);

    vi.stubGlobal("window", {});
    const workerLike = fakeFetch(() => json(200, {}));
    await createApticClient({ baseUrl: BASE, fetch: workerLike }).call(pingDebtors, {});
    expect(workerLike.seen[0]?.headers.get("user-agent")).toMatch(/^aptic-gateway-client\//);

    vi.stubGlobal("document", {});
    const browser = fakeFetch(() => json(200, {}));
    await createApticClient({ baseUrl: BASE, fetch: browser }).call(pingDebtors, {});
    expect(browser.seen[0]?.headers.get("user-agent")).toBeNull();
  });
});
