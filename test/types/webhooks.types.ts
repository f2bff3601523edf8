// Type tests for webhooks (checked by `npm run typecheck`): event names come from the spec's
// WebhookEventName enum, so an undocumented name does not compile anywhere it is accepted.
import type { components } from "../../generated/aptic.js";
import { createApticClient } from "../../src/client/create-client.js";
import { buildWebhookDelivery } from "../../src/testing/webhook-simulator.js";
import { isEvent, type AnyWebhookEvent, type WebhookEvent } from "../../src/webhooks/event.js";
import { WEBHOOK_EVENT_NAMES, type WebhookEventName } from "../../src/webhooks/event-names.js";
import { createWebhookHandler } from "../../src/webhooks/handler.js";
import { toNodeListener } from "../../src/node/webhook-listener.js";
import { registerWebhook, unregisterWebhook, type Webhook } from "../../src/webhooks/registration.js";
import type { WebhookFailureReason } from "../../src/webhooks/webhook-error.js";
import { createMemoryReplayStore, type WebhookReplayStore } from "../../src/webhooks/replay.js";

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assert = <T extends true>(): T => true as T;

const aptic = createApticClient({ baseUrl: "http://127.0.0.1:1" });
const url = "https://hooks.example.se/aptic";

export async function typeChecks(event: AnyWebhookEvent, strict: WebhookEvent): Promise<void> {
  // The runtime list and the event type are the spec's enum.
  assert<Equal<WebhookEventName, components["schemas"]["WebhookEventName"]>>();
  assert<Equal<(typeof WEBHOOK_EVENT_NAMES)[number], WebhookEventName>>();

  // Registration: one or many documented names…
  const hook: Webhook = await registerWebhook(aptic, { url, events: ["debtorinsert", "payment"], secret: "s" });
  void hook;
  await registerWebhook(aptic, { url, events: "payment" });
  await unregisterWebhook(aptic, { url });
  // @ts-expect-error — undocumented event name
  await registerWebhook(aptic, { url, events: ["debtorinsert", "debtorcreated"] });
  // @ts-expect-error — undocumented single event name
  await registerWebhook(aptic, { url, events: "paymentreceived" });
  // @ts-expect-error — events are required
  await registerWebhook(aptic, { url });
  // @ts-expect-error — undocumented event name when unregistering
  await unregisterWebhook(aptic, { url, events: ["debtorcreated"] });
  // …and any name once the caller opts in (the docs' list is "Event examples").
  await registerWebhook(aptic, { url, events: ["debtorinsert", "invoicepaid"], allowUnknownEvents: true });
  await registerWebhook(aptic, { url, events: "invoicepaid", allowUnknownEvents: true });
  await unregisterWebhook(aptic, { url, events: ["invoicepaid"], allowUnknownEvents: true });
  // @ts-expect-error — opting out keeps the documented names only
  await registerWebhook(aptic, { url, events: ["invoicepaid"], allowUnknownEvents: false });

  // isEvent narrows to the named event…
  if (isEvent(event, "debtorinsert")) {
    assert<Equal<typeof event, WebhookEvent<"debtorinsert">>>();
    assert<Equal<typeof event.name, "debtorinsert">>();
  }
  // @ts-expect-error — …and refuses an undocumented name
  isEvent(event, "debtorcreated");

  // WebhookEvent is a union discriminated by name.
  if (strict.name === "payment") assert<Equal<typeof strict, WebhookEvent<"payment">>>();
  assert<Equal<typeof strict.known, true>>();
  if (!event.known) assert<Equal<typeof event.name, string>>();
  const occurredAt: Date = strict.occurredAt;
  const objectId: string | number | undefined = strict.objectId;
  void occurredAt;
  void objectId;

  // The handler's event type follows allowUnknownEvents.
  const strictHandler = createWebhookHandler({ secret: "s", onEvent: (e) => assert<Equal<typeof e, WebhookEvent>>() && undefined });
  const lenientHandler = createWebhookHandler({
    secret: "s",
    allowUnknownEvents: true,
    onEvent: (e) => assert<Equal<typeof e, AnyWebhookEvent>>() && undefined,
  });
  const result = await strictHandler(new Request(url));
  if (result.ok) assert<Equal<typeof result.event, WebhookEvent>>();
  else assert<Equal<typeof result.error.reason, WebhookFailureReason>>();
  const lenient = await lenientHandler(new Request(url));
  if (lenient.ok) assert<Equal<typeof lenient.event, AnyWebhookEvent>>();
  // @ts-expect-error — not a handler option
  createWebhookHandler({ secret: "s", secretheader: "x" });

  // Replay protection: the result says whether the delivery was a replay; stores are structural.
  if (result.ok) assert<Equal<typeof result.replay, boolean>>();
  createWebhookHandler({ secret: "s", bodyTimeoutMs: 5_000, replay: true });
  createWebhookHandler({ secret: "s", replay: { store: createMemoryReplayStore({ maxEntries: 10 }), windowMs: 1_000, leaseMs: 500 } });
  const redisLike: WebhookReplayStore = { claim: async () => true, confirm: async () => undefined, release: async () => undefined };
  createWebhookHandler({ secret: "s", replay: { store: redisLike } });
  // @ts-expect-error — a store needs release too
  createWebhookHandler({ secret: "s", replay: { store: { claim: async () => true, confirm: async () => undefined } } });
  // @ts-expect-error — claim must resolve a boolean
  createWebhookHandler({ secret: "s", replay: { store: { ...redisLike, claim: async () => "OK" } } });

  // The Node adapter takes any handler and keeps its result type for onResult.
  toNodeListener(strictHandler, { onResult: (r) => (r.ok ? assert<Equal<typeof r.event, WebhookEvent>>() : undefined) });

  // The simulator accepts documented names and, for negative tests, any string.
  buildWebhookDelivery({ event: "debtorinsert", secret: "s" });
  buildWebhookDelivery({ event: "not-documented", secret: "s" });
}
