// The receiver, driven with Web Requests only: every rejection path, the size limit (declared and
// streamed), the envelope checks, and that the secret never leaks into anything it produces.
import { describe, expect, it, vi } from "vitest";
import { ApticError, ApticUsageError } from "../../src/errors/aptic-error.js";
import { buildWebhookDelivery } from "../../src/testing/webhook-simulator.js";
import { isEvent, type AnyWebhookEvent } from "../../src/webhooks/event.js";
import { createWebhookHandler } from "../../src/webhooks/handler.js";
import { ApticWebhookError, isWebhookError } from "../../src/webhooks/webhook-error.js";

const SECRET = "whsec-9c4e1f7a2b8d4e6f";
const URL_ = "http://localhost/aptic/webhooks";
const GUID = "8d1e4b27-6c3a-4f59-b0e2-7a9c5d3f1e84";

const envelope = (event: Record<string, unknown>, data: unknown = {}) =>
  JSON.stringify({ event: { dt: "2024-03-14T09:26:53+01:00", events_id: "debtorinsert", object_id: GUID, ...event }, data });

function post(body: BodyInit | null, headers: Record<string, string> = {}, method = "POST"): Request {
  const init: RequestInit & { duplex?: "half" } = {
    method,
    headers: { "content-type": "application/json", "x-webhook-secret": SECRET, ...headers },
    body,
  };
  if (body instanceof ReadableStream) init.duplex = "half";
  return new Request(URL_, init);
}

describe("createWebhookHandler: accepted deliveries", () => {
  it.each(["debtorinsert", "debtoraddresschange", "payment", "customerupdate", "appsrvstartup", "creditdebtservicedelete"] as const)(
    "accepts a %s delivery with 204 and a typed event",
    async (name) => {
      const onEvent = vi.fn();
      const handler = createWebhookHandler({ secret: SECRET, onEvent });
      const delivery = buildWebhookDelivery({ event: name, secret: SECRET, objectId: GUID, dt: "2024-03-14T09:26:53+01:00" });
      const result = await handler(delivery.request(URL_));
      expect(result.ok).toBe(true);
      expect(result.status).toBe(204);
      expect(result.response.status).toBe(204);
      if (!result.ok) return;
      expect(result.event).toMatchObject({ name, known: true, objectId: GUID, dt: "2024-03-14T09:26:53+01:00" });
      expect(result.event.occurredAt.toISOString()).toBe("2024-03-14T08:26:53.000Z");
      expect(result.event.raw).toEqual(JSON.parse(delivery.body));
      expect(onEvent).toHaveBeenCalledWith(result.event, expect.any(Request));
    },
  );

  it("parses the documented envelope: microsecond dt, integer object_id, extra members kept in raw", async () => {
    const handler = createWebhookHandler({ secret: SECRET });
    const body = JSON.stringify({ event: { dt: "2022-01-24T15:44:47.216756+00:00", events_id: "payment", object_id: 77798 }, data: { amount: 10 }, extra: 1 });
    const result = await handler(post(body));
    if (!result.ok) throw result.error;
    expect(result.event.occurredAt.toISOString()).toBe("2022-01-24T15:44:47.216Z");
    expect(result.event.dt).toBe("2022-01-24T15:44:47.216756+00:00");
    expect(result.event.objectId).toBe(77798);
    expect(result.event.data).toEqual({ amount: 10 });
    expect(result.event.raw["extra"]).toBe(1);
  });

  it("accepts a delivery without object_id, JSON with charset, and +json media types", async () => {
    const handler = createWebhookHandler({ secret: SECRET });
    const body = JSON.stringify({ event: { dt: "2024-03-14T09:26:53Z", events_id: "appsrvstartup" }, data: {} });
    for (const type of ["application/json; charset=utf-8", "Application/JSON", "application/vnd.aptic+json"]) {
      const result = await handler(post(body, { "content-type": type }));
      expect(result.ok, type).toBe(true);
      if (result.ok) expect(result.event.objectId).toBeUndefined();
    }
  });

  it("narrows with isEvent and the name discriminant", async () => {
    const seen: string[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      onEvent: (event) => {
        if (isEvent(event, "payment")) seen.push(`payment:${String(event.objectId)}`);
        if (event.name === "debtorinsert") seen.push(`debtor:${String(event.data["fullName"])}`);
      },
    });
    await handler(buildWebhookDelivery({ event: "payment", objectId: 7, secret: SECRET }).request(URL_));
    await handler(buildWebhookDelivery({ event: "debtorinsert", secret: SECRET }).request(URL_));
    expect(seen).toEqual(["payment:7", "debtor:Astrid Lindqvist"]);
  });

  it("honours a custom secret header (case-insensitively) and extra methods", async () => {
    const handler = createWebhookHandler({ secret: SECRET, secretHeader: "X-Aptic-Secret", methods: ["POST", "put"] });
    const delivery = buildWebhookDelivery({ event: "payment", secret: SECRET, secretHeader: "x-aptic-secret" });
    expect((await handler(delivery.request(URL_))).ok).toBe(true);
    expect((await handler(post(delivery.body, { "x-webhook-secret": "", "x-aptic-secret": SECRET }, "PUT"))).ok).toBe(true);
  });
});

