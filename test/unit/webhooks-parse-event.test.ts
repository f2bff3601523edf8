// parseWebhookEvent and parseDateTime on their own: every envelope rule with its message, and the
// RFC 3339 date-time grammar at each of its boundaries.
import { describe, expect, it } from "vitest";
import { parseDateTime, parseWebhookEvent } from "../../src/webhooks/parse-event.js";
import { ApticWebhookError } from "../../src/webhooks/webhook-error.js";

const iso = (text: string) => parseDateTime(text)?.toISOString();

describe("parseDateTime", () => {
  it.each([
    ["2024-03-14T09:26:53Z", "2024-03-14T09:26:53.000Z"],
    ["2024-03-14t09:26:53z", "2024-03-14T09:26:53.000Z"],
    ["2024-03-14T09:26:53+01:00", "2024-03-14T08:26:53.000Z"],
    ["2024-03-14T09:26:53-05:30", "2024-03-14T14:56:53.000Z"],
    ["2024-03-14T09:26:53+23:59", "2024-03-13T09:27:53.000Z"],
    ["2024-03-14T09:26:53.5Z", "2024-03-14T09:26:53.500Z"],
    ["2024-03-14T09:26:53.05Z", "2024-03-14T09:26:53.050Z"],
    ["2022-01-24T15:44:47.216756+00:00", "2022-01-24T15:44:47.216Z"],
    ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
    ["2024-01-31T23:59:59Z", "2024-01-31T23:59:59.000Z"],
    ["2024-12-01T00:00:00Z", "2024-12-01T00:00:00.000Z"],
    ["0050-06-15T12:00:00Z", "0050-06-15T12:00:00.000Z"],
  ])("reads %s as %s", (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each([
    "2024-00-14T09:26:53Z",
    "2024-13-14T09:26:53Z",
    "2024-03-00T09:26:53Z",
    "2024-02-30T09:26:53Z",
    "2023-02-29T09:26:53Z",
    "2024-04-31T09:26:53Z",
    "2024-03-14T24:00:00Z",
    "2024-03-14T09:60:00Z",
    "2024-03-14T09:26:60Z",
    "2024-03-14T09:26:53+24:00",
    "2024-03-14T09:26:53+01:60",
    "2024-03-14T09:26:53",
    "2024-03-14 09:26:53Z",
    "2024-03-14T09:26:53.Z",
    "x2024-03-14T09:26:53Z",
    "2024-03-14T09:26:53Zx",
    "2024-03-14T09:26:53+0100",
    "",
  ])("refuses %j", (text) => {
    expect(parseDateTime(text)).toBeUndefined();
  });
});

describe("parseWebhookEvent messages", () => {
  const fail = (body: string, options?: { allowUnknownEvents?: boolean }) => {
    try {
      parseWebhookEvent(body, options);
    } catch (err) {
      expect(err).toBeInstanceOf(ApticWebhookError);
      return err as ApticWebhookError;
    }
    throw new Error("expected a rejection");
  };
  const env = (event: Record<string, unknown>) => JSON.stringify({ event: { dt: "2024-03-14T09:26:53Z", events_id: "payment", ...event }, data: {} });

  it.each([
    ["", "Webhook body is empty (in Express, mount the handler without express.json() in front of it)"],
    [" \n\t ", "Webhook body is empty (in Express, mount the handler without express.json() in front of it)"],
    ["{", "Webhook body is not valid JSON"],
    ["[]", "Webhook body must be a JSON object"],
    ["null", "Webhook body must be a JSON object"],
    ['"x"', "Webhook body must be a JSON object"],
    ['{"data":{}}', "Webhook body has no `event` object"],
    ['{"event":[],"data":{}}', "Webhook body has no `event` object"],
    ['{"event":{}}', "Webhook body has no `data` object"],
    ['{"event":{},"data":null}', "Webhook body has no `data` object"],
    [env({ events_id: "" }), "`event.events_id` must be a non-empty string"],
    [env({ events_id: 5 }), "`event.events_id` must be a non-empty string"],
    [env({ dt: 5 }), "`event.dt` must be a date-time string"],
    [env({ dt: "2024-02-30T00:00:00Z" }), "`event.dt` is not an RFC 3339 date-time with an offset"],
    [env({ object_id: 1.5 }), "`event.object_id` must be a string or an integer"],
    [env({ object_id: 2 ** 53 }), "`event.object_id` must be a string or an integer"],
    [env({ object_id: null }), "`event.object_id` must be a string or an integer"],
  ])("%j → %s", (body, message) => {
    const error = fail(body);
    expect([error.reason, error.message]).toEqual(["malformed", message]);
  });

  it("keeps the SyntaxError as the cause of invalid JSON, and no cause otherwise", () => {
    expect(fail("{").cause).toBeInstanceOf(SyntaxError);
    const shape = fail("[]");
    expect(shape.cause).toBeUndefined();
    expect("cause" in shape).toBe(false);
  });

  it("quotes an unknown event name cut to 64 characters", () => {
    const long = "x".repeat(100);
    const error = fail(env({ events_id: long }));
    expect(error.reason).toBe("unknown_event");
    expect(error.message).toBe(`Unknown webhook event "${"x".repeat(64)}"`);
    expect(fail(env({ events_id: 'a"b' })).message).toBe('Unknown webhook event "a\\"b"');
  });

  it("returns known and unknown events with all fields", () => {
    const body = JSON.stringify({ event: { dt: "2024-03-14T09:26:53Z", events_id: "payment", object_id: "g-1" }, data: { a: 1 } });
    const event = parseWebhookEvent(body);
    expect(event).toEqual({
      occurredAt: new Date("2024-03-14T09:26:53Z"),
      dt: "2024-03-14T09:26:53Z",
      objectId: "g-1",
      data: { a: 1 },
      raw: JSON.parse(body),
      name: "payment",
      known: true,
    });
    const unknown = parseWebhookEvent(env({ events_id: "brandnew", object_id: 7 }), { allowUnknownEvents: true });
    expect(unknown).toMatchObject({ name: "brandnew", known: false, objectId: 7 });
    expect(fail(env({ events_id: "brandnew" }), { allowUnknownEvents: false }).reason).toBe("unknown_event");
  });
});
