// The Node adapter on a real node:http server (127.0.0.1, port 0), fed by the delivery simulator.
import { EventEmitter } from "node:events";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deliverWebhook } from "../../src/testing/webhook-simulator.js";
import type { AnyWebhookEvent } from "../../src/webhooks/event.js";
import { createWebhookHandler, type WebhookHandlerResult } from "../../src/webhooks/handler.js";
import { toNodeListener } from "../../src/node/webhook-listener.js";

const SECRET = "whsec-node-5f1d2c";
const events: AnyWebhookEvent[] = [];
const results: WebhookHandlerResult<unknown>[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  // The listener is built on the first request, inside a test: code run in a hook is "static" for
  // Stryker (tested slowly, with every test), and a factory that throws must fail a test.
  let listener: ReturnType<typeof toNodeListener> | undefined;
  server = createServer((req, res) => {
    listener ??= toNodeListener(createWebhookHandler({ secret: SECRET, maxBodyBytes: 4096, onEvent: (event) => void events.push(event) }), {
      onResult: (result) => void results.push(result),
    });
    listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/aptic/webhooks`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("toNodeListener on node:http", () => {
  it("accepts simulated deliveries of several events with 204", async () => {
    for (const event of ["debtorinsert", "customeraddresschange", "payment"] as const) {
      const res = await deliverWebhook(url, { event, secret: SECRET });
      expect(res.status, event).toBe(204);
      expect(await res.text()).toBe("");
    }
    expect(events.map((e) => e.name)).toEqual(["debtorinsert", "customeraddresschange", "payment"]);
    expect(events[0]?.data).toMatchObject({ fullName: "Astrid Lindqvist" });
    expect(results.slice(-3).every((r) => r.ok)).toBe(true);
  });

  it("answers a wrong secret with 401 problem+json", async () => {
    const res = await deliverWebhook(url, { event: "payment", secret: "not-" + SECRET });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ reason: "bad_secret" });
    expect(text).not.toContain(SECRET);
  });

  it("answers an oversize delivery with 413 and closes the connection", async () => {
    const res = await deliverWebhook(url, { event: "payment", secret: SECRET, data: { blob: "x".repeat(8192) } });
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
  });

  it("answers 405 to GET with Allow: POST", async () => {
    const res = await fetch(url, { headers: { "x-webhook-secret": SECRET } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("refuses a chunked upload early: the server answers 413 and hangs up long before 1 MiB is sent", async () => {
    const before = results.length;
    const { outcome, sent } = await new Promise<{ outcome: string; sent: number }>((resolve) => {
      const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json", "x-webhook-secret": SECRET } });
      let sent = 0;
      let done = false;
      const finish = (outcome: string) => {
        if (done) return;
        done = true;
        resolve({ outcome, sent });
      };
      const chunk = Buffer.alloc(1024, 0x20);
      const pump = () => {
        // Up to 1 MiB, 1 KiB per write, the next one only once the previous was flushed (a slow
        // sender), until the server answers or hangs up.
        if (done) return;
        if (sent >= 1024 * 1024) return void req.end();
        sent += chunk.length;
        req.write(chunk, () => setImmediate(pump));
      };
      req.on("response", (res) => {
        res.resume();
        finish(String(res.statusCode));
      });
      // Closing the socket after the 413 can beat the response to the sender (EPIPE/ECONNRESET).
      req.on("error", (err: NodeJS.ErrnoException) => finish(err.code ?? "error"));
      pump();
    });
    expect(["413", "EPIPE", "ECONNRESET"]).toContain(outcome);
    expect(sent).toBeLessThan(1024 * 1024);
    await vi.waitFor(() => expect(results.length).toBe(before + 1));
    expect(results.at(-1)).toMatchObject({ ok: false, status: 413 });
  });

  it("reports an already-consumed body (a body parser ran first) as 400 instead of hanging", async () => {
    const listener = toNodeListener(createWebhookHandler({ secret: SECRET }));
    // Stands in for express.json() mounted before the webhook route: it reads the whole body first.
    const eager = createServer((req, res) => {
      req.resume();
      req.once("end", () => listener(req, res));
    });
    await new Promise<void>((resolve) => eager.listen(0, "127.0.0.1", resolve));
    try {
      const target = `http://127.0.0.1:${(eager.address() as AddressInfo).port}/`;
      const res = await deliverWebhook(target, { event: "payment", secret: SECRET });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/express\.json\(\)/);
    } finally {
      eager.closeAllConnections();
      await new Promise<void>((resolve) => eager.close(() => resolve()));
    }
  });
});

