import type { components } from "../../generated/aptic.js";

/**
 * A documented webhook event name (the spec's `WebhookEventName` enum, from the registration
 * docs' "Event examples").
 *
 * @example
 * ```ts
 * const events: WebhookEventName[] = ["debtorinsert", "payment"];
 * ```
 */
export type WebhookEventName = components["schemas"]["WebhookEventName"];

// Spec order, so the drift test can compare the list with the enum exactly.
const NAMES = [
  "appsrvstartup",
  "appsrvpause",
  "appsrvshutdown",
  "procsrvstartup",
  "procsrvpause",
  "procsrvshutdown",
  "refreshcache",
  "setserverdate",
  "userlogin",
  "userlogout",
  "userloginfailed",
  "jobcomplete",
  "jobfailed",
  "logfileinsert",
  "activityloginsert",
  "accountinsert",
  "accountupdate",
  "accountclose",
  "accountrevoke",
  "accountdelete",
  "debtinsert",
  "debtupdate",
  "debtdelete",
  "payment",
  "disbursement",
  "debtorinsert",
  "debtorupdate",
  "debtordelete",
  "debtoridnumberchange",
  "debtornamechange",
  "debtoraddresschange",
  "debtormerge",
  "customerinsert",
  "customerupdate",
  "customeraddresschange",
  "partydeleted",
  "partyblocked",
  "partyunblocked",
  "partyinsert",
  "transaction",
  "extrafieldinsert",
  "extrafieldupdate",
  "extrafielddelete",
  "ledgerrespiteinsert",
  "ledgerrespitedelete",
  "collectionrespiteinsert",
  "collectionrespitedelete",
  "userinsert",
  "userupdate",
  "userdelete",
  "paymentplanactivated",
  "paymentplandeactivated",
  "paymentplanbroken",
  "paymentplanfinished",
  "letterprocessed",
  "actionperformed",
  "linkprocesscompleted",
  "creditdebtinsert",
  "creditdebtupdate",
  "creditdebtdelete",
  "cardinsert",
  "cardupdate",
  "carddelete",
  "creditdebtpledgeinsert",
  "creditdebtpledgeupdate",
  "creditdebtpledgedelete",
  "campaigninsert",
  "campaignupdate",
  "campaigndelete",
  "approvedjournal",
  "creditdebtinsurancenew",
  "creditdebtinsuranceupdate",
  "creditdebtinsurancestatuschanged",
  "conversationduedatepass",
  "notificationduedatepass",
  "conversationinsert",
  "conversationnewmessage",
  "conversationclosure",
  "conversationreplied",
  "partyparamupdated",
  "ledgerpayment",
  "newcreditorfee",
  "newcreditorhistorynote",
  "defray",
  "statuschange",
  "purchase",
  "recourse",
  "creditdebtserviceinsert",
  "creditdebtserviceactivate",
  "creditdebtserviceupdate",
  "creditdebtservicedelete",
] as const satisfies readonly WebhookEventName[];

// Compile-time half of the drift guard: a name added to the spec but not here fails typecheck
// (the unit test checks the runtime half: same names, same order, nothing extra).
type Missing = Exclude<WebhookEventName, (typeof NAMES)[number]>;
// Stryker disable next-line BooleanLiteral: a type-level check; the value is never read at run time.
const exhaustive: [Missing] extends [never] ? true : Missing = true;
void exhaustive;

/**
 * Every documented webhook event name, in spec order, at runtime (frozen).
 *
 * @example
 * ```ts
 * const debtorEvents = WEBHOOK_EVENT_NAMES.filter((name) => name.startsWith("debtor"));
 * ```
 */
export const WEBHOOK_EVENT_NAMES: readonly WebhookEventName[] = Object.freeze([...NAMES]);

const KNOWN: ReadonlySet<string> = new Set(WEBHOOK_EVENT_NAMES);

/**
 * Whether a value is a documented webhook event name.
 *
 * @example
 * ```ts
 * isWebhookEventName("debtorinsert"); // true
 * isWebhookEventName("debtorcreated"); // false
 * ```
 */
export function isWebhookEventName(value: unknown): value is WebhookEventName {
  // A Set of strings never has a non-string, so no typeof check is needed before has().
  return (KNOWN as ReadonlySet<unknown>).has(value);
}
