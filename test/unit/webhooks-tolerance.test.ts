// The receiver's age check on event.dt (at and 1 ms past each limit, at the 2^31 − 1 ms maximum),
// the pluggable verifier driven by a real HMAC-SHA256 signer, and the secret read from the environment.
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApticUsageError } from "../../src/errors/aptic-error.js";
import { createWebhookHandlerFromEnv, webhookSecretFromEnv } from "../../src/webhooks/from-env.js";
import { createWebhookHandler } from "../../src/webhooks/handler.js";
import type { WebhookHandlerOptions, WebhookVerifier } from "../../src/webhooks/handler-options.js";
import { createMemoryReplayStore } from "../../src/webhooks/replay.js";

const SECRET = "whsec-tol-5e2a9c1d7b3f";
const NOW = Date.parse("2026-03-14T12:00:00.000Z");
const HOUR = 60 * 60 * 1000;
const MAX = 2 ** 31 - 1;

const body = (dtMs: number, name = "payment") =>
  JSON.stringify({ event: { dt: new Date(dtMs).toISOString(), events_id: name, object_id: 42 }, data: { amount: 10 } });
const post = (text: string, headers: Record<string, string> = { "x-webhook-secret": SECRET }) =>
  new Request("http://localhost/aptic/webhooks", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: text });

async function outcome(options: WebhookHandlerOptions, dtMs: number) {
  const result = await createWebhookHandler(options)(post(body(dtMs)));
  return result.ok ? "accepted" : `${result.status} ${result.error.reason}`;
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});
const atNow = () => vi.useFakeTimers({ toFake: ["Date"], now: NOW });

describe("tolerance on event.dt", () => {
  it("is on with replay protection: 24 h past and 5 min future, both ends included", async () => {
    atNow();
    const options = { secret: SECRET, replay: true } as const;
    expect(await outcome(options, NOW - 24 * HOUR)).toBe("accepted");
    expect(await outcome(options, NOW - 24 * HOUR - 1)).toBe("400 timestamp");
    expect(await outcome(options, NOW + 5 * 60_000)).toBe("accepted");
    expect(await outcome(options, NOW + 5 * 60_000 + 1)).toBe("400 timestamp");
  });

  it("follows replay.windowMs by default, so nothing older than what is remembered gets through", async () => {
    atNow();
    const options = { secret: SECRET, replay: { windowMs: HOUR } } as const;
    expect(await outcome(options, NOW - HOUR)).toBe("accepted");
    expect(await outcome(options, NOW - HOUR - 1)).toBe("400 timestamp");
  });

  it("is off without replay protection unless asked for, and tolerance: true takes the defaults", async () => {
    atNow();
    expect(await outcome({ secret: SECRET }, Date.parse("2020-01-01T00:00:00Z"))).toBe("accepted");
    expect(await outcome({ secret: SECRET }, Date.parse("2099-01-01T00:00:00Z"))).toBe("accepted");
    expect(await outcome({ secret: SECRET, tolerance: true }, NOW - 24 * HOUR)).toBe("accepted");
    expect(await outcome({ secret: SECRET, tolerance: true }, NOW - 24 * HOUR - 1)).toBe("400 timestamp");
    expect(await outcome({ secret: SECRET, tolerance: true }, NOW + 5 * 60_000 + 1)).toBe("400 timestamp");
  });

  it("can be turned off with replay protection on", async () => {
    atNow();
    expect(await outcome({ secret: SECRET, replay: true, tolerance: false }, Date.parse("2020-01-01T00:00:00Z"))).toBe("accepted");
  });

  it("takes custom limits, including 0 (no skew accepted at all)", async () => {
    atNow();
    const options = { secret: SECRET, tolerance: { pastMs: 1000, futureMs: 0 } } as const;
    expect(await outcome(options, NOW)).toBe("accepted");
    expect(await outcome(options, NOW + 1)).toBe("400 timestamp");
    expect(await outcome(options, NOW - 1000)).toBe("accepted");
    expect(await outcome(options, NOW - 1001)).toBe("400 timestamp");
  });

  it("works at the largest duration, 2^31 − 1 ms (about 24.8 days), and refuses 2^31", async () => {
    atNow();
    const options = { secret: SECRET, replay: { windowMs: MAX }, tolerance: { pastMs: MAX, futureMs: MAX } } as const;
    expect(await outcome(options, NOW - MAX)).toBe("accepted");
    expect(await outcome(options, NOW - MAX - 1)).toBe("400 timestamp");
    expect(await outcome(options, NOW + MAX)).toBe("accepted");
    expect(await outcome(options, NOW + MAX + 1)).toBe("400 timestamp");
    expect(() => createWebhookHandler({ secret: SECRET, tolerance: { pastMs: 2 ** 31 } })).toThrow(
      /^tolerance.pastMs must be a whole number of milliseconds from 0 to 2147483647 \(got 2147483648\)$/,
    );
  });

  it("waits out a body at bodyTimeoutMs = 2^31 − 1 instead of timing out at once (no timer overflow)", async () => {
    const encoder = new TextEncoder();
    const text = body(Date.now());
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(text.slice(0, 10)));
        await new Promise((resolve) => setTimeout(resolve, 30));
        controller.enqueue(encoder.encode(text.slice(10)));
        controller.close();
      },
    });
    const request = new Request("http://localhost/aptic/webhooks", {
      method: "POST",
      headers: { "content-type": "application/json", "x-webhook-secret": SECRET },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const result = await createWebhookHandler({ secret: SECRET, bodyTimeoutMs: MAX, replay: { windowMs: MAX, leaseMs: MAX } })(request);
    expect(result).toMatchObject({ ok: true, status: 204 });
  });

  it("refuses a stale delivery before the replay store sees it, and says by how much it missed", async () => {
    atNow();
    const store = createMemoryReplayStore();
    const claim = vi.spyOn(store, "claim");
    const onEvent = vi.fn();
    const result = await createWebhookHandler({ secret: SECRET, replay: { store }, onEvent })(post(body(NOW - 24 * HOUR - 5)));
    if (result.ok) throw new Error("expected a refusal");
    expect(result.error.message).toBe(`Webhook event.dt is ${24 * HOUR + 5} ms old, more than the tolerance of ${24 * HOUR} ms`);
    expect(await result.response.json()).toMatchObject({ status: 400, title: "Bad Request", reason: "timestamp" });
    const ahead = await createWebhookHandler({ secret: SECRET, replay: { store }, onEvent })(post(body(NOW + HOUR)));
    expect(ahead.ok || ahead.error.message).toBe(`Webhook event.dt is ${HOUR} ms ahead of this receiver's clock, more than the tolerance of 300000 ms`);
    expect(claim).not.toHaveBeenCalled();
    expect(onEvent).not.toHaveBeenCalled();
  });

  it.each([
    [{ replay: { windowMs: HOUR }, tolerance: { pastMs: HOUR + 1 } }, /^tolerance.pastMs \(3600001\) must not exceed replay.windowMs \(3600000\)/],
    [{ tolerance: { pastMs: -1 } }, /^tolerance.pastMs must be a whole number of milliseconds from 0 to 2147483647 \(got -1\)$/],
    [{ tolerance: { futureMs: 1.5 } }, /^tolerance.futureMs must be a whole number/],
    [{ tolerance: { futureMs: null } }, /^tolerance.futureMs must be a whole number/],
    [{ tolerance: { past: 1 } }, /^Unknown tolerance option "past"; known options: pastMs, futureMs$/],
    [{ tolerance: "24h" }, /^tolerance must be true, false or \{ pastMs\?, futureMs\? \}$/],
    [{ tolerance: null }, /^tolerance must be true, false/],
  ])("refuses bad tolerance options at startup: %j", (options, message) => {
    expect(() => createWebhookHandler({ secret: SECRET, ...(options as object) } as WebhookHandlerOptions)).toThrow(message);
  });

  it("treats an explicit undefined as not given", async () => {
    atNow();
    const options = { secret: SECRET, tolerance: undefined, replay: undefined, maxBodyBytes: undefined, secretHeader: undefined } as const;
    expect(await outcome(options, Date.parse("2020-01-01T00:00:00Z"))).toBe("accepted");
  });
});

