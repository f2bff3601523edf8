// Theme: time and cancellation bound the whole call — the OAuth2 token wait, a stalled body,
// every attempt and every wait — and bad durations are refused instead of turned into ~1 ms.
// Stalled servers are real loopback servers held by a gate the test controls; assertions are
// about order ("rejected while the server was still holding") with only generous "no hang"
// bounds, and retry timing is injected so nothing waits on real backoff.
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import {
  ApticAbortError,
  ApticError,
  ApticTimeoutError,
  ApticUsageError,
  bearer,
  clientCredentials,
  createApticClient,
  type ApticClientOptions,
  type RetryOptions,
} from "../../src/index.js";
import { fakeClock } from "./support/clock.js";
import { clientFor, grant, rejection, startTokenEndpoint } from "./support/endpoints.js";
import { closeAll, hold, json, startServer } from "./support/loopback.js";
import { pingDebtors } from "../../src/operations/index.js";

afterEach(closeAll);

/** Generous bound that only proves "did not hang" (the real waits here are ~0.1–0.5 s). */
const NO_HANG_MS = 8000;

/** How a promise settled within `ms`: its error, its value, or "hung". */
async function settle(promise: Promise<unknown>, ms = NO_HANG_MS): Promise<{ error?: unknown; value?: unknown; hung?: true }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<{ hung: true }>((resolve) => (timer = setTimeout(() => resolve({ hung: true }), ms)));
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      hung,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A token endpoint that takes the request and holds its answer until released. */
async function stalledTokenEndpoint(mode: "no-headers" | "body-stalls" = "no-headers") {
  const gate = hold();
  let arrived: () => void = () => {};
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const server = await startTokenEndpoint(async (_, res) => {
    arrived();
    if (mode === "body-stalls") {
      res.writeHead(200, { "content-type": "application/json", "content-length": 200 });
      res.write('{"access_token":"');
    }
    await gate.wait;
    if (mode === "no-headers") grant(res);
    else res.end();
  });
  return { ...server, reached, release: gate.release };
}

const credentials = (tokenUrl: string, extra: { timeoutMs?: number } = {}) =>
  clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl, ...extra });

