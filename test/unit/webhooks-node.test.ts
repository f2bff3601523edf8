// The Node adapter on a real node:http server (127.0.0.1, port 0), fed by the delivery simulator.
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
  const handler = createWebhookHandler({ secret: SECRET, maxBodyBytes: 4096, onEvent: (event) => void events.push(event) });
  server = createServer(toNodeListener(handler, { onResult: (result) => void results.push(result) }));
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
