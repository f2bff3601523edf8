// The delivery simulator: correctly shaped envelopes, realistic defaults, authentication header.
import { describe, expect, it } from "vitest";
import { buildWebhookDelivery, deliverWebhook } from "../../src/testing/webhook-simulator.js";
import { fakeFetch } from "../support/fake-fetch.js";

const SECRET = "whsec-sim-1";
const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("buildWebhookDelivery", () => {
  it("builds the documented envelope with a GUID object id, a current dt and Nordic debtor data", () => {
    const before = Date.now();
    const delivery = buildWebhookDelivery({ event: "debtorinsert", secret: SECRET });
    const payload = JSON.parse(delivery.body) as { event: Record<string, unknown>; data: Record<string, unknown> };
    expect(payload.event["events_id"]).toBe("debtorinsert");
    expect(payload.event["object_id"]).toMatch(GUID_RE);
    expect(Date.parse(String(payload.event["dt"]))).toBeGreaterThanOrEqual(before - 1000);
    expect(payload.data).toMatchObject({ debtorGuid: payload.event["object_id"], fullName: "Astrid Lindqvist", address: { countryCode: "SE" } });
    expect(delivery.headers).toEqual({ "content-type": "application/json", "x-webhook-secret": SECRET });
  });

  it("uses sample data per family and {} elsewhere", () => {
    const data = (event: string) => (JSON.parse(buildWebhookDelivery({ event, secret: SECRET }).body) as { data: unknown }).data;
    expect(data("customerupdate")).toMatchObject({ name: "Nordbank Inkasso AB" });
    expect(data("payment")).toMatchObject({ currencyCode: "SEK" });
    expect(data("jobcomplete")).toEqual({});
  });

  it("takes explicit objectId, data, dt (string or Date), secret header and extra headers", () => {
    const delivery = buildWebhookDelivery({
      event: "payment",
      objectId: 42,
      data: { amount: 1 },
      dt: new Date("2024-03-14T08:26:53Z"),
      secret: SECRET,
      secretHeader: "X-Aptic-Secret",
      headers: { "content-type": "text/plain" },
    });
    expect(JSON.parse(delivery.body)).toEqual({ event: { dt: "2024-03-14T08:26:53.000Z", events_id: "payment", object_id: 42 }, data: { amount: 1 } });
    expect(delivery.headers).toEqual({ "content-type": "text/plain", "x-aptic-secret": SECRET });
  });

  it("makes a fresh POST Request per call", async () => {
    const delivery = buildWebhookDelivery({ event: "payment", secret: SECRET });
    const a = delivery.request("http://localhost/hook");
    const b = delivery.request("http://localhost/hook");
    expect(a).not.toBe(b);
    expect([a.method, a.headers.get("x-webhook-secret")]).toEqual(["POST", SECRET]);
    expect(await a.text()).toBe(delivery.body);
    expect(await b.text()).toBe(delivery.body);
  });
});

describe("deliverWebhook", () => {
  it("POSTs the delivery with the given fetch and returns the response", async () => {
    const fetch = fakeFetch(() => new Response(null, { status: 204 }));
    const res = await deliverWebhook("http://localhost/hook", { event: "debtorupdate", secret: SECRET, fetch });
    expect(res.status).toBe(204);
    expect(fetch.seen[0]).toMatchObject({ method: "POST", url: "http://localhost/hook" });
    expect(fetch.seen[0]?.headers.get("x-webhook-secret")).toBe(SECRET);
    expect(JSON.parse(fetch.seen[0]?.body ?? "")).toMatchObject({ event: { events_id: "debtorupdate" } });
  });
});