describe("the OAuth2 token wait is bounded by the caller's signal and timeouts", () => {
  it("aborting the caller's signal while the token endpoint holds its answer rejects at once with ApticAbortError", async () => {
    const token = await stalledTokenEndpoint();
    const gateway = await startServer();
    const controller = new AbortController();
    const call = clientFor(gateway.origin, { auth: credentials(token.tokenUrl) }).GET(pingDebtors.path, { signal: controller.signal });
    await token.reached;
    controller.abort(new Error("user navigated away"));

    const outcome = await settle(call);
    expect(outcome.hung, "the call waited for the token endpoint").toBeUndefined();
    expect(outcome.error).toBeInstanceOf(ApticAbortError);
    expect(gateway.received).toHaveLength(0);
    token.release();
  });

  it("one caller aborting during a shared token request does not fail the other callers waiting for it", async () => {
    const token = await stalledTokenEndpoint();
    const gateway = await startServer();
    const aptic = clientFor(gateway.origin, { auth: credentials(token.tokenUrl) });
    const controller = new AbortController();
    const impatient = aptic.GET(pingDebtors.path, { signal: controller.signal });
    const patient = aptic.GET(pingDebtors.path);
    await token.reached;
    controller.abort();
    expect((await settle(impatient)).error).toBeInstanceOf(ApticAbortError);

    token.release();
    const outcome = await settle(patient);
    expect(outcome.error).toBeUndefined();
    expect(token.received).toHaveLength(1);
    expect(gateway.received.map((r) => r.headers["authorization"])).toEqual([expect.stringMatching(/^Bearer /)]);
  });

  it("a signal aborted before the call is an ApticAbortError and nothing is requested at all", async () => {
    const token = await startTokenEndpoint();
    const gateway = await startServer();
    const err = await rejection(clientFor(gateway.origin, { auth: credentials(token.tokenUrl) }).GET(pingDebtors.path, { signal: AbortSignal.abort() }));
    expect(err).toBeInstanceOf(ApticAbortError);
    expect(gateway.received).toHaveLength(0);
  });

  it("a per-call timeoutMs shorter than the token request is an ApticTimeoutError while the endpoint still holds", async () => {
    const token = await stalledTokenEndpoint();
    const gateway = await startServer();
    const outcome = await settle(clientFor(gateway.origin, { auth: credentials(token.tokenUrl) }).GET(pingDebtors.path, { timeoutMs: 150 }));

    expect(outcome.hung).toBeUndefined();
    expect(outcome.error).toBeInstanceOf(ApticTimeoutError);
    expect((outcome.error as ApticTimeoutError).deadline).toBe(false);
    expect(gateway.received).toHaveLength(0);
  });

  it("client timeoutMs: 0 with a token endpoint that never answers is bounded by clientCredentials timeoutMs (ApticTimeoutError, no hang)", async () => {
    const token = await stalledTokenEndpoint();
    const gateway = await startServer();
    const aptic = clientFor(gateway.origin, { auth: credentials(token.tokenUrl, { timeoutMs: 200 }), timeoutMs: 0 });
    const outcome = await settle(aptic.GET(pingDebtors.path));

    expect(outcome.hung, "timeoutMs: 0 meant 'wait forever' for the token").toBeUndefined();
    expect(outcome.error).toBeInstanceOf(ApticTimeoutError);
    expect(gateway.received).toHaveLength(0);
  });

  it("a token request that times out is retried with the client's backoff and still ends as an ApticTimeoutError", async () => {
    const token = await stalledTokenEndpoint();
    const clock = fakeClock(0.5);
    const aptic = clientFor("http://127.0.0.1:9", {
      auth: credentials(token.tokenUrl, { timeoutMs: 100 }),
      timeoutMs: 0,
      retry: { retries: 2 },
      timing: clock.timing,
    });
    const outcome = await settle(aptic.GET(pingDebtors.path));

    expect(outcome.error).toBeInstanceOf(ApticTimeoutError);
    expect(token.received).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
  });

  it("a token endpoint whose body stalls after the headers is an ApticTimeoutError, never a bare DOMException", async () => {
    const token = await stalledTokenEndpoint("body-stalls");
    const gateway = await startServer();
    const aptic = clientFor(gateway.origin, { auth: credentials(token.tokenUrl, { timeoutMs: 200 }), timeoutMs: 0 });
    const outcome = await settle(aptic.GET(pingDebtors.path));

    expect(outcome.hung).toBeUndefined();
    expect(outcome.error).toBeInstanceOf(ApticTimeoutError);
    expect(outcome.error).not.toBeInstanceOf(DOMException);
    expect(gateway.received).toHaveLength(0);
  });

  it("a stalled token body is cut by the per-call timeoutMs too (ApticTimeoutError)", async () => {
    const token = await stalledTokenEndpoint("body-stalls");
    const outcome = await settle(clientFor("http://127.0.0.1:9", { auth: credentials(token.tokenUrl) }).GET(pingDebtors.path, { timeoutMs: 150 }));
    expect(outcome.error).toBeInstanceOf(ApticTimeoutError);
  });

  it("a deadline covers the token wait as well (ApticTimeoutError with deadline: true)", async () => {
    const token = await stalledTokenEndpoint();
    const outcome = await settle(
      clientFor("http://127.0.0.1:9", { auth: credentials(token.tokenUrl), timeoutMs: 0 }).GET(pingDebtors.path, { deadlineMs: 150 }),
    );
    expect(outcome.error).toBeInstanceOf(ApticTimeoutError);
    expect((outcome.error as ApticTimeoutError).deadline).toBe(true);
  });
});

