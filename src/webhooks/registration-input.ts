import { ApticUsageError } from "../errors/aptic-error.js";
import { isWebhookEventName, type WebhookEventName } from "./event-names.js";

/**
 * One documented event name or several (one call can subscribe to many).
 *
 * @example
 * ```ts
 * const events: WebhookEvents = ["debtorinsert", "debtoraddresschange"];
 * ```
 */
export type WebhookEvents = WebhookEventName | readonly WebhookEventName[];

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Checks a webhook target: an absolute http(s) URL (query arguments allowed, as documented).
 * Messages never show the query or user-info, in case they carry a token.
 *
 * @example
 * ```ts
 * checkWebhookUrl("https://hooks.example.se/aptic?tenant=nordbank"); // returns it unchanged
 * checkWebhookUrl("/aptic");                                          // throws ApticUsageError
 * ```
 */
export function checkWebhookUrl(url: unknown): string {
  if (typeof url !== "string" || url === "") throw new ApticUsageError("url must be a non-empty string");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Unparseable, so redactUrl cannot find query secrets: show only what precedes the query.
    // `split` with a limit of 1 always returns one element (the whole string when there is no ? or #).
    const shown = (url.split(/[?#]/, 1)[0] as string).replace(/\/\/[^/@]*@/, "//").slice(0, 100);
    throw new ApticUsageError(`url must be an absolute http(s) URL (got ${JSON.stringify(shown)}${url.length > shown.length ? " …" : ""})`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new ApticUsageError(`url must use http or https (got ${parsed.protocol})`);
  }
  return url;
}

/**
 * Event names for a caller who opted in with `allowUnknownEvents: true`: the documented names
 * (autocompleted) or any other name, since the docs call their list "Event examples".
 *
 * @example
 * ```ts
 * const events: AnyWebhookEvents = ["debtorinsert", "invoicepaid"];
 * ```
 */
export type AnyWebhookEvents = WebhookEventName | (string & {}) | readonly (WebhookEventName | (string & {}))[];

/**
 * How event names are checked: only documented names (the default), or any well-formed name
 * when the caller opts in.
 *
 * @example
 * ```ts
 * checkWebhookEvents(["invoicepaid"], { allowUnknownEvents: true }); // ["invoicepaid"]
 * ```
 */
export interface WebhookEventCheck {
  /** Accept names outside the documented list. @default false */
  allowUnknownEvents?: boolean;
}

// An undocumented name is still a name: visible ASCII without spaces, like every documented one
// (and the dotted ids of seed 004), and short enough to show in an error.
const EVENT_NAME = /^[\x21-\x7e]{1,200}$/;

/**
 * Checks event names (one or a non-empty array) and removes duplicates, keeping the caller's
 * order. Without `allowUnknownEvents` every name must be documented; with it, any non-empty name
 * of visible ASCII characters (at most 200) passes.
 *
 * @example
 * ```ts
 * checkWebhookEvents(["payment", "payment", "disbursement"]); // ["payment", "disbursement"]
 * checkWebhookEvents([]);                                    // throws ApticUsageError
 * checkWebhookEvents("invoicepaid");                          // throws ApticUsageError (undocumented)
 * checkWebhookEvents("invoicepaid", { allowUnknownEvents: true }); // ["invoicepaid"]
 * ```
 */
export function checkWebhookEvents(events: unknown, check: WebhookEventCheck = {}): string[] {
  const list: unknown[] = typeof events === "string" ? [events] : Array.isArray(events) ? events : [];
  if (list.length === 0) throw new ApticUsageError("events must be an event name or a non-empty array of them");
  for (const name of list) {
    const shown = typeof name === "string" ? JSON.stringify(name.slice(0, 64)) : typeof name;
    if (check.allowUnknownEvents === true) {
      if (typeof name !== "string" || !EVENT_NAME.test(name)) {
        throw new ApticUsageError(`Invalid webhook event name ${shown}: 1-200 visible ASCII characters, no spaces`);
      }
    } else if (!isWebhookEventName(name)) {
      throw new ApticUsageError(
        `Unknown webhook event ${shown}; see WEBHOOK_EVENT_NAMES for the documented ones, or pass allowUnknownEvents: true to send another name`,
      );
    }
  }
  return [...new Set(list as string[])];
}

/**
 * Checks the `allowUnknownEvents` option: absent or a boolean (a string "true" is a mistake,
 * not a yes).
 *
 * @example
 * ```ts
 * checkAllowUnknownEvents(undefined); // false
 * checkAllowUnknownEvents("yes");     // throws ApticUsageError
 * ```
 */
export function checkAllowUnknownEvents(value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") throw new ApticUsageError(`allowUnknownEvents must be a boolean (got ${typeof value})`);
  return value;
}

/**
 * Checks an optional registration secret (a non-empty string when given). The message never
 * contains the value.
 *
 * @example
 * ```ts
 * checkWebhookSecret(undefined); // undefined
 * checkWebhookSecret("");        // throws ApticUsageError
 * ```
 */
export function checkWebhookSecret(secret: unknown): string | undefined {
  if (secret === undefined) return undefined;
  if (typeof secret !== "string" || secret.length === 0) throw new ApticUsageError("secret must be a non-empty string when given");
  // The gateway returns it in a header of every delivery, and the receiver refuses any other.
  if (!/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(secret)) {
    throw new ApticUsageError("secret must be printable ASCII without leading or trailing spaces (it comes back in an HTTP header)");
  }
  return secret;
}

/**
 * Checks an optional delivery method (an HTTP method name) and upper-cases it.
 *
 * @example
 * ```ts
 * checkWebhookMethod("post"); // "POST"
 * ```
 */
export function checkWebhookMethod(method: unknown): string | undefined {
  if (method === undefined) return undefined;
  if (typeof method !== "string" || !TOKEN.test(method))
    throw new ApticUsageError(`method must be an HTTP method name (got ${JSON.stringify(String(method).slice(0, 32))})`);
  return method.toUpperCase();
}
