import type { WebhookEventName } from "../../webhooks/event-names.js";
import type { Mutation } from "./context.js";

type Action = Mutation["action"];

/**
 * Which webhook events a store change delivers, by resource (the item GET's operationId without
 * `get`). The gateway documents event names but not what triggers them; this mapping is the
 * fake's inference, chosen so each event means what its name says:
 *
 * | resource | create | update | delete | object_id |
 * | --- | --- | --- | --- | --- |
 * | debtor | debtorinsert | debtorupdate (+ debtornamechange when a name field changed, + debtoridnumberchange when idNumber changed) | debtordelete | the debtor |
 * | debtorAddress | debtoraddresschange | debtoraddresschange | debtoraddresschange | the debtor |
 * | customer | customerinsert | customerupdate | partydeleted | the customer |
 * | customerAddress | customeraddresschange | customeraddresschange | customeraddresschange | the customer |
 * | debtorExtraField, customerExtraField | extrafieldinsert | extrafieldupdate | extrafielddelete | the debtor / customer |
 * | customerParameter | partyparamupdated | partyparamupdated | partyparamupdated | the customer |
 *
 * `data` is the item after the change (before it, for a delete). Other resources deliver
 * nothing; `fake.emit()` delivers any documented event.
 *
 * @example
 * ```ts
 * WEBHOOK_EVENT_MAPPING["debtor"]?.create; // ["debtorinsert"]
 * ```
 */
export const WEBHOOK_EVENT_MAPPING: Readonly<Record<string, Readonly<Record<Action, readonly WebhookEventName[]>>>> = {
  debtor: { create: ["debtorinsert"], update: ["debtorupdate"], delete: ["debtordelete"] },
  debtorAddress: { create: ["debtoraddresschange"], update: ["debtoraddresschange"], delete: ["debtoraddresschange"] },
  customer: { create: ["customerinsert"], update: ["customerupdate"], delete: ["partydeleted"] },
  customerAddress: { create: ["customeraddresschange"], update: ["customeraddresschange"], delete: ["customeraddresschange"] },
  debtorExtraField: { create: ["extrafieldinsert"], update: ["extrafieldupdate"], delete: ["extrafielddelete"] },
  customerExtraField: { create: ["extrafieldinsert"], update: ["extrafieldupdate"], delete: ["extrafielddelete"] },
  customerParameter: { create: ["partyparamupdated"], update: ["partyparamupdated"], delete: ["partyparamupdated"] },
};

const NAME_FIELDS = ["fullName", "firstname", "middlename", "lastname", "nameSuffix"];

/** One event to deliver for a mutation. */
export interface PlannedEvent {
  event: WebhookEventName;
  objectId: string;
  data: Record<string, unknown>;
}

/**
 * The events one store change delivers, per {@link WEBHOOK_EVENT_MAPPING}.
 *
 * @example
 * ```ts
 * eventsFor(mutation); // [{ event: "debtorinsert", objectId: "3f2c…", data: { … } }]
 * ```
 */
export function eventsFor(mutation: Mutation): PlannedEvent[] {
  const names = [...(WEBHOOK_EVENT_MAPPING[mutation.resource.name]?.[mutation.action] ?? [])];
  if (mutation.resource.name === "debtor" && mutation.action === "update" && mutation.before) {
    const before = mutation.before;
    if (NAME_FIELDS.some((f) => before[f] !== mutation.item[f])) names.push("debtornamechange");
    if (before["idNumber"] !== mutation.item["idNumber"]) names.push("debtoridnumberchange");
  }
  // Sub-resources report the change against the entity they belong to.
  const objectId = mutation.parents.at(-1) ?? mutation.id;
  return names.map((event) => ({ event, objectId, data: structuredClone(mutation.item) }));
}