describe("stalled gateway responses", () => {
  it("a 2xx whose JSON body stalls after the headers is an ApticTimeoutError under the per-call timeoutMs", async () => {
    const gate = hold();
    const gateway = await startServer(async (_, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": 100 });
      res.write('{"value":[');
      await gate.wait;
      res.end();
    });
    const outcome = await settle(clientFor(gateway.origin, { auth: bearer("t0ken-value") }).GET(pingDebtors.path, { timeoutMs: 150 }));
    expect(outcome.error).toBeInstanceOf(ApticTimeoutError);
  });

  it.each(["json", "text", "arrayBuffer", "blob"] as const)(
    "a body that stalls is cut by timeoutMs, and an abort while it is read rejects with ApticAbortError (parseAs %s)",
    async (parseAs) => {
      const gate = hold();
      const gateway = await startServer(async (_, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": 100 });
        res.write('{"a":');
        await gate.wait;
        res.end();
      });
      const aptic = clientFor(gateway.origin);
      const timedOut = await settle(aptic.GET(pingDebtors.path, { parseAs, timeoutMs: 150 }));
      expect(timedOut.error).toBeInstanceOf(ApticTimeoutError);

      const controller = new AbortController();
      const call = aptic.GET(pingDebtors.path, { parseAs, signal: controller.signal });
      while (gateway.received.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 30));
      controller.abort();
      const aborted = await settle(call);
      expect(aborted.hung).toBeUndefined();
      expect(aborted.error).toBeInstanceOf(ApticAbortError);
    },
  );

  it("an abort during a long Retry-After wait rejects at once with ApticAbortError", async () => {
    const gateway = await startServer((_, res) => json(res, 503, { title: "busy" }, { "retry-after": "50" }));
    const controller = new AbortController();
    const call = clientFor(gateway.origin, { retry: { retries: 2 } }).GET(pingDebtors.path, { signal: controller.signal });
    while (gateway.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const outcome = await settle(call);
    expect(outcome.error).toBeInstanceOf(ApticAbortError);
    expect(gateway.received).toHaveLength(1);
  });
});

describe("deadlineMs bounds attempts, backoff and Retry-After together", () => {
  it("Retry-After waits stop before they would pass the deadline (injected clock)", async () => {
    const gateway = await startServer((_, res) => json(res, 503, { title: "busy" }, { "retry-after": "4" }));
    const clock = fakeClock();
    const result = await clientFor(gateway.origin, { retry: { retries: 10 }, timing: clock.timing, deadlineMs: 10_000 }).GET(pingDebtors.path);

    expect(result.response.status).toBe(503);
    expect(clock.sleeps).toEqual([4000, 4000]);
    expect(gateway.received).toHaveLength(3);
  });

  it("backoff waits stop before they would pass the deadline (injected clock)", async () => {
    const gateway = await startServer((_, res) => json(res, 503, { title: "busy" }));
    const clock = fakeClock(0.999);
    await clientFor(gateway.origin, { retry: { retries: 10, baseDelayMs: 1000, maxDelayMs: 8000 }, timing: clock.timing, deadlineMs: 10_000 }).GET(
      pingDebtors.path,
    );

    const total = clock.sleeps.reduce((a, b) => a + b, 0);
    expect(clock.sleeps.length).toBeGreaterThan(0);
    expect(total).toBeLessThan(10_000);
    expect(gateway.received).toHaveLength(clock.sleeps.length + 1);
  });

  it("a Retry-After longer than the time left is not waited for at all", async () => {
    const gateway = await startServer((_, res) => json(res, 429, { title: "slow down" }, { "retry-after": "30" }));
    const clock = fakeClock();
    const result = await clientFor(gateway.origin, { retry: { retries: 5 }, timing: clock.timing }).GET(pingDebtors.path, { deadlineMs: 10_000 });
    expect(result.response.status).toBe(429);
    expect(clock.sleeps).toEqual([]);
  });

  it("a real short deadline ends a call whose server never answers (ApticTimeoutError, deadline: true)", async () => {
    const gate = hold();
    const gateway = await startServer(() => gate.wait);
    const outcome = await settle(clientFor(gateway.origin, { timeoutMs: 0, deadlineMs: 200 }).GET(pingDebtors.path));
    expect(outcome.hung).toBeUndefined();
    expect(outcome.error).toBeInstanceOf(ApticTimeoutError);
    expect((outcome.error as ApticTimeoutError).deadline).toBe(true);
  });
});