describe("createWebhookHandler: rejections", () => {
  // Created per call, not at collection: a handler factory that throws must fail these tests, not hide them.
  const handler = (request: Request) => createWebhookHandler({ secret: SECRET })(request);
  const valid = envelope({});

  async function rejected(request: Request) {
    const result = await handler(request);
    if (result.ok) throw new Error("expected a rejection");
    expect(result.error).toBeInstanceOf(ApticWebhookError);
    expect(result.error).toBeInstanceOf(ApticError);
    expect(result.response.status).toBe(result.status);
    expect(result.error.status).toBe(result.status);
    return { ...result, problem: (await result.response.json()) as Record<string, unknown> };
  }

  it("401 missing_secret without the header or with an empty one", async () => {
    for (const headers of [{ "x-webhook-secret": "" }, { "x-other": SECRET }] as Record<string, string>[]) {
      const request = new Request(URL_, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: valid });
      const r = await rejected(request);
      expect([r.status, r.error.reason]).toEqual([401, "missing_secret"]);
    }
  });

  it.each([
    ["same length", SECRET.slice(0, -1) + "X"],
    ["shorter (a prefix)", SECRET.slice(0, 5)],
    ["longer (secret plus suffix)", SECRET + "0"],
    ["different case", SECRET.toUpperCase()],
  ])("401 bad_secret for a wrong secret: %s", async (_, wrong) => {
    const r = await rejected(post(valid, { "x-webhook-secret": wrong }));
    expect([r.status, r.error.reason]).toEqual([401, "bad_secret"]);
    expect(r.response.headers.get("content-type")).toBe("application/problem+json");
    expect(r.problem).toMatchObject({ status: 401, title: "Unauthorized", reason: "bad_secret" });
  });

  it.each(["GET", "PUT", "DELETE", "PATCH"])("405 for %s with an Allow header", async (method) => {
    const r = await rejected(new Request(URL_, { method, headers: { "x-webhook-secret": SECRET } }));
    expect([r.status, r.error.reason]).toEqual([405, "method"]);
    expect(r.response.headers.get("allow")).toBe("POST");
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "application/jsonp", ""])("415 for content type %j", async (type) => {
    const request = post(valid, { "content-type": type });
    if (type === "") request.headers.delete("content-type");
    const r = await rejected(request);
    expect([r.status, r.error.reason]).toEqual([415, "content_type"]);
  });

  it("checks the secret before reading the body or the content type", async () => {
    const r = await rejected(post(valid, { "x-webhook-secret": "nope", "content-type": "text/plain" }));
    expect(r.error.reason).toBe("bad_secret");
  });

  const malformed: [string, string][] = [
    ["invalid JSON", "{not json"],
    ["an empty body", ""],
    ["a JSON array", "[]"],
    ["a missing event", JSON.stringify({ data: {} })],
    ["event not an object", JSON.stringify({ event: "debtorinsert", data: {} })],
    ["a missing data", JSON.stringify({ event: { dt: "2024-03-14T09:26:53Z", events_id: "payment" } })],
    ["data an array", envelope({}, [])],
    ["a missing events_id", envelope({ events_id: undefined })],
    ["a missing dt", envelope({ dt: undefined })],
    ["dt not a date", envelope({ dt: "yesterday" })],
    ["dt without an offset", envelope({ dt: "2024-03-14T09:26:53" })],
    ["dt an impossible date", envelope({ dt: "2024-02-30T10:00:00Z" })],
    ["dt a number", envelope({ dt: 1710404813 })],
    ["object_id an object", envelope({ object_id: { id: 1 } })],
    ["object_id a float", envelope({ object_id: 1.5 })],
    ["object_id a boolean", envelope({ object_id: true })],
  ];
  it.each(malformed)("400 malformed for %s", async (_, body) => {
    const r = await rejected(post(body));
    expect([r.status, r.error.reason]).toEqual([400, "malformed"]);
    expect(r.problem).toMatchObject({ status: 400, reason: "malformed", type: "about:blank" });
  });

  it("400 malformed for bytes that are not UTF-8", async () => {
    const r = await rejected(post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])));
    expect(r.error.reason).toBe("malformed");
  });

  it("400 unknown_event for an undocumented name by default", async () => {
    const r = await rejected(post(envelope({ events_id: "debtorcreated" })));
    expect([r.status, r.error.reason]).toEqual([400, "unknown_event"]);
    expect(r.error.message).toContain("debtorcreated");
  });

  it("passes unknown events through with allowUnknownEvents, typed as known: false", async () => {
    const events: AnyWebhookEvent[] = [];
    const lenient = createWebhookHandler({ secret: SECRET, allowUnknownEvents: true, onEvent: (e) => void events.push(e) });
    const result = await lenient(post(envelope({ events_id: "debtorcreated" })));
    expect(result.ok).toBe(true);
    expect(events[0]).toMatchObject({ name: "debtorcreated", known: false });
    expect(events[0] && isEvent(events[0], "debtorinsert")).toBe(false);
  });

  it.each([
    [
      "throws",
      () => {
        throw new Error("db down");
      },
    ],
    [
      "rejects",
      async () => {
        throw new Error("db down");
      },
    ],
  ])("500 handler_failed when onEvent %s, with the cause kept", async (_, onEvent) => {
    const failing = createWebhookHandler({ secret: SECRET, onEvent });
    const result = await failing(post(valid));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([result.status, result.error.reason]).toEqual([500, "handler_failed"]);
    expect((result.error.cause as Error).message).toBe("db down");
    expect(await result.response.text()).not.toContain("db down"); // internals stay server-side
    expect(isWebhookError(result.error, "handler_failed")).toBe(true);
  });

  it("does not call onEvent for a rejected delivery", async () => {
    const onEvent = vi.fn();
    const strict = createWebhookHandler({ secret: SECRET, onEvent });
    await strict(post(valid, { "x-webhook-secret": "wrong" }));
    await strict(post("{"));
    expect(onEvent).not.toHaveBeenCalled();
  });
});

