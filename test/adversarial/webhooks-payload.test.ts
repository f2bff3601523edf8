// Attacks through the body: sizes that lie, bodies that never end, the wrong media type with a
// valid secret, very large and very deep JSON, and keys meant to pollute prototypes.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createWebhookHandler } from "../../src/webhooks/handler.js";
import { MAX_JSON_DEPTH, parseWebhookEvent } from "../../src/webhooks/parse-event.js";
import { nestsDeeperThan } from "../../src/webhooks/json-depth.js";
import type { AnyWebhookEvent } from "../../src/webhooks/event.js";
import { SECRET, envelope, head, rawRequest, startReceiver, type Receiver } from "./webhooks-support.js";

const URL_ = "http://localhost/aptic/webhooks";
const post = (body: BodyInit, headers: Record<string, string> = {}) => {
  const init: RequestInit & { duplex?: "half" } = {
    method: "POST",
    headers: { "content-type": "application/json", "x-webhook-secret": SECRET, ...headers },
    body,
  };
  if (body instanceof ReadableStream) init.duplex = "half";
  return new Request(URL_, init);
};

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe("sizes that lie", () => {
  it("refuses a huge declared Content-Length with 413 before reading a byte, and hangs up", async () => {
    receiver = await startReceiver({ maxBodyBytes: 4096 });
    const outcome = await rawRequest(receiver.port, head({ "Content-Type": "application/json", "X-Webhook-Secret": SECRET, "Content-Length": 10 ** 15 }), {
      body: "{",
    });
    expect(outcome.status).toBe(413);
    expect(outcome.response).toMatch(/\r\nconnection: close\r\n/i);
    expect(receiver.sockets.every((s) => s.destroyed)).toBe(true);
  });

  it("counts the bytes when the Content-Length understates the body (Web handler)", async () => {
    const handler = createWebhookHandler({ secret: SECRET, maxBodyBytes: 100 });
    const big = new TextEncoder().encode(envelope({}, { blob: "x".repeat(500) }));
    const result = await handler(post(new ReadableStream({ start: (c) => (c.enqueue(big), c.close()) }), { "content-length": "10" }));
    expect([result.status, result.ok || result.error.reason]).toEqual([413, "too_large"]);
  });

  it.each(["-1", "1e9", "0x10", "12, 13", "   "])("ignores an unparseable Content-Length %j and still counts the bytes", async (declared) => {
    const handler = createWebhookHandler({ secret: SECRET, maxBodyBytes: 100 });
    const result = await handler(post(envelope({}, { blob: "x".repeat(500) }), { "content-length": declared }));
    expect([result.status, result.ok || result.error.reason]).toEqual([413, "too_large"]);
    const small = await handler(post(envelope(), { "content-length": declared }));
    expect(small.ok).toBe(true);
  });

  it("accepts a Content-Length equal to the limit, with spaces around it", async () => {
    const body = envelope();
    const handler = createWebhookHandler({ secret: SECRET, maxBodyBytes: body.length });
    expect((await handler(post(body, { "content-length": ` ${body.length} ` }))).ok).toBe(true);
    // The declared size alone decides here (the body itself fits), so the spaces must be read past.
    const over = await handler(post(body, { "content-length": ` ${body.length + 1} ` }));
    expect(over.ok || [over.error.reason, over.error.message]).toEqual(["too_large", `Webhook body exceeds the limit of ${body.length} bytes`]);
  });

  it("stops an endless chunked body at the limit on the wire (413, never 1 MiB read)", async () => {
    receiver = await startReceiver({ maxBodyBytes: 4096 });
    const chunk = `400\r\n${" ".repeat(1024)}\r\n`;
    const outcome = await rawRequest(receiver.port, head({ "Content-Type": "application/json", "X-Webhook-Secret": SECRET, "Transfer-Encoding": "chunked" }), {
      body: chunk.repeat(8),
    });
    expect(outcome.status).toBe(413);
    expect(receiver.results).toMatchObject([{ ok: false, status: 413 }]);
  });
});

describe("media type", () => {
  it("refuses a valid secret with a non-JSON type (415) without reading the body, and hangs up on the rest", async () => {
    receiver = await startReceiver();
    const outcome = await rawRequest(receiver.port, head({ "Content-Type": "text/plain", "X-Webhook-Secret": SECRET, "Content-Length": 1_000_000 }), {
      body: envelope(),
    });
    expect(outcome.status).toBe(415);
    expect(outcome.response).toMatch(/\r\naccept-post: application\/json\r\n/i);
    expect(receiver.sockets.every((s) => s.destroyed)).toBe(true);
  });

  it.each(["application/json-patch", "text/json", "application/jsonx; charset=utf-8", "multipart/form-data; boundary=application/json"])(
    "refuses the look-alike type %j",
    async (type) => {
      const result = await createWebhookHandler({ secret: SECRET })(post(envelope(), { "content-type": type }));
      expect([result.status, result.ok || result.error.reason]).toEqual([415, "content_type"]);
    },
  );
});

