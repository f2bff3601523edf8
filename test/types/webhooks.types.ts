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
import type { WebhookToleranceOptions, WebhookVerifier, WebhookVerifyInput } from "../../src/webhooks/handler-options.js";
import { createWebhookHandlerFromEnv, webhookSecretFromEnv } from "../../src/webhooks/from-env.js";

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

  // event.data stays untyped (the gateway documents no per-event payload): no invented fields.
  assert<Equal<typeof strict.data, Record<string, unknown>>>();
  if (isEvent(event, "payment")) assert<Equal<typeof event.data, Record<string, unknown>>>();

  // Authentication: exactly one of secret or verify; a verifier decides with a boolean.
  const verify: WebhookVerifier = async ({ headers, body }) => headers.get("x-signature") === body.length.toString(16);
  createWebhookHandler({ verify });
  createWebhookHandler({ verify: () => true, replay: true, tolerance: { pastMs: 1_000, futureMs: 0 } });
  // @ts-expect-error — neither a secret nor a verifier
  createWebhookHandler({ replay: true });
  // @ts-expect-error — both a secret and a verifier
  createWebhookHandler({ secret: "s", verify });
  // @ts-expect-error — secretHeader belongs to the secret check
  createWebhookHandler({ verify, secretHeader: "x-sig" });
  // @ts-expect-error — a verifier resolves a boolean, not the signature
  createWebhookHandler({ verify: () => "sig" });
  assert<Equal<Parameters<WebhookVerifier>[0], WebhookVerifyInput>>();
  assert<Equal<WebhookVerifyInput["body"], string>>();

  // Tolerance: true/false or the two limits; the failure reasons name the new checks.
  createWebhookHandler({ secret: "s", tolerance: true });
  createWebhookHandler({ secret: "s", tolerance: false, replay: true });
  // @ts-expect-error — not a tolerance limit
  createWebhookHandler({ secret: "s", tolerance: { past: 1_000 } });
  // @ts-expect-error — a limit is a number of ms
  createWebhookHandler({ secret: "s", tolerance: { pastMs: "24h" } });
  const tolerance: WebhookToleranceOptions = { pastMs: undefined, futureMs: 5 };
  void tolerance;
  assert<Equal<Extract<WebhookFailureReason, "timestamp" | "bad_signature">, "timestamp" | "bad_signature">>();

  // Every optional option takes an explicit undefined (exactOptionalPropertyTypes).
  createWebhookHandler({ secret: "s", secretHeader: undefined, replay: undefined, tolerance: undefined, onEvent: undefined, methods: undefined });

  // From the environment: the secret is a string (or it threw); the common options stay typed.
  const envSecret: string = webhookSecretFromEnv({ APTIC_WEBHOOK_SECRET: "s" });
  void envSecret;
  const fromEnv = createWebhookHandlerFromEnv({ allowUnknownEvents: true, replay: true });
  const fromEnvResult = await fromEnv(new Request(url));
  if (fromEnvResult.ok) assert<Equal<typeof fromEnvResult.event, AnyWebhookEvent>>();
  // @ts-expect-error — the secret comes from the environment, not the options
  createWebhookHandlerFromEnv({ secret: "s" });
  // @ts-expect-error — the environment is a record of strings
  webhookSecretFromEnv({ APTIC_WEBHOOK_SECRET: 5 });

  // The simulator accepts documented names and, for negative tests, any string.
  buildWebhookDelivery({ event: "debtorinsert", secret: "s" });
  buildWebhookDelivery({ event: "not-documented", secret: "s" });
}