describe("createWebhookHandler: size limit", () => {
  /** An endless body that counts how many chunks were pulled and whether it was cancelled. */
  function endless(chunkBytes: number) {
    const state = { pulls: 0, cancelled: false };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        state.pulls += 1;
        controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
      },
      cancel() {
        state.cancelled = true;
      },
    });
    return { stream, state };
  }

  it("413 from a too-large Content-Length without reading the body", async () => {
    const handler = createWebhookHandler({ secret: SECRET });
    const { stream, state } = endless(1024);
    const request = post(stream, { "content-length": String(1024 * 1024 + 1) });
    const result = await handler(request);
    expect([result.status, result.ok || result.error.reason]).toEqual([413, "too_large"]);
    expect(state.pulls).toBeLessThanOrEqual(1); // at most the stream's own initial fill, never read by us
    expect(request.bodyUsed).toBe(false);
  });

  it("413 for a streamed body without Content-Length, and stops reading right after the limit", async () => {
    const handler = createWebhookHandler({ secret: SECRET });
    const { stream, state } = endless(64 * 1024);
    const result = await handler(post(stream));
    expect([result.status, result.ok || result.error.reason]).toEqual([413, "too_large"]);
    expect(state.cancelled).toBe(true);
    // 1 MiB / 64 KiB = 16 chunks to reach the limit, one more to pass it, one of read-ahead.
    expect(state.pulls).toBeLessThanOrEqual(18);
  });

  it("accepts a body of exactly maxBodyBytes and refuses one byte more", async () => {
    const base = envelope({});
    const handler = createWebhookHandler({ secret: SECRET, maxBodyBytes: base.length + 10 });
    expect((await handler(post(base + " ".repeat(10)))).ok).toBe(true);
    const over = await handler(post(base + " ".repeat(11)));
    expect(over.ok || over.error.reason).toBe("too_large");
  });
});