describe("large and deep JSON", () => {
  it("accepts 10 MB of data under a raised limit and hands it over intact", async () => {
    const events: AnyWebhookEvent[] = [];
    const handler = createWebhookHandler({ secret: SECRET, maxBodyBytes: 16 * 1024 * 1024, onEvent: (e) => void events.push(e) });
    const rows = Array.from({ length: 1_000 }, (_, i) => ({ id: i, note: "é".repeat(5_000) })); // 2 bytes each in UTF-8
    const body = envelope({}, { rows });
    expect(new TextEncoder().encode(body).byteLength).toBeGreaterThan(10_000_000);
    const result = await handler(post(body));
    expect(result.ok).toBe(true);
    const received = events[0]?.data["rows"] as { id: number; note: string }[];
    expect(received.length).toBe(1_000);
    expect(received[999]).toEqual({ id: 999, note: "é".repeat(5_000) });
  });

  it("refuses JSON nested deeper than the limit with 400 (so JSON.stringify in onEvent cannot blow the stack)", async () => {
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ secret: SECRET, onEvent });
    const depth = 400_000; // under the 1 MiB default
    const result = await handler(post(envelope({}, { deep: JSON.parse("0") }).replace('"deep":0', `"deep":${"[".repeat(depth)}${"]".repeat(depth)}`)));
    expect([result.status, result.ok || result.error.reason]).toEqual([400, "malformed"]);
    if (!result.ok) expect(result.error.message).toBe(`Webhook body nests deeper than ${MAX_JSON_DEPTH} levels`);
    expect(onEvent).not.toHaveBeenCalled();
  });

  it("accepts nesting right at the limit and refuses one level more", () => {
    // The envelope itself is 2 levels: the body object and `data`.
    const nested = (levels: number) => `{"event":{"dt":"2024-03-14T09:26:53Z","events_id":"payment"},"data":{"x":${"[".repeat(levels)}${"]".repeat(levels)}}}`;
    expect(parseWebhookEvent(nested(MAX_JSON_DEPTH - 2)).name).toBe("payment");
    expect(() => parseWebhookEvent(nested(MAX_JSON_DEPTH - 1))).toThrow(/nests deeper/);
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(nestsDeeperThan(JSON.stringify({ s: "[[[[{{{{" }), 1)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ s: 'a"[[[[' }), 1)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ s: "a\\", t: [[1]] }), 2)).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ s: "a\\", t: [1] }), 2)).toBe(false);
    expect(nestsDeeperThan("[[]][[]]", 2)).toBe(false);
    expect(nestsDeeperThan("{[]}{[]}", 2)).toBe(false);
    expect(nestsDeeperThan("[{}]", 1)).toBe(true);
    expect(nestsDeeperThan("{}", 0)).toBe(true);
    expect(nestsDeeperThan("", 0)).toBe(false);
  });
});

describe("prototype pollution", () => {
  it("keeps __proto__, constructor and prototype keys as plain data and pollutes nothing", async () => {
    const events: AnyWebhookEvent[] = [];
    const handler = createWebhookHandler({ secret: SECRET, onEvent: (e) => void events.push(e) });
    const body = `{"__proto__":{"polluted":1},"event":{"dt":"2024-03-14T09:26:53Z","events_id":"payment","__proto__":{"isAdmin":true}},"data":{"__proto__":{"polluted":2},"constructor":{"prototype":{"polluted":3}}}}`;
    const result = await handler(post(body));
    expect(result.ok).toBe(true);
    const event = events[0];
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["isAdmin"]).toBeUndefined();
    expect(Object.getPrototypeOf(event?.data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(event?.raw)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(event?.data)).toEqual(["__proto__", "constructor"]);
    expect(event?.data["polluted"]).toBeUndefined();
  });

  it("does not read envelope fields from a __proto__ key (no event smuggled through the prototype)", async () => {
    const handler = createWebhookHandler({ secret: SECRET });
    const bodies = [
      `{"__proto__":{"event":{"dt":"2024-03-14T09:26:53Z","events_id":"payment"},"data":{}}}`,
      `{"event":{"__proto__":{"dt":"2024-03-14T09:26:53Z","events_id":"payment"}},"data":{}}`,
    ];
    for (const body of bodies) {
      const result = await handler(post(body));
      expect([result.status, result.ok || result.error.reason]).toEqual([400, "malformed"]);
    }
  });

  it("treats events_id values named after Object.prototype members as unknown events", async () => {
    const handler = createWebhookHandler({ secret: SECRET });
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const result = await handler(post(envelope({ events_id: name })));
      expect([result.status, result.ok || result.error.reason], name).toEqual([400, "unknown_event"]);
    }
  });
});
