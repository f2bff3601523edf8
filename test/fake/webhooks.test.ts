// Webhooks registered through the API are stored, and mutations deliver the mapped events in the
// envelope the SDK's receiver parses, with the registered secret — to an in-process receiver or
// over HTTP to loopback.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { unwrap } from "../../src/index.js";
import { toNodeListener } from "../../src/node/index.js";
import { createFakeGateway, WEBHOOK_EVENT_MAPPING } from "../../src/testing/index.js";
import { createWebhookHandler, registerWebhook, unregisterWebhook, listWebhooks, type AnyWebhookEvent } from "../../src/webhooks/index.js";
import * as operations from "../../src/operations/index.js";
import { fakeClient } from "./support/client.js";
import { createCustomer, createDebtor, createDebtorAddress, deleteDebtor, updateDebtor } from "../../src/operations/index.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function withReceiver(secret: string) {
  const events: AnyWebhookEvent[] = [];
  const handler = createWebhookHandler({ secret, onEvent: (e) => void events.push(e) });
  const fake = await createFakeGateway({ webhookReceiver: handler });
  return { fake, events, aptic: fakeClient(fake, { authMode: "apiKey" }) };
}

describe("webhooks", () => {
  it("create, update (with a name change) and delete of a debtor deliver debtorinsert, debtorupdate + debtornamechange, debtordelete", async () => {
    const secret = "s3cret-for-hooks";
    const { fake, events, aptic } = await withReceiver(secret);
    await registerWebhook(aptic, { url: "https://erp.example/hooks", events: ["debtorinsert", "debtorupdate", "debtornamechange", "debtordelete"], secret });
    const created = await unwrap(aptic.POST(createDebtor.path, { body: { lastname: "Lindqvist", juridicalType: 0 } }));
    const debtorGuid = created.debtorGuid ?? "";
    await unwrap(aptic.PUT(updateDebtor.path, { params: { path: { debtorGuid } }, body: { lastname: "Berg", juridicalType: 0 } }));
    await unwrap(aptic.DELETE(deleteDebtor.path, { params: { path: { debtorGuid } } }));
    // Delivered before each call returned: no waiting needed.
    expect(events.map((e) => [e.name, e.objectId])).toEqual([
      ["debtorinsert", debtorGuid],
      ["debtorupdate", debtorGuid],
      ["debtornamechange", debtorGuid],
      ["debtordelete", debtorGuid],
    ]);
    expect(events[0]?.data).toMatchObject({ debtorGuid, lastname: "Lindqvist" });
    expect(events[1]?.data).toMatchObject({ lastname: "Berg" });
    expect(fake.deliveries.map((d) => [d.event, d.status, d.ok, d.secretSent])).toEqual([
      ["debtorinsert", 204, true, true],
      ["debtorupdate", 204, true, true],
      ["debtornamechange", 204, true, true],
      ["debtordelete", 204, true, true],
    ]);
    expect(JSON.stringify(fake.deliveries)).not.toContain(secret);
  });

  it("one change's events reach the receiver in order, even when it answers the first one slowest", async () => {
    const seen: string[] = [];
    const slowFirst = async (request: Request): Promise<Response> => {
      const { event } = (await request.json()) as { event: { events_id: string } };
      if (event.events_id === "debtorupdate") await new Promise((r) => setTimeout(r, 30));
      seen.push(event.events_id);
      return new Response(null, { status: 204 });
    };
    const fake = await createFakeGateway({ webhookReceiver: slowFirst });
    const aptic = fakeClient(fake, { authMode: "apiKey" });
    await registerWebhook(aptic, { url: "https://erp.example/hooks", events: ["debtorupdate", "debtornamechange", "debtoridnumberchange"], secret: "s" });
    const [debtorGuid = ""] = fake.seed("debtor", [{ lastname: "Lind", idNumber: "1" }]);
    await unwrap(aptic.PUT(updateDebtor.path, { params: { path: { debtorGuid } }, body: { lastname: "Berg", idNumber: "2", juridicalType: 0 } }));
    expect(seen).toEqual(["debtorupdate", "debtornamechange", "debtoridnumberchange"]);
    expect(fake.deliveries.map((d) => d.event)).toEqual(seen);
  });

  it("only subscribed events are delivered; a sub-resource reports against its parent", async () => {
    const { fake, events, aptic } = await withReceiver("s");
    await registerWebhook(aptic, { url: "https://erp.example/hooks", events: ["debtoraddresschange"], secret: "s" });
    const [debtorGuid = ""] = fake.seed("debtor", [{}]);
    await unwrap(aptic.POST(createDebtor.path, { body: { lastname: "Not subscribed" } }));
    await unwrap(aptic.POST(createDebtorAddress.path, { params: { path: { debtorGuid } }, body: { city: "Uppsala" } }));
    expect(events.map((e) => [e.name, e.objectId])).toEqual([["debtoraddresschange", debtorGuid]]);
  });

  it("a wrong secret at the receiver is refused there (401) and logged as a failed delivery", async () => {
    const { fake, aptic, events } = await withReceiver("the-right-one");
    await registerWebhook(aptic, { url: "https://erp.example/hooks", events: ["customerinsert"], secret: "a-wrong-one" });
    await unwrap(aptic.POST(createCustomer.path, { body: { fullName: "Nordbank" } }));
    expect(events).toEqual([]);
    expect(fake.deliveries[0]).toMatchObject({ event: "customerinsert", status: 401, ok: false });
  });

  it("delivers over HTTP to a loopback receiver, and never to another host", async () => {
    const received: string[] = [];
    const handler = createWebhookHandler({ secret: "h", onEvent: (e) => void received.push(e.name) });
    const server = createServer(toNodeListener(handler));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    closers.push(() => new Promise((r) => server.close(() => r())));
    const fake = await createFakeGateway();
    const aptic = fakeClient(fake, { authMode: "apiKey" });
    await registerWebhook(aptic, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, events: ["payment"], secret: "h" });
    await registerWebhook(aptic, { url: "https://hooks.example.org/x", events: ["payment"], secret: "h" });
    const records = await fake.emit("payment", { amount: 1250.5, currencyCode: "SEK" }, { objectId: 7 });
    expect(received).toEqual(["payment"]);
    expect(records.map((r) => [r.ok, r.error ?? ""])).toEqual([
      [true, ""],
      [false, expect.stringMatching(/not a loopback address/)],
    ]);
    expect(records[0]?.body).toMatchObject({ event: { events_id: "payment", object_id: "7" }, data: { amount: 1250.5 } });
  });

  it("register/list/unregister through the API: secrets never returned, 409 for a duplicate, 422 for an unknown URL", async () => {
    const { fake, aptic } = await withReceiver("s");
    const hook = await registerWebhook(aptic, { url: "https://erp.example/a", events: ["payment", "debtorinsert"], secret: "s" });
    expect(hook).toEqual({ url: "https://erp.example/a", events: ["payment", "debtorinsert"], method: "POST" });
    const dup = await aptic.call(operations.registerWebhook, { body: { url: "https://erp.example/a", events: ["payment"] } });
    expect(dup.response.status).toBe(409);
    expect(await listWebhooks(aptic)).toEqual([{ url: "https://erp.example/a", events: ["payment", "debtorinsert"], method: "POST" }]);
    await unregisterWebhook(aptic, { url: "https://erp.example/a", events: ["payment"] });
    expect(fake.webhooks).toEqual([{ url: "https://erp.example/a", events: ["debtorinsert"], method: "POST" }]);
    await unregisterWebhook(aptic, { url: "https://erp.example/a" });
    expect(fake.webhooks).toEqual([]);
    const unknown = await aptic.call(operations.unregisterWebhook, { body: { url: "https://erp.example/a" } });
    expect(unknown.response.status).toBe(422);
    // Names are open on the wire ("Event examples"), but an event name is never empty.
    const badEvent = await aptic.call(operations.registerWebhook, { body: { url: "https://erp.example/b", events: ["" as "debtorinsert"] } });
    expect(badEvent.error).toMatchObject({ errors: { "events[0]": [expect.any(String)] } });
  });

  it("a receiver that never answers is logged as a timeout and does not hang the API call forever", async () => {
    const fake = await createFakeGateway({ webhookReceiver: () => new Promise<Response>(() => undefined), webhookTimeoutMs: 50 });
    const aptic = fakeClient(fake, { authMode: "apiKey" });
    await registerWebhook(aptic, { url: "https://erp.example/hooks", events: ["customerinsert"], secret: "s" });
    await unwrap(aptic.POST(createCustomer.path, { body: {} }));
    expect(fake.deliveries[0]).toMatchObject({ ok: false, error: "no answer within 50 ms" });
  });

  it("emit() refuses undocumented names; the mapping is documented data", async () => {
    const fake = await createFakeGateway();
    await expect(async () => fake.emit("debtorinserted" as "debtorinsert")).rejects.toThrow(/not a documented webhook event/);
    expect(WEBHOOK_EVENT_MAPPING["customer"]).toEqual({ create: ["customerinsert"], update: ["customerupdate"], delete: ["partydeleted"] });
  });
});