describe("createWebhookHandler: secrecy and options", () => {
  it("never puts the secret or the provided value in messages, JSON, stacks or responses", async () => {
    const handler = createWebhookHandler({
      secret: SECRET,
      onEvent: () => {
        throw new Error("boom");
      },
    });
    const provided = ["forged-" + SECRET.slice(3), SECRET.slice(0, 8), SECRET + "x"];
    const requests = [
      ...provided.map((p) => post(envelope({}), { "x-webhook-secret": p })),
      post(envelope({}), { "content-type": "text/plain" }),
      post("{"),
      post(envelope({ events_id: "nope" })),
      post(envelope({})),
      new Request(URL_, { method: "GET", headers: { "x-webhook-secret": SECRET } }),
    ];
    for (const request of requests) {
      const result = await handler(request);
      if (result.ok) throw new Error("expected a rejection");
      const outputs = [result.error.message, String(result.error), result.error.stack ?? "", JSON.stringify(result.error), await result.response.text()];
      for (const text of outputs) {
        expect(text).not.toContain(SECRET);
        for (const p of provided) expect(text).not.toContain(p);
      }
    }
  });

  it.each([
    [{ secret: "" }, /secret must be a non-empty string/],
    [{ secret: SECRET, secretHeader: "bad header" }, /secretHeader/],
    [{ secret: SECRET, maxBodyBytes: 0 }, /maxBodyBytes/],
    [{ secret: SECRET, maxBodyBytes: 1.5 }, /maxBodyBytes/],
    [{ secret: SECRET, methods: [] }, /methods/],
    [{ secret: SECRET, onEvent: "nope" }, /onEvent/],
    [
      { secret: SECRET, secretheader: "x" },
      /Unknown webhook handler option "secretheader"; known options: secret, secretHeader, verify, maxBodyBytes, bodyTimeoutMs, allowUnknownEvents, methods, replay, tolerance, onEvent/,
    ],
    [null, /^createWebhookHandler expects an options object$/],
    ["s3cret", /^createWebhookHandler expects an options object$/],
    [{ secret: 5 }, /^secret must be a non-empty string \(or pass verify\)$/],
    [{ secret: SECRET, secretHeader: 5 }, /^secretHeader must be a valid HTTP header name$/],
    [{ secret: SECRET, secretHeader: "" }, /^secretHeader must be a valid HTTP header name$/],
    [{ secret: SECRET, secretHeader: "x:y" }, /^secretHeader must be a valid HTTP header name$/],
    [{ secret: SECRET, maxBodyBytes: -1 }, /^maxBodyBytes must be a positive integer \(got -1\)$/],
    [{ secret: SECRET, maxBodyBytes: "1024" }, /^maxBodyBytes must be a positive integer \(got 1024\)$/],
    [{ secret: SECRET, methods: "POST" }, /^methods must be a non-empty array of HTTP method names$/],
    [{ secret: SECRET, methods: ["POST", 5] }, /^methods must be a non-empty array of HTTP method names$/],
    [{ secret: SECRET, methods: ["POST", "GE T"] }, /^methods must be a non-empty array of HTTP method names$/],
    [{ secret: SECRET, onEvent: null }, /^onEvent must be a function$/],
  ])("rejects bad options up front: %j", (options, message) => {
    const create = () => createWebhookHandler(options as unknown as Parameters<typeof createWebhookHandler>[0]);
    expect(create).toThrow(ApticUsageError);
    expect(create).toThrow(message);
    try {
      create();
    } catch (err) {
      expect(String(err)).not.toContain(SECRET);
    }
  });

  it("names the configured header (as it is matched: lower case) when it is missing", async () => {
    const handler = createWebhookHandler({ secret: SECRET, secretHeader: "X-Aptic-Secret" });
    const result = await handler(post(envelope({}), {}));
    expect(result.ok || result.error.message).toBe('Webhook secret header "x-aptic-secret" is missing');
  });

  it("lists every allowed method in Allow and in the message", async () => {
    const handler = createWebhookHandler({ secret: SECRET, methods: ["post", "PUT"] });
    const result = await handler(new Request(URL_, { method: "DELETE", headers: { "x-webhook-secret": SECRET } }));
    if (result.ok) throw new Error("expected a rejection");
    expect(result.response.headers.get("allow")).toBe("POST, PUT");
    expect(result.error.message).toBe("Method DELETE is not allowed for webhook deliveries (use POST, PUT)");
    expect((await handler(post(envelope({}), {}, "post"))).ok).toBe(true);
  });

  it("enables unknown events only for allowUnknownEvents: true exactly", async () => {
    const loose = createWebhookHandler({ secret: SECRET, allowUnknownEvents: "yes" as unknown as true });
    const result = await loose(post(envelope({ events_id: "debtorcreated" })));
    expect(result.ok || result.error.reason).toBe("unknown_event");
  });

  it("answers every rejection with problem+json, no-store and the RFC 9457 members", async () => {
    const handler = createWebhookHandler({ secret: SECRET });
    const cases: [Request, number, string, string][] = [
      [post(envelope({}), { "x-webhook-secret": "nope" }), 401, "Unauthorized", "bad_secret"],
      [new Request(URL_, { method: "GET" }), 405, "Method Not Allowed", "method"],
      [post(envelope({}), { "content-type": "text/plain" }), 415, "Unsupported Media Type", "content_type"],
      [post("{"), 400, "Bad Request", "malformed"],
      [post("x".repeat(1024 * 1024 + 1)), 413, "Content Too Large", "too_large"],
      [post(envelope({ events_id: "nope" })), 400, "Bad Request", "unknown_event"],
      [new Request(URL_, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }), 401, "Unauthorized", "missing_secret"],
    ];
    for (const [request, status, title, reason] of cases) {
      const result = await handler(request);
      if (result.ok) throw new Error("expected a rejection");
      expect(result.response.headers.get("content-type")).toBe("application/problem+json");
      expect(result.response.headers.get("cache-control")).toBe("no-store");
      expect(result.response.headers.get("allow")).toBe(reason === "method" ? "POST" : null);
      expect(result.response.headers.get("accept-post")).toBe(reason === "content_type" ? "application/json" : null);
      expect(result.response.headers.get("connection")).toBe(reason === "too_large" ? "close" : null);
      expect(await result.response.json()).toEqual({ type: "about:blank", title, status, detail: result.error.message, reason });
    }
    const failing = createWebhookHandler({
      secret: SECRET,
      onEvent: () => {
        throw new Error("x");
      },
    });
    const failed = await failing(post(envelope({})));
    expect(failed.ok || (await failed.response.json())).toMatchObject({ status: 500, title: "Internal Server Error", detail: "The onEvent callback failed" });
  });

  it("turns an unexpected failure inside the handler into a 500, never a rejection", async () => {
    const handler = createWebhookHandler({ secret: SECRET });
    const hostile = post(envelope({}));
    Object.defineProperty(hostile, "method", {
      get: () => {
        throw new Error("boom");
      },
    });
    const result = await handler(hostile);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([result.status, result.error.reason, result.error.message]).toEqual([500, "handler_failed", "Unexpected failure while handling a webhook"]);
    expect((result.error.cause as Error).message).toBe("boom");
  });

  it("gives a failing replay store the 503 title", async () => {
    const handler = createWebhookHandler({
      secret: SECRET,
      replay: { store: { claim: () => Promise.reject(new Error("x")), confirm: async () => undefined, release: async () => undefined } },
      tolerance: false,
    });
    const result = await handler(post(envelope({})));
    expect(result.ok || (await result.response.json())).toMatchObject({ status: 503, title: "Service Unavailable" });
  });

  it("matches isWebhookError on the class and, when given, the reason", () => {
    const error = new ApticWebhookError("too_large", "big");
    expect(isWebhookError(error)).toBe(true);
    expect(isWebhookError(error, "too_large")).toBe(true);
    expect(isWebhookError(error, "malformed")).toBe(false);
    expect(isWebhookError(new Error("x"))).toBe(false);
    expect(isWebhookError({ reason: "too_large" }, "too_large")).toBe(false);
    expect([error.name, error.status, error.reason]).toEqual(["ApticWebhookError", 413, "too_large"]);
  });

  it("serialises errors without the cause", () => {
    const error = new ApticWebhookError("handler_failed", "The onEvent callback failed", { cause: new Error("secret stuff") });
    expect(error.toJSON()).toEqual({ name: "ApticWebhookError", message: "The onEvent callback failed", reason: "handler_failed", status: 500 });
  });
});

