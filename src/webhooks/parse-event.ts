import type { AnyWebhookEvent, RawWebhookDelivery } from "./event.js";
import { isWebhookEventName } from "./event-names.js";
import { ApticWebhookError } from "./webhook-error.js";
import { nestsDeeperThan } from "./json-depth.js";

/** Deepest accepted nesting of the whole body; documented deliveries use fewer than 10 levels. */
export const MAX_JSON_DEPTH = 100;

/** RFC 3339 date-time (OpenAPI `format: date-time`): an offset is required, any fraction digits. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

const malformed = (message: string, cause?: unknown) => new ApticWebhookError("malformed", message, cause === undefined ? undefined : { cause });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Parses an RFC 3339 date-time into a Date, or undefined. Every field is range-checked here
 * (engines' Date parsers differ in what they tolerate, e.g. hour 24 or a lower-case "z"), the
 * fraction is cut to milliseconds (the docs show microseconds), and impossible calendar dates such
 * as 30 February are refused rather than rolled over. Leap seconds (:60) cannot be represented
 * and are refused.
 *
 * @example
 * ```ts
 * parseDateTime("2022-01-24T15:44:47.216756+00:00")?.toISOString(); // "2022-01-24T15:44:47.216Z"
 * ```
 */
export function parseDateTime(text: string): Date | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 9, 10].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return undefined; // rolled over: 30 February, 31 April, day 00
  date.setUTCHours(hour, minute, second, Number((m[7] ?? "").padEnd(3, "0").slice(0, 3)));
  const offset = (m[8] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return new Date(date.getTime() - offset * 60_000);
}

/**
 * Parses a delivery body into a typed event. Throws {@link ApticWebhookError}: `malformed` for
 * invalid JSON, JSON nested deeper than 100 levels, or an envelope that breaks
 * the documented shape, `unknown_event` for an
 * undocumented `events_id` unless `allowUnknownEvents` is set.
 *
 * @example
 * ```ts
 * const event = parseWebhookEvent('{"event":{"dt":"2024-03-14T09:26:53+01:00","events_id":"payment","object_id":7},"data":{}}');
 * event.name; // "payment"
 * ```
 */
export function parseWebhookEvent(body: string, options: { allowUnknownEvents?: boolean } = {}): AnyWebhookEvent {
  if (body.trim() === "") throw malformed("Webhook body is empty (in Express, mount the handler without express.json() in front of it)");
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) throw malformed(`Webhook body nests deeper than ${MAX_JSON_DEPTH} levels`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw malformed("Webhook body is not valid JSON", err);
  }
  if (!isObject(parsed)) throw malformed("Webhook body must be a JSON object");
  const { event, data } = parsed;
  if (!isObject(event)) throw malformed("Webhook body has no `event` object");
  if (!isObject(data)) throw malformed("Webhook body has no `data` object");

  const { dt, events_id: name, object_id: objectId } = event;
  if (typeof name !== "string" || name === "") throw malformed("`event.events_id` must be a non-empty string");
  if (typeof dt !== "string") throw malformed("`event.dt` must be a date-time string");
  const occurredAt = parseDateTime(dt);
  if (!occurredAt) throw malformed("`event.dt` is not an RFC 3339 date-time with an offset");
  if (objectId !== undefined && typeof objectId !== "string" && !Number.isSafeInteger(objectId)) {
    throw malformed("`event.object_id` must be a string or an integer");
  }

  const raw = parsed as RawWebhookDelivery;
  const base = { occurredAt, dt, objectId: objectId as string | number | undefined, data, raw };
  if (isWebhookEventName(name)) return { ...base, name, known: true } as AnyWebhookEvent;
  if (options.allowUnknownEvents) return { ...base, name, known: false };
  // The name came from an authenticated sender, but is still cut short before it is echoed.
  throw new ApticWebhookError("unknown_event", `Unknown webhook event ${JSON.stringify(name.slice(0, 64))}`);
}
