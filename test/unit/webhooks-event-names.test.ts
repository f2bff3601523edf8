// Spec and runtime cannot drift: the runtime list must equal the WebhookEventName enum of the
// merged spec exactly (same names, same order). The type-level half lives in event-names.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isWebhookEventName, WEBHOOK_EVENT_NAMES } from "../../src/webhooks/event-names.js";

const spec = parse(readFileSync(new URL("../../generated/aptic.openapi.yaml", import.meta.url), "utf8")) as {
  components: { schemas: { WebhookEventName: { enum: string[] } } };
};

describe("WEBHOOK_EVENT_NAMES", () => {
  it("equals the WebhookEventName enum in generated/aptic.openapi.yaml exactly", () => {
    expect([...WEBHOOK_EVENT_NAMES]).toEqual(spec.components.schemas.WebhookEventName.enum);
  });

  it("has no duplicates and is frozen", () => {
    expect(new Set(WEBHOOK_EVENT_NAMES).size).toBe(WEBHOOK_EVENT_NAMES.length);
    expect(Object.isFrozen(WEBHOOK_EVENT_NAMES)).toBe(true);
  });

  it("backs isWebhookEventName", () => {
    expect(WEBHOOK_EVENT_NAMES.every((name) => isWebhookEventName(name))).toBe(true);
    for (const value of ["debtorcreated", "DebtorInsert", "", 1, null, undefined, "toString", "__proto__"]) {
      expect(isWebhookEventName(value)).toBe(false);
    }
  });
});
