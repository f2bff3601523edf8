// Every optional option of the testing kit and the replay store takes an explicit `undefined`
// (what `exactOptionalPropertyTypes` code passes for an unset variable) as "not given".
import { describe, expect, it } from "vitest";
import { createFakeGateway } from "../../src/testing/index.js";
import { buildWebhookDelivery } from "../../src/testing/webhook-simulator.js";
import { createWebhookHandler } from "../../src/webhooks/handler.js";
import { createMemoryReplayStore } from "../../src/webhooks/replay.js";
import { pingDebtors } from "../../src/operations/index.js";

describe("explicit undefined options", () => {
  it("createFakeGateway takes them as its defaults", async () => {
    const fake = await createFakeGateway({
      baseUrl: undefined,
      clientId: undefined,
      clientSecret: undefined,
      apiKey: undefined,
      tokenLifetimeSeconds: undefined,
      clock: undefined,
      strict: undefined,
      webhookReceiver: undefined,
      webhookSecretHeader: undefined,
      webhookTimeoutMs: undefined,
      createId: undefined,
      routes: undefined,
    });
    expect(fake.baseUrl).toBe("https://gateway.aptic.test");
    expect(fake.clientId).toBe("fake-client");
    const [id = ""] = fake.seed("debtor", [{ lastname: "Berg" }]);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    fake.failNext({ operationId: undefined, path: undefined, method: undefined, times: undefined, status: 503, retryAfter: undefined, headers: undefined });
    expect(fake.pendingFaults()).toBe(1);
    const answer = await fake.fetch(`${fake.baseUrl}${pingDebtors.path}`, { headers: { [fake.apiKeyHeader]: fake.apiKey } });
    expect([answer.status, answer.headers.has("retry-after"), fake.pendingFaults()]).toEqual([503, false, 0]);
  });

  it("the replay options, the memory store and the simulated delivery take them too", async () => {
    const store = createMemoryReplayStore({ maxEntries: undefined, now: undefined });
    const handler = createWebhookHandler({ secret: "s3cret", replay: { store, windowMs: undefined, leaseMs: undefined } });
    const delivery = buildWebhookDelivery({
      event: "payment",
      secret: "s3cret",
      objectId: undefined,
      data: undefined,
      dt: undefined,
      secretHeader: undefined,
      headers: undefined,
    });
    expect(await handler(delivery.request("http://127.0.0.1/aptic/webhooks"))).toMatchObject({ ok: true, replay: false });
    expect(await handler(delivery.request("http://127.0.0.1/aptic/webhooks"))).toMatchObject({ ok: true, replay: true });
  });
});