// A gateway that signs deliveries: hex HMAC-SHA256 of the body in `x-aptic-signature`.
const SIGNING_KEY = "hmac-key-0b7d3e91f4a6";
const sign = (text: string) => createHmac("sha256", SIGNING_KEY).update(text).digest("hex");
const key = crypto.subtle.importKey("raw", new TextEncoder().encode(SIGNING_KEY), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
// Web Crypto's verify compares in constant time; a signature that is not hex is simply refused.
const hmacVerifier: WebhookVerifier = async ({ headers, body: text }) => {
  const hex = headers.get("x-aptic-signature") ?? "";
  if (!/^(?:[0-9a-f]{2})+$/.test(hex)) return false;
  const signature = Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
  return crypto.subtle.verify("HMAC", await key, signature, new TextEncoder().encode(text));
};

describe("a pluggable verifier (HMAC signing)", () => {
  it("accepts a correctly signed delivery without any shared-secret header", async () => {
    const onEvent = vi.fn();
    const text = body(Date.now());
    const result = await createWebhookHandler({ verify: hmacVerifier, onEvent })(post(text, { "x-aptic-signature": sign(text) }));
    expect(result).toMatchObject({ ok: true, status: 204 });
    expect(onEvent).toHaveBeenCalledOnce();
  });

  it("refuses a tampered body, a signature for another body and a missing signature with 401 bad_signature", async () => {
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ verify: hmacVerifier, onEvent });
    const text = body(Date.now());
    const tampered = text.replace('"amount":10', '"amount":99');
    for (const request of [post(tampered, { "x-aptic-signature": sign(text) }), post(text, { "x-aptic-signature": sign(tampered) }), post(text, {})]) {
      const result = await handler(request);
      expect(result.ok || [result.status, result.error.reason, result.error.message]).toEqual([401, "bad_signature", "Webhook verifier refused the delivery"]);
      expect(await result.response.json()).toMatchObject({ title: "Unauthorized", reason: "bad_signature" });
    }
    expect(onEvent).not.toHaveBeenCalled();
  });

  it("combines with replay protection and its tolerance window", async () => {
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ verify: hmacVerifier, replay: true, onEvent });
    const fresh = body(Date.now());
    const stale = body(Date.now() - 25 * HOUR);
    expect(await handler(post(fresh, { "x-aptic-signature": sign(fresh) }))).toMatchObject({ ok: true, replay: false });
    expect(await handler(post(fresh, { "x-aptic-signature": sign(fresh) }))).toMatchObject({ ok: true, replay: true });
    expect(await handler(post(stale, { "x-aptic-signature": sign(stale) }))).toMatchObject({ ok: false, status: 400 });
    expect(onEvent).toHaveBeenCalledOnce();
  });

  it("gives the verifier the exact body text, the headers and the request", async () => {
    const verify = vi.fn<WebhookVerifier>(() => true);
    const text = `${body(Date.now())}\n`;
    const request = post(text, { "x-aptic-signature": "s" });
    await createWebhookHandler({ verify })(request);
    expect(verify).toHaveBeenCalledWith({ body: text, headers: request.headers, request });
  });

  it("counts a throwing verifier, or one resolving anything but true, as a refusal (never a 500 retried forever)", async () => {
    const cause = new RangeError("Input buffers must have the same byte length");
    const thrown = await createWebhookHandler({
      verify: () => {
        throw cause;
      },
    })(post(body(Date.now())));
    expect(thrown.ok || [thrown.status, thrown.error.reason, thrown.error.cause]).toEqual([401, "bad_signature", cause]);
    const sloppy = createWebhookHandler({ verify: (() => "yes") as unknown as WebhookVerifier });
    expect(await sloppy(post(body(Date.now())))).toMatchObject({ ok: false, status: 401 });
  });

  it("still checks the method, the content type and the size before calling the verifier", async () => {
    const verify = vi.fn<WebhookVerifier>(() => true);
    const handler = createWebhookHandler({ verify, maxBodyBytes: 10 });
    const get = new Request("http://localhost/aptic/webhooks", { method: "GET" });
    const text = new Request("http://localhost/aptic/webhooks", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
    const reasons = [];
    for (const request of [get, text, post(body(Date.now()))]) {
      const result = await handler(request);
      reasons.push(result.ok ? "ok" : result.error.reason);
    }
    expect(reasons).toEqual(["method", "content_type", "too_large"]);
    expect(verify).not.toHaveBeenCalled();
  });

  it.each([
    [{ verify: hmacVerifier, secret: SECRET }, /^Pass either secret \(with secretHeader\) or verify, not both$/],
    [{ verify: hmacVerifier, secretHeader: "x-sig" }, /^Pass either secret \(with secretHeader\) or verify, not both$/],
    [{ verify: "sha256" }, /^verify must be a function$/],
    [{}, /^secret must be a non-empty string \(or pass verify\)$/],
  ])("refuses an ambiguous or missing way to authenticate: %j", (options, message) => {
    expect(() => createWebhookHandler(options as unknown as WebhookHandlerOptions)).toThrow(message);
  });
});

