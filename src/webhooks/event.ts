import type { WebhookEventName } from "./event-names.js";

/**
 * A delivery exactly as received (parsed JSON, nothing renamed or dropped): the documented
 * envelope `{ event: { dt, events_id, object_id }, data }` plus anything extra the gateway sends.
 *
 * @example
 * ```ts
 * const raw: RawWebhookDelivery = { event: { dt: "2024-03-14T09:26:53+01:00", events_id: "payment", object_id: 42 }, data: {} };
 * ```
 */
export interface RawWebhookDelivery {
  event: { dt: string; events_id: string; object_id?: string | number; [extra: string]: unknown };
  data: Record<string, unknown>;
  [extra: string]: unknown;
}

/** Fields every parsed event has, whatever its name. */
interface WebhookEventBase {
  /**
   * When the event happened. A `Date` for easy comparison; the exact text (offset and any
   * sub-millisecond digits, which `Date` drops) stays in `dt`.
   */
  occurredAt: Date;
  /** `event.dt` as sent (RFC 3339 / ISO 8601 with an offset). */
  dt: string;
  /** `event.object_id`: the entity the event happened to (a GUID string or an integer), if sent. */
  objectId: string | number | undefined;
  /**
   * The event-specific payload, untyped on purpose: the gateway documents no per-event payload,
   * so any type here would be invented. Check what you read (e.g. `typeof data["amount"] === "number"`).
   */
  data: Record<string, unknown>;
  /** The whole delivery as received. */
  raw: RawWebhookDelivery;
}

/**
 * A parsed event of one documented name.
 *
 * @example
 * ```ts
 * function onDebtor(event: WebhookEventOf<"debtorinsert">) { console.log(event.objectId); }
 * ```
 */
export interface WebhookEventOf<N extends WebhookEventName> extends WebhookEventBase {
  /** `event.events_id`. */
  name: N;
  /** Always true here: the name is one of the documented ones. */
  known: true;
}

/**
 * A parsed webhook event: a union discriminated by `name`, so `switch (event.name)` narrows.
 * `WebhookEvent<"payment">` is the payment event only.
 *
 * @example
 * ```ts
 * function route(event: WebhookEvent) {
 *   switch (event.name) {
 *     case "debtorinsert": return createDebtor(event.objectId);
 *     case "payment": return bookPayment(event.data);
 *   }
 * }
 * ```
 */
export type WebhookEvent<N extends WebhookEventName = WebhookEventName> = N extends WebhookEventName ? WebhookEventOf<N> : never;

/**
 * An event whose name is not in the documented list; only produced with `allowUnknownEvents`.
 *
 * @example
 * ```ts
 * if (!event.known) console.info("new Aptic event type", event.name);
 * ```
 */
export interface UnknownWebhookEvent extends WebhookEventBase {
  name: string;
  known: false;
}

/**
 * Any parsed event: documented, or unknown (with `allowUnknownEvents`). Check `known` first.
 *
 * @example
 * ```ts
 * const label = (event: AnyWebhookEvent) => (event.known ? event.name : `unknown:${event.name}`);
 * ```
 */
export type AnyWebhookEvent = WebhookEvent | UnknownWebhookEvent;

/**
 * Narrows an event to one documented name. The name is checked at compile time, so a typo or an
 * undocumented event does not compile.
 *
 * @example
 * ```ts
 * if (isEvent(event, "debtoraddresschange")) await refreshAddress(event.objectId);
 * ```
 */
export function isEvent<N extends WebhookEventName>(event: AnyWebhookEvent, name: N): event is WebhookEvent<N> {
  return event.known && event.name === name;
}