describe("createWebhookHandler: body reading details", () => {
  it("refuses a body that was already read (a body parser ran first) with a message saying so", async () => {
    const request = post(envelope({}));
    await request.text();
    const result = await createWebhookHandler({ secret: SECRET })(request);
    expect(result.ok || [result.error.reason, result.error.message]).toEqual([
      "malformed",
      "Webhook body was already read (a body parser ran before the handler?)",
    ]);
  });

  it("names invalid UTF-8 as such and keeps the decoder's error", async () => {
    const result = await createWebhookHandler({ secret: SECRET })(post(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d])));
    if (result.ok) throw new Error("expected a rejection");
    expect([result.error.reason, result.error.message]).toEqual(["malformed", "Webhook body is not valid UTF-8"]);
    expect(result.error.cause).toBeInstanceOf(TypeError);
  });

  it("keeps the stream's error as the cause when the body cannot be read", async () => {
    const broken = new ReadableStream<Uint8Array>({ pull: (c) => c.error(new Error("socket reset")) });
    const result = await createWebhookHandler({ secret: SECRET })(post(broken));
    if (result.ok) throw new Error("expected a rejection");
    expect([result.error.reason, result.error.message]).toEqual(["malformed", "Webhook body could not be read"]);
    expect((result.error.cause as Error).message).toBe("socket reset");
  });

  it("reads a body without a stream (no body at all) as empty", async () => {
    const request = new Request(URL_, { method: "POST", headers: { "content-type": "application/json", "x-webhook-secret": SECRET } });
    const result = await createWebhookHandler({ secret: SECRET })(request);
    expect(result.ok || result.error.message).toBe("Webhook body is empty (in Express, mount the handler without express.json() in front of it)");
  });

  it.each(["text/plain;x=application/json", "text/plain, application/json", "xapplication/json", "application/json-seq"])(
    "refuses %j, which only contains a JSON type",
    async (type) => {
      const result = await createWebhookHandler({ secret: SECRET })(post(envelope({}), { "content-type": type }));
      expect(result.ok || [result.error.reason, result.error.message]).toEqual(["content_type", "Webhook Content-Type must be application/json"]);
    },
  );

  it("accepts JSON types with parameters and spaces before them", async () => {
    for (const type of ["application/json ; charset=utf-8", "application/problem+json", "APPLICATION/JSON"]) {
      expect((await createWebhookHandler({ secret: SECRET })(post(envelope({}), { "content-type": type }))).ok, type).toBe(true);
    }
  });

  it("says which check failed in each message", async () => {
    const handler = createWebhookHandler({ secret: SECRET });
    const wrong = await handler(post(envelope({}), { "x-webhook-secret": "nope" }));
    expect(wrong.ok || wrong.error.message).toBe("Webhook secret does not match");
    const missing = await handler(post(envelope({}), { "x-webhook-secret": "" }));
    expect(missing.ok || missing.error.message).toBe('Webhook secret header "x-webhook-secret" is missing');
    const failing = await createWebhookHandler({ secret: SECRET, onEvent: () => Promise.reject(new Error("x")) })(post(envelope({})));
    expect(failing.ok || failing.error.message).toBe("The onEvent callback failed");
  });
});