/** A scripted IncomingMessage: the test decides exactly which events arrive, and when. */
class FakeRequest extends EventEmitter {
  method: string | undefined = "POST";
  url: string | undefined = "/aptic/webhooks";
  headers: Record<string, string | string[] | undefined>;
  readableEnded = false;
  pauses = 0;
  resumes = 0;
  socket = { destroyed: false, destroy: () => void (this.socket.destroyed = true) };
  constructor(headers: Record<string, string | string[] | undefined> = {}) {
    super();
    this.headers = { "content-type": "application/json", "x-webhook-secret": SECRET, ...headers };
  }
  pause() {
    this.pauses += 1;
    return this;
  }
  resume() {
    this.resumes += 1;
    return this;
  }
}

/** A recording ServerResponse. */
function fakeResponse(options: { writeHeadThrows?: boolean; headersSent?: boolean } = {}) {
  const sent: { status?: number; headers?: Record<string, string | string[]>; body?: string; ended: boolean } = { ended: false };
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const res = {
    headersSent: options.headersSent ?? false,
    writeHead(status: number, headers?: Record<string, string | string[]>) {
      if (options.writeHeadThrows) throw new Error("socket gone");
      sent.status = status;
      sent.headers = headers;
    },
    end(body: Uint8Array | string | undefined, callback: () => void) {
      sent.body = body === undefined ? undefined : typeof body === "string" ? body : new TextDecoder().decode(body);
      sent.ended = true;
      callback();
      finished();
    },
  };
  return { res, sent, done };
}

const validBody = JSON.stringify({ event: { dt: "2024-03-14T09:26:53Z", events_id: "payment", object_id: 9 }, data: {} });
const capture = () => {
  const seen: Request[] = [];
  const handler = async (request: Request) => {
    seen.push(request);
    return { ok: true, status: 204, response: new Response(null, { status: 204 }) };
  };
  return { seen, handler };
};

