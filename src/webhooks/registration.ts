import type { components } from "../../generated/aptic.js";
import {
  listWebhooks as listWebhooksOperation,
  registerWebhook as registerWebhookOperation,
  unregisterWebhook as unregisterWebhookOperation,
} from "../../generated/operations.js";
import type { ApticClient } from "../client/types.js";
import { unwrap } from "../client/response.js";
import { ApticUsageError } from "../errors/aptic-error.js";
import type { ApticRequestOptions } from "../client/call-options.js";
import {
  checkAllowUnknownEvents,
  checkWebhookEvents,
  checkWebhookMethod,
  checkWebhookSecret,
  checkWebhookUrl,
  type AnyWebhookEvents,
  type WebhookEvents,
} from "./registration-input.js";
import { scrubSecret } from "./scrub-secret.js";

/**
 * A registered webhook as the gateway returns it (never with the secret).
 *
 * @example
 * ```ts
 * const hook: Webhook = { url: "https://hooks.example.se/aptic", events: ["payment"], method: "POST" };
 * ```
 */
export type Webhook = components["schemas"]["Webhook"];

/**
 * The `events` a registration takes: documented names only, or any name once the caller sets
 * `allowUnknownEvents: true` (the docs call their list "Event examples").
 *
 * @example
 * ```ts
 * const strict: EventsInput<false> = ["payment"];
 * const lenient: EventsInput<true> = ["payment", "invoicepaid"];
 * ```
 */
export type EventsInput<AllowUnknown extends boolean> = AllowUnknown extends true ? AnyWebhookEvents : WebhookEvents;

/**
 * What to register. `secret` is sent to the gateway, which returns it with every delivery; it
 * never appears in this library's logs or errors.
 *
 * @example
 * ```ts
 * const input: RegisterWebhookInput = { url: "https://hooks.example.se/aptic", events: ["debtorinsert", "payment"], secret };
 * const custom: RegisterWebhookInput<true> = { url, events: ["invoicepaid"], allowUnknownEvents: true };
 * ```
 */
export interface RegisterWebhookInput<AllowUnknown extends boolean = false> {
  /** Complete URL including protocol and optional query arguments. */
  url: string;
  /** One or more event names: documented ones, or any with `allowUnknownEvents: true`. */
  events: EventsInput<AllowUnknown>;
  /** Shared secret the gateway sends back with each delivery. Strongly recommended. */
  secret?: string;
  /** Method the gateway calls the URL with. @default "POST" (gateway default) */
  method?: string;
  /**
   * Send event names outside the documented list (same name as the receiver's option). Not
   * sent to the gateway. @default false
   */
  allowUnknownEvents?: AllowUnknown;
}

/**
 * What to unregister: a URL, and optionally only some of its events.
 *
 * @example
 * ```ts
 * const input: UnregisterWebhookInput = { url: "https://hooks.example.se/aptic", events: ["payment"] };
 * ```
 */
export interface UnregisterWebhookInput<AllowUnknown extends boolean = false> {
  url: string;
  /** Events to stop; omit to delete the webhook for all events (as documented). */
  events?: EventsInput<AllowUnknown>;
  /** Accept event names outside the documented list. Not sent to the gateway. @default false */
  allowUnknownEvents?: AllowUnknown;
}

/**
 * Per-call options of the webhook helpers (timeout, retry, abort signal, extra headers).
 *
 * @example
 * ```ts
 * await listWebhooks(aptic, { timeoutMs: 5000, signal: AbortSignal.timeout(10_000) });
 * ```
 */
export type WebhookCallOptions = ApticRequestOptions & { signal?: AbortSignal; headers?: Record<string, string> };

/**
 * Registers a webhook for one or many events. Input is validated first (ApticUsageError); a
 * gateway refusal throws the typed ApticApiError with the secret scrubbed from it. An event name
 * outside the documented list is refused unless `allowUnknownEvents: true` is given.
 *
 * @example
 * ```ts
 * const hook = await registerWebhook(aptic, {
 *   url: "https://hooks.example.se/aptic/debtors",
 *   events: ["debtorinsert", "debtoraddresschange"],
 *   secret: process.env.APTIC_WEBHOOK_SECRET,
 * });
 * // A name the docs do not list (their list is "Event examples"):
 * await registerWebhook(aptic, { url, events: ["invoicepaid"], allowUnknownEvents: true });
 * ```
 */
export async function registerWebhook<AllowUnknown extends boolean = false>(
  client: ApticClient,
  input: RegisterWebhookInput<AllowUnknown>,
  options: WebhookCallOptions = {},
): Promise<Webhook> {
  if (typeof input !== "object" || input === null) throw new ApticUsageError("registerWebhook expects { url, events, secret?, method?, allowUnknownEvents? }");
  const url = checkWebhookUrl(input.url);
  const events = checkWebhookEvents(input.events, { allowUnknownEvents: checkAllowUnknownEvents(input.allowUnknownEvents) });
  const secret = checkWebhookSecret(input.secret);
  const method = checkWebhookMethod(input.method);
  // JSON leaves out the undefined members: an absent secret or method is not sent.
  const body = { url, events, secret, method };
  try {
    return await unwrap(client.call(registerWebhookOperation, { ...options, body }));
  } catch (err) {
    throw scrubSecret(err, secret);
  }
}

/**
 * Lists the webhooks registered by the calling client id (secrets are never returned).
 *
 * @example
 * ```ts
 * for (const hook of await listWebhooks(aptic)) console.log(hook.url, hook.events);
 * ```
 */
export async function listWebhooks(client: ApticClient, options: WebhookCallOptions = {}): Promise<Webhook[]> {
  const list = await unwrap(client.call(listWebhooksOperation, options));
  return list.webHooks ?? [];
}

/**
 * Unregisters a webhook URL for the given events, or for all of them when `events` is omitted.
 *
 * @example
 * ```ts
 * await unregisterWebhook(aptic, { url: "https://hooks.example.se/aptic/debtors", events: ["debtoraddresschange"] });
 * await unregisterWebhook(aptic, { url: "https://hooks.example.se/aptic/payments" }); // all events
 * ```
 */
export async function unregisterWebhook<AllowUnknown extends boolean = false>(
  client: ApticClient,
  input: UnregisterWebhookInput<AllowUnknown>,
  options: WebhookCallOptions = {},
): Promise<void> {
  if (typeof input !== "object" || input === null) throw new ApticUsageError("unregisterWebhook expects { url, events?, allowUnknownEvents? }");
  const url = checkWebhookUrl(input.url);
  const allowUnknownEvents = checkAllowUnknownEvents(input.allowUnknownEvents);
  const events = input.events === undefined ? undefined : checkWebhookEvents(input.events, { allowUnknownEvents });
  const body: components["schemas"]["WebhookUnregistration"] = events ? { url, events } : { url };
  await unwrap(client.call(unregisterWebhookOperation, { ...options, body }));
}