describe("the secret from APTIC_WEBHOOK_SECRET", () => {
  it("reads the variable, and refuses a missing or empty one by name", () => {
    expect(webhookSecretFromEnv({ APTIC_WEBHOOK_SECRET: SECRET })).toBe(SECRET);
    for (const env of [{}, { APTIC_WEBHOOK_SECRET: "" }, { APTIC_WEBHOOK_SECRET: undefined }]) {
      expect(() => webhookSecretFromEnv(env)).toThrow(ApticUsageError);
      expect(() => webhookSecretFromEnv(env)).toThrow(/^APTIC_WEBHOOK_SECRET is not set \(or is empty\)/);
    }
  });

  it("reads process.env by default", () => {
    vi.stubEnv("APTIC_WEBHOOK_SECRET", SECRET);
    expect(webhookSecretFromEnv()).toBe(SECRET);
    vi.stubEnv("APTIC_WEBHOOK_SECRET", "");
    expect(() => webhookSecretFromEnv()).toThrow(ApticUsageError);
  });

  it("builds a receiver that checks that secret (in a custom header too) and takes the other options", async () => {
    const onEvent = vi.fn();
    const handler = createWebhookHandlerFromEnv({ onEvent, secretHeader: "X-Hook-Secret" }, { APTIC_WEBHOOK_SECRET: SECRET });
    expect(await handler(post(body(Date.now()), { "x-hook-secret": SECRET }))).toMatchObject({ ok: true });
    expect(await handler(post(body(Date.now()), { "x-hook-secret": "wrong" }))).toMatchObject({ ok: false, status: 401 });
    expect(onEvent).toHaveBeenCalledOnce();
    expect(() => createWebhookHandlerFromEnv({}, {})).toThrow(/APTIC_WEBHOOK_SECRET/);
  });
});