describe("toNodeListener with a scripted request", () => {
  it("accepts string chunks (a request with setEncoding) as UTF-8 bytes", async () => {
    const events: AnyWebhookEvent[] = [];
    const req = new FakeRequest();
    const { res, sent, done } = fakeResponse();
    toNodeListener(createWebhookHandler({ secret: SECRET, onEvent: (e) => void events.push(e) }))(req, res);
    req.emit("data", validBody.slice(0, 10));
    req.emit("data", new TextEncoder().encode(validBody.slice(10)));
    req.readableEnded = true;
    req.emit("end");
    await done;
    expect(sent.status).toBe(204);
    expect(events[0]?.objectId).toBe(9);
    // A complete delivery keeps the connection: no hang-up for well-behaved senders.
    expect(sent.headers?.["connection"]).toBeUndefined();
    expect(req.socket.destroyed).toBe(false);
  });

  it("pauses the request while a chunk waits unread, and resumes it when the handler pulls", async () => {
    const req = new FakeRequest();
    const { res, done } = fakeResponse();
    toNodeListener(createWebhookHandler({ secret: SECRET }))(req, res);
    const afterStart = req.pauses;
    expect(afterStart).toBe(1); // paused until the handler asks for data
    req.emit("data", new TextEncoder().encode(validBody.slice(0, 5)));
    expect(req.pauses).toBe(2); // nobody has read it yet: stop the socket
    await vi.waitFor(() => expect(req.resumes).toBeGreaterThan(0), { timeout: 10_000 });
    // The handler is now waiting on a read: a chunk goes straight to it and needs no pause.
    await vi.waitFor(
      async () => {
        const before = req.pauses;
        const resumes = req.resumes;
        await new Promise((resolve) => setImmediate(resolve));
        expect([req.pauses, req.resumes]).toEqual([before, resumes]);
      },
      { timeout: 10_000 },
    );
    const pausesBefore = req.pauses;
    req.emit("data", new TextEncoder().encode(validBody.slice(5)));
    expect(req.pauses).toBe(pausesBefore);
    req.readableEnded = true;
    req.emit("end");
    await done;
  });

  it.each([
    ["an 'error' event", (req: FakeRequest) => req.emit("error", new Error("ECONNRESET"))],
    ["a 'close' without 'end' (the sender vanished)", (req: FakeRequest) => req.emit("close")],
  ])("answers %s mid-body with 400 instead of hanging", async (_, fail) => {
    const req = new FakeRequest();
    const { res, sent, done } = fakeResponse();
    toNodeListener(createWebhookHandler({ secret: SECRET }))(req, res);
    req.emit("data", new TextEncoder().encode("{"));
    fail(req);
    await done;
    expect(sent.status).toBe(400);
    expect(JSON.parse(sent.body ?? "")).toMatchObject({ reason: "malformed", detail: "Webhook body could not be read" });
    expect(req.socket.destroyed).toBe(true);
  });

  it("ignores events that arrive after the body ended or after the read was abandoned", async () => {
    const req = new FakeRequest();
    const { res, done } = fakeResponse();
    toNodeListener(createWebhookHandler({ secret: SECRET }))(req, res);
    req.emit("data", new TextEncoder().encode(validBody));
    req.readableEnded = true;
    req.emit("end");
    // A controller that is already closed throws on close/error: these must not reach it.
    expect(() => req.emit("close")).not.toThrow();
    expect(() => req.emit("error", new Error("late"))).not.toThrow();
    await done;

    const big = new FakeRequest();
    const second = fakeResponse();
    toNodeListener(createWebhookHandler({ secret: SECRET, maxBodyBytes: 4 }))(big, second.res);
    big.emit("data", new TextEncoder().encode("{...."));
    await second.done;
    expect(second.sent.status).toBe(413);
    expect(big.listenerCount("data")).toBe(0); // cancelled: no longer listening
    expect(() => big.emit("end")).not.toThrow();
    expect(() => big.emit("close")).not.toThrow();
  });

  it("builds the Request URL from Host and path, and falls back to localhost when they do not parse", async () => {
    const { seen, handler } = capture();
    const cases: [Partial<FakeRequest>, Record<string, string>, string][] = [
      [{ url: "/hooks/a?x=1" }, { host: "hooks.example.se:8443" }, "http://hooks.example.se:8443/hooks/a?x=1"],
      [{ url: undefined }, { host: "hooks.example.se" }, "http://hooks.example.se/"],
      [{ url: "/p" }, {}, "http://localhost/p"],
      [{ url: "/p" }, { host: "bad host[" }, "http://localhost/"],
    ];
    for (const [props, headers, _] of cases) {
      const req = Object.assign(new FakeRequest(headers), props);
      if (!("host" in headers)) delete req.headers["host"];
      const { res, done } = fakeResponse();
      toNodeListener(handler)(req, res);
      await done;
    }
    expect(seen.map((r) => r.url)).toEqual(cases.map((c) => c[2]));
  });

  it("copies every header value (repeated ones joined) and skips undefined ones", async () => {
    const { seen, handler } = capture();
    const req = new FakeRequest({ "x-multi": ["a", "b"], "x-none": undefined });
    const { res, done } = fakeResponse();
    toNodeListener(handler)(req, res);
    await done;
    expect(seen[0]?.headers.get("x-multi")).toBe("a, b");
    expect(seen[0]?.headers.has("x-none")).toBe(false);
    expect(seen[0]?.headers.get("x-webhook-secret")).toBe(SECRET);
  });

  it.each([
    [undefined, "GET"],
    ["GET", "GET"],
    ["HEAD", "HEAD"],
  ])("passes method %s on as %s without a body", async (method, expected) => {
    const { seen, handler } = capture();
    const req = Object.assign(new FakeRequest(), { method });
    const { res, done } = fakeResponse();
    toNodeListener(handler)(req, res);
    await done;
    expect(seen[0]?.method).toBe(expected);
    expect(seen[0]?.body).toBeNull();
    expect(req.listenerCount("data")).toBe(0);
  });

  it("gives other methods the streamed body", async () => {
    const { seen, handler } = capture();
    const req = Object.assign(new FakeRequest(), { method: "PUT" });
    const { res, done } = fakeResponse();
    toNodeListener(handler)(req, res);
    await done;
    expect(seen[0]?.body).toBeInstanceOf(ReadableStream);
  });

  it("answers 500 and hangs up when a custom handler rejects, and calls no onResult", async () => {
    const onResult = vi.fn();
    const req = new FakeRequest();
    const { res, sent, done } = fakeResponse();
    toNodeListener(async () => Promise.reject(new Error("bug")), { onResult })(req, res);
    await done;
    expect(sent.status).toBe(500);
    expect(sent.headers).toEqual({ "content-type": "text/plain", connection: "close" });
    expect(sent.body).toBeUndefined();
    expect(req.socket.destroyed).toBe(true);
    expect(onResult).not.toHaveBeenCalled();
  });

  it("destroys the socket instead of writing a second head when the response had already started", async () => {
    const req = new FakeRequest();
    const { res, sent } = fakeResponse({ headersSent: true });
    toNodeListener(async () => Promise.reject(new Error("bug")))(req, res);
    await vi.waitFor(() => expect(req.socket.destroyed).toBe(true), { timeout: 10_000 });
    expect(sent.status).toBeUndefined();
  });

  it("destroys the socket when even the error response cannot be written (no unhandled rejection)", async () => {
    for (const headers of [{ "x-webhook-secret": `${SECRET}\u0000` }, {}]) {
      const req = new FakeRequest(headers);
      const { res } = fakeResponse({ writeHeadThrows: true });
      toNodeListener(async () => Promise.reject(new Error("bug")))(req, res);
      await vi.waitFor(() => expect(req.socket.destroyed).toBe(true), { timeout: 10_000 });
    }
    // Let any stray rejection surface before the test ends (vitest fails the run on one).
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it("ignores an onResult that throws, and works without one", async () => {
    const req = new FakeRequest();
    const { res, sent, done } = fakeResponse();
    const { handler } = capture();
    toNodeListener(handler, {
      onResult: () => {
        throw new Error("logger down");
      },
    })(req, res);
    await done;
    expect(sent.status).toBe(204);
    const plain = fakeResponse();
    toNodeListener(handler)(new FakeRequest(), plain.res);
    await plain.done;
    expect(plain.sent.status).toBe(204);
  });

  it("passes the result to onResult after the response is sent", async () => {
    const order: string[] = [];
    const req = new FakeRequest();
    const { res, done } = fakeResponse();
    const end = res.end.bind(res);
    res.end = (body, callback) => (order.push("end"), end(body, callback));
    toNodeListener(createWebhookHandler({ secret: "wrong-secret" }), { onResult: (r) => void order.push(`result ${r.status}`) })(req, res);
    await done;
    await vi.waitFor(() => expect(order).toEqual(["end", "result 401"]), { timeout: 10_000 });
  });
});

describe("toNodeListener: more scripted edge cases", () => {
  it("ignores an 'end' after an 'error' (an errored controller must not be closed)", async () => {
    const req = new FakeRequest();
    const { res, sent, done } = fakeResponse();
    toNodeListener(createWebhookHandler({ secret: SECRET }))(req, res);
    req.emit("error", new Error("reset"));
    expect(() => req.emit("end")).not.toThrow();
    await done;
    expect(sent.status).toBe(400);
  });

  it("reports a vanished sender with its own cause", async () => {
    const results: WebhookHandlerResult<unknown>[] = [];
    const req = new FakeRequest();
    const { res, done } = fakeResponse();
    toNodeListener(createWebhookHandler({ secret: SECRET }), { onResult: (r) => void results.push(r) })(req, res);
    req.emit("close");
    await done;
    await vi.waitFor(() => expect(results).toHaveLength(1), { timeout: 10_000 });
    const result = results[0];
    expect(result?.ok === false && (result.error.cause as Error).message).toBe("Request closed before its body ended");
  });

  it("answers bad headers with problem+json and no-store", async () => {
    const req = new FakeRequest({ "x-webhook-secret": `${SECRET}\u0000x` });
    const { res, sent, done } = fakeResponse();
    toNodeListener(createWebhookHandler({ secret: SECRET }))(req, res);
    await done;
    expect(sent.headers).toEqual({ "content-type": "application/problem+json", "cache-control": "no-store", connection: "close" });
  });

  it("works with a request that has no socket (a custom or mocked request object)", async () => {
    const cases: [Record<string, string>, (request: Request) => Promise<{ ok: boolean; status: number; response: Response }>, number][] = [
      [{ "x-webhook-secret": "wrong" }, createWebhookHandler({ secret: SECRET }), 401],
      [{ "x-webhook-secret": `${SECRET}\u0000` }, createWebhookHandler({ secret: SECRET }), 400],
      [{}, () => Promise.reject(new Error("bug")), 500],
    ];
    for (const [headers, handler, status] of cases) {
      const req = Object.assign(new FakeRequest(headers), { socket: null });
      const { res, sent, done } = fakeResponse();
      toNodeListener(handler)(req, res);
      await done;
      expect(sent.status).toBe(status);
    }
    const req = Object.assign(new FakeRequest(), { socket: undefined });
    const started = fakeResponse({ headersSent: true });
    toNodeListener(() => Promise.reject(new Error("bug")))(req, started.res);
    const failing = fakeResponse({ writeHeadThrows: true });
    toNodeListener(() => Promise.reject(new Error("bug")))(Object.assign(new FakeRequest(), { socket: null }), failing.res);
    toNodeListener(createWebhookHandler({ secret: SECRET }))(
      Object.assign(new FakeRequest({ "x-webhook-secret": "\u0000" }), { socket: null }),
      fakeResponse({ writeHeadThrows: true }).res,
    );
    // Nothing to destroy and nothing thrown: an unhandled rejection here would fail the run.
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
});
