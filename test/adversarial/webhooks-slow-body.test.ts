// Attacks on time: a sender with the right secret that sends its body slowly, stalls, or promises
// more than it sends must not hold a socket (or a handler) for long. Small timeouts keep these fast;
// no assertion is about durations, only about what the server answers and that it hangs up.
import { connect } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createWebhookHandler } from "../../src/webhooks/handler.js";
import { head, rawRequest, SECRET, envelope, startReceiver, type Receiver } from "./webhooks-support.js";

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const authed = (extra: Record<string, string | number>) => head({ "Content-Type": "application/json", "X-Webhook-Secret": SECRET, ...extra });

describe("Node adapter: slow senders are cut off", () => {
  it("stops a 1-byte-at-a-time sender with the right secret: 408, then the socket is destroyed", async () => {
    receiver = await startReceiver({ bodyTimeoutMs: 50 });
    const outcome = await rawRequest(receiver.port, authed({ "Content-Length": 100_000 }), { body: "{", dribble: { everyMs: 10 } });
    expect(outcome.status).toBe(408);
    expect(outcome.response).toMatch(/\r\nconnection: close\r\n/i);
    expect(outcome.response).toContain('"reason":"body_timeout"');
    expect(outcome.bodyBytesSent).toBeLessThan(100_000);
    expect(receiver.results).toMatchObject([{ ok: false, status: 408, error: { reason: "body_timeout" } }]);
    expect(receiver.sockets.every((s) => s.destroyed)).toBe(true);
  });

  it("stops a chunked sender that dribbles an endless body", async () => {
    receiver = await startReceiver({ bodyTimeoutMs: 50 });
    const outcome = await rawRequest(receiver.port, authed({ "Transfer-Encoding": "chunked" }), { body: "1\r\n{\r\n" });
    // One chunk, then silence: the body never ends.
    expect(outcome.status).toBe(408);
    expect(receiver.sockets.every((s) => s.destroyed)).toBe(true);
  });

  it("stops a sender whose Content-Length promises more than it ever sends", async () => {
    receiver = await startReceiver({ bodyTimeoutMs: 50 });
    const body = envelope();
    const outcome = await rawRequest(receiver.port, authed({ "Content-Length": body.length + 50 }), { body });
    expect(outcome.status).toBe(408);
    expect(receiver.results[0]?.error?.reason).toBe("body_timeout");
  });

  it("still accepts a complete delivery that arrives in pieces within the time", async () => {
    receiver = await startReceiver({ bodyTimeoutMs: 10_000 });
    const body = envelope();
    const outcome = await rawRequest(receiver.port, authed({ "Content-Length": body.length, Connection: "close" }), { body });
    expect(outcome.status).toBe(204);
    expect(receiver.results).toMatchObject([{ ok: true, status: 204 }]);
  });

  it("hangs up on an unauthenticated sender that keeps sending its body after the 401", async () => {
    receiver = await startReceiver({ bodyTimeoutMs: 60_000 });
    const outcome = await rawRequest(receiver.port, head({ "Content-Type": "application/json", "X-Webhook-Secret": "guess", "Content-Length": 100_000 }), {
      body: "{",
      dribble: { everyMs: 10 },
    });
    expect(outcome.status).toBe(401);
    expect(outcome.bodyBytesSent).toBeLessThan(100_000);
    expect(receiver.sockets.every((s) => s.destroyed)).toBe(true);
  });
});

describe("Web handler: the body read is bounded in time", () => {
  function stalled(first: string) {
    const state = { cancelled: false };
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(first));
        // …and nothing more, ever.
      },
      cancel() {
        state.cancelled = true;
      },
    });
    return { stream, state };
  }

  const request = (body: ReadableStream<Uint8Array>) =>
    new Request("http://localhost/aptic/webhooks", {
      method: "POST",
      headers: { "content-type": "application/json", "x-webhook-secret": SECRET },
      body,
      duplex: "half",
    } as RequestInit);

  it("answers a stalled body with 408 body_timeout, closes the connection and cancels the stream", async () => {
    const handler = createWebhookHandler({ secret: SECRET, bodyTimeoutMs: 50, onEvent: () => expect.fail("onEvent must not run") });
    const { stream, state } = stalled('{"event":');
    const result = await handler(request(stream));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([result.status, result.error.reason]).toEqual([408, "body_timeout"]);
    expect(result.error.message).toBe("Webhook body did not arrive within 50 ms");
    expect(result.response.status).toBe(408);
    expect(result.response.headers.get("connection")).toBe("close");
    expect(await result.response.json()).toMatchObject({ status: 408, title: "Request Timeout", reason: "body_timeout" });
    expect(state.cancelled).toBe(true);
  });

  it("leaves no timer behind once a body arrived in time (a flood of deliveries cannot pile up timers)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const handler = createWebhookHandler({ secret: SECRET, bodyTimeoutMs: 60_000 });
      const body = new TextEncoder().encode(envelope());
      const result = await handler(request(new ReadableStream({ start: (c) => (c.enqueue(body), c.close()) })));
      expect(result.ok).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("starts the clock only for the body read, with the configured delay", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const handler = createWebhookHandler({ secret: SECRET, bodyTimeoutMs: 5_000 });
      const { stream } = stalled("{");
      const pending = handler(request(stream));
      // (vi.waitFor would advance the fake clock; setImmediate and Date are real here.) The secret
      // is hashed on the thread pool first, which takes a while on a busy machine.
      for (const start = Date.now(); vi.getTimerCount() === 0 && Date.now() - start < 10_000; ) await new Promise((resolve) => setImmediate(resolve));
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(4_999);
      let settled = false;
      void pending.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending).status).toBe(408);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, "1000"])("refuses bodyTimeoutMs %s at startup", (bodyTimeoutMs) => {
    expect(() => createWebhookHandler({ secret: SECRET, bodyTimeoutMs: bodyTimeoutMs as number })).toThrow(
      /bodyTimeoutMs must be a whole number of milliseconds from 1 to 2147483647/,
    );
  });

  it("accepts the largest timer delay there is", () => {
    expect(() => createWebhookHandler({ secret: SECRET, bodyTimeoutMs: 2 ** 31 - 1 })).not.toThrow();
  });
});

describe("Node adapter: hanging up on a rejected sender", () => {
  it("sends the answer, then FIN, and destroys the socket even when the sender keeps its side open and keeps sending", async () => {
    receiver = await startReceiver({ bodyTimeoutMs: 50 });
    const { port } = receiver;
    const outcome = await new Promise<{ response: string; sawEnd: boolean }>((resolve) => {
      const socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true });
      let response = "";
      let sawEnd = false;
      socket.on("data", (chunk) => (response += chunk.toString("latin1")));
      socket.on("end", () => (sawEnd = true)); // the server's FIN; this sender ignores it
      socket.on("error", () => {});
      const dribble = setInterval(() => socket.writable && socket.write(" "), 10);
      socket.on("close", () => {
        clearInterval(dribble);
        resolve({ response, sawEnd });
      });
      socket.write(`${authed({ "Content-Length": 100_000 }).replace(/\n/g, "\r\n")}\r\n\r\n{`);
    });
    expect(outcome.response).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.sawEnd).toBe(true);
    expect(receiver.sockets.every((s) => s.destroyed)).toBe(true);
  });
});