describe("every duration option is validated (client-wide and per call)", () => {
  const BAD_DURATIONS: unknown[] = [NaN, Infinity, -Infinity, -1, 2 ** 31, 1e12, "100"];

  const CLIENT: Array<[string, (v: unknown) => Partial<ApticClientOptions>]> = [
    ["timeoutMs", (v) => ({ timeoutMs: v as number })],
    ["deadlineMs", (v) => ({ deadlineMs: v as number })],
    ["retry.baseDelayMs", (v) => ({ retry: { baseDelayMs: v as number } })],
    ["retry.maxDelayMs", (v) => ({ retry: { maxDelayMs: v as number } })],
    ["retry.maxRetryAfterMs", (v) => ({ retry: { maxRetryAfterMs: v as number } })],
  ];

  it.each(CLIENT.flatMap(([name, make]) => BAD_DURATIONS.map((v) => [name, v, make] as const)))(
    "client-wide %s = %s is an ApticUsageError naming it",
    (name, value, make) => {
      let thrown: unknown;
      try {
        createApticClient({ baseUrl: "https://gw.example.org", ...make(value) });
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(ApticUsageError);
      expect((thrown as Error).message).toContain(name);
    },
  );

  const PER_CALL: Array<[string, (v: unknown) => Record<string, unknown>]> = [
    ["timeoutMs", (v) => ({ timeoutMs: v })],
    ["deadlineMs", (v) => ({ deadlineMs: v })],
    ["retry.baseDelayMs", (v) => ({ retry: { baseDelayMs: v } })],
    ["retry.maxDelayMs", (v) => ({ retry: { maxDelayMs: v } })],
    ["retry.maxRetryAfterMs", (v) => ({ retry: { maxRetryAfterMs: v } })],
  ];

  it.each(PER_CALL.flatMap(([name, make]) => BAD_DURATIONS.map((v) => [name, v, make] as const)))(
    "per-call %s = %s is an ApticUsageError and nothing is sent",
    async (name, value, make) => {
      const gateway = await startServer();
      const err = await rejection(clientFor(gateway.origin).GET(pingDebtors.path, make(value) as never));
      expect(err).toBeInstanceOf(ApticUsageError);
      expect((err as Error).message).toContain(name);
      expect(gateway.received).toHaveLength(0);
    },
  );

  it.each(
    BAD_DURATIONS.flatMap(
      (v) =>
        [
          ["refreshSkewMs", v],
          ["timeoutMs", v],
        ] as const,
    ),
  )("clientCredentials %s = %s is an ApticUsageError", (name, value) => {
    expect(() =>
      clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: "https://login.example.org/token", [name]: value as number }),
    ).toThrow(ApticUsageError);
  });

  const BAD_RETRIES: unknown[] = [NaN, Infinity, -1, 1.5, 1e9, "3"];

  it.each(BAD_RETRIES)("retries = %s is refused client-wide and per call", async (retries) => {
    expect(() => createApticClient({ baseUrl: "https://gw.example.org", retry: { retries } as RetryOptions })).toThrow(ApticUsageError);
    const gateway = await startServer();
    const err = await rejection(clientFor(gateway.origin).GET(pingDebtors.path, { retry: { retries } as RetryOptions }));
    expect(err).toBeInstanceOf(ApticUsageError);
    expect(gateway.received).toHaveLength(0);
  });

  it("the largest timer delay (2^31−1 ms) is accepted, one more is refused", () => {
    expect(() => createApticClient({ baseUrl: "https://gw.example.org", timeoutMs: 2 ** 31 - 1, deadlineMs: 2 ** 31 - 1 })).not.toThrow();
    expect(() => createApticClient({ baseUrl: "https://gw.example.org", timeoutMs: 2 ** 31 })).toThrow(ApticUsageError);
  });
});

describe("one long-lived AbortSignal reused for many calls", () => {
  it("10,000 sequential calls (successes, errors, connection failures, retries) leave no listener behind and raise no MaxListenersExceededWarning", async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    try {
      const signal = new AbortController().signal;
      const start = getEventListeners(signal, "abort").length;
      let n = 0;
      const fetch = async () => {
        const kind = n++ % 5;
        if (kind === 2) throw new TypeError("fetch failed");
        if (kind === 3) return new Response('{"title":"gone"}', { status: 404, headers: { "content-type": "application/problem+json" } });
        if (kind === 4 && n % 2 === 1) return new Response("{}", { status: 503, headers: { "content-type": "application/json" } });
        return new Response('{"ok":true}', { status: 200, headers: { "content-type": "application/json" } });
      };
      const aptic = createApticClient({
        baseUrl: "https://gw.example.org",
        auth: bearer("t0ken-value"),
        fetch,
        retry: { retries: 1 },
        timing: fakeClock().timing,
      });
      for (let i = 0; i < 10_000; i++) {
        const outcome = await aptic.GET(pingDebtors.path, { signal }).catch((err: unknown) => err);
        if (outcome instanceof Error) expect(outcome).toBeInstanceOf(ApticError);
        if (i < 20 || i % 250 === 0) expect(getEventListeners(signal, "abort").length, `after call ${i}`).toBe(start);
      }
      expect(getEventListeners(signal, "abort").length).toBe(start);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  }, 60_000);
});
