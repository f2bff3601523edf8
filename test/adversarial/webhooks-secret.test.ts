// Attacks on authentication: guessing the secret by length or prefix, sending it where it does not
// belong, smuggling it in duplicated or odd headers, and configurations that could never match.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApticUsageError } from "../../src/errors/aptic-error.js";
import { createWebhookHandler } from "../../src/webhooks/handler.js";
import { secretMatcher } from "../../src/webhooks/secret.js";
import { toNodeListener } from "../../src/node/webhook-listener.js";
import { SECRET, envelope, head, rawRequest, startReceiver, type Receiver } from "./webhooks-support.js";
import { headersOnlyRequest } from "../support/node-request.js";

const URL_ = "http://localhost/aptic/webhooks";
const post = (headers: HeadersInit, url = URL_) => new Request(url, { method: "POST", headers, body: envelope() });
const handler = () => createWebhookHandler({ secret: SECRET });

let receiver: Receiver | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await receiver?.close();
  receiver = undefined;
});

describe("constant-time, length-safe comparison", () => {
  it("hashes both sides before comparing, so the provided value's length and prefix never decide how long it takes", async () => {
    const digest = vi.spyOn(crypto.subtle, "digest");
    const matches = secretMatcher(SECRET);
    for (const guess of ["", "w", SECRET.slice(0, -1), SECRET + "x", "x".repeat(10_000)]) expect(await matches(guess)).toBe(false);
    expect(await matches(SECRET)).toBe(true);
    const inputs = digest.mock.calls.map(([algorithm, data]) => [algorithm, new TextDecoder().decode(data as Uint8Array)]);
    // The secret is hashed once (cached), every guess once; all with SHA-256 (32-byte digests).
    expect(inputs).toEqual([
      ["SHA-256", SECRET],
      ["SHA-256", ""],
      ["SHA-256", "w"],
      ["SHA-256", SECRET.slice(0, -1)],
      ["SHA-256", SECRET + "x"],
      ["SHA-256", "x".repeat(10_000)],
      ["SHA-256", SECRET],
    ]);
  });

  it.each([
    ["every single-character change", () => [...SECRET].map((c, i) => SECRET.slice(0, i) + (c === "a" ? "b" : "a") + SECRET.slice(i + 1))],
    ["every prefix", () => [...SECRET].map((_, i) => SECRET.slice(0, i + 1)).slice(0, -1)],
    ["the secret with a suffix, twice over, or reversed", () => [SECRET + SECRET, SECRET + "_", [...SECRET].reverse().join("")]],
  ])("rejects %s with 401 bad_secret", async (_, guesses) => {
    const h = handler();
    for (const guess of guesses()) {
      const result = await h(post({ "content-type": "application/json", "x-webhook-secret": guess }));
      expect([result.status, result.ok || result.error.reason], guess).toEqual([401, "bad_secret"]);
    }
  });
});

describe("the secret only counts in its header", () => {
  it("ignores a secret in the query string when configured for a header (401 missing_secret)", async () => {
    const result = await handler()(post({ "content-type": "application/json" }, `${URL_}?x-webhook-secret=${SECRET}&secret=${SECRET}`));
    expect([result.status, result.ok || result.error.reason]).toEqual([401, "missing_secret"]);
    if (!result.ok) expect(await result.response.text()).not.toContain(SECRET);
  });

  it("ignores the secret in other headers (Authorization, a look-alike name) and in the body", async () => {
    const headers = { "content-type": "application/json", authorization: `Bearer ${SECRET}`, "x-webhook-secrets": SECRET, "x-webhook_secret": SECRET };
    const result = await handler()(new Request(URL_, { method: "POST", headers, body: JSON.stringify({ secret: SECRET, ...JSON.parse(envelope()) }) }));
    expect([result.status, result.ok || result.error.reason]).toEqual([401, "missing_secret"]);
  });

  it("refuses duplicated secret headers, even when one of them is right", async () => {
    const h = handler();
    for (const values of [
      [SECRET, "guess"],
      ["guess", SECRET],
      [SECRET, SECRET],
    ]) {
      const headers = new Headers({ "content-type": "application/json" });
      for (const v of values) headers.append("x-webhook-secret", v);
      const result = await h(post(headers));
      expect([result.status, result.ok || result.error.reason], values.join(" | ")).toEqual([401, "bad_secret"]);
    }
  });

  it("refuses duplicated secret headers on the wire too (Node joins them)", async () => {
    receiver = await startReceiver();
    const body = envelope();
    const outcome = await rawRequest(
      receiver.port,
      `${head({ "Content-Type": "application/json", "X-Webhook-Secret": SECRET, "Content-Length": body.length })}\nX-Webhook-Secret: ${SECRET}`,
      { body },
    );
    expect(outcome.status).toBe(401);
    expect(receiver.results).toMatchObject([{ ok: false, error: { reason: "bad_secret" } }]);
  });
});

describe("odd bytes in headers", () => {
  it("answers NUL, CR or LF in a header value with 400 through the Node adapter instead of crashing", async () => {
    const sent: { status?: number; body?: string; destroyed: boolean } = { destroyed: false };
    const listener = toNodeListener(handler());
    listener(
      headersOnlyRequest({ "content-type": "application/json", "x-webhook-secret": `${SECRET}\u0000admin` }, { destroy: () => (sent.destroyed = true) }),
      {
        headersSent: false,
        writeHead: (status) => void (sent.status = status),
        end: (body, done) => {
          sent.body = String(body);
          done();
        },
      },
    );
    await vi.waitFor(() => expect(sent.status).toBe(400), { timeout: 10_000 });
    expect(JSON.parse(sent.body ?? "")).toEqual({
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      detail: "Webhook request headers could not be read",
      reason: "malformed",
    });
    expect(sent.body).not.toContain(SECRET);
    expect(sent.destroyed).toBe(true);
  });

  it("rejects a secret sent as UTF-8 bytes the configured ASCII secret does not have (no normalisation tricks)", async () => {
    receiver = await startReceiver();
    const body = envelope();
    // "é" as UTF-8 arrives as two latin1 characters; it must simply not match.
    const outcome = await rawRequest(
      receiver.port,
      head({ "Content-Type": "application/json", "X-Webhook-Secret": `${SECRET}é`, "Content-Length": body.length }),
      { body },
    );
    expect(outcome.status).toBe(401);
  });

  it("lets Node refuse raw control characters in a header before the handler runs", async () => {
    receiver = await startReceiver();
    const outcome = await rawRequest(receiver.port, head({ "Content-Type": "application/json", "X-Webhook-Secret": `${SECRET}\u0001` }));
    expect(outcome.status).toBe(400);
    expect(receiver.results).toEqual([]);
  });

  it.each([
    ["non-ASCII", "sëcret"],
    ["a leading space", ` ${SECRET}`],
    ["a trailing tab", `${SECRET}\t`],
    ["a NUL", `${SECRET}\u0000`],
    ["a newline", `a\nb`],
  ])("refuses a configured secret with %s at startup (it could never arrive intact in a header)", (_, secret) => {
    const create = () => createWebhookHandler({ secret });
    expect(create).toThrow(ApticUsageError);
    expect(create).toThrow("secret must be printable ASCII without leading or trailing spaces (it is sent in an HTTP header)");
  });

  it("accepts a secret with inner spaces and every printable ASCII character", async () => {
    const secret = "a b!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~Z";
    const result = await createWebhookHandler({ secret })(post({ "content-type": "application/json", "x-webhook-secret": secret }));
    expect(result.ok).toBe(true);
    expect(() => createWebhookHandler({ secret: "x" })).not.toThrow();
  });
});
