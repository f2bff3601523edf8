// Registration helpers against the mock gateway (Prism on the merged spec, --errors): requests
// must satisfy the spec and documented responses must come back typed.
import { describe, expect, inject, it } from "vitest";
import { clientCredentials } from "../../src/auth/client-credentials.js";
import { createApticClient } from "../../src/client/create-client.js";
import { ApticConflictError } from "../../src/errors/api-error.js";
import { listWebhooks, registerWebhook, unregisterWebhook } from "../../src/webhooks/registration.js";

const mock = inject("mock");
const SECRET = "whsec-contract-7d3e";
const HOOK_URL = "https://hooks.example.se/aptic/debtors?tenant=nordbank";

function client() {
  const lines: string[] = [];
  const log = (_fields: unknown, message: string) => void lines.push(message);
  const aptic = createApticClient({
    baseUrl: mock.baseUrl,
    auth: clientCredentials({ clientId: mock.clientId, clientSecret: mock.clientSecret, tokenUrl: mock.tokenUrl }),
    logger: { debug: log, info: log, warn: log, error: log },
    retry: false,
  });
  return { aptic, lines };
}

describe("webhook registration against the mock gateway", () => {
  it("registers one or many events and gets the documented 201 body", async () => {
    const { aptic, lines } = client();
    const hook = await registerWebhook(aptic, {
      url: HOOK_URL,
      events: ["debtorinsert", "debtorupdate", "debtoraddresschange"],
      secret: SECRET,
      method: "POST",
    });
    expect(hook).toMatchObject({ url: expect.any(String), events: expect.arrayContaining(["debtorinsert"]) });
    expect(hook).not.toHaveProperty("secret");
    await registerWebhook(aptic, { url: HOOK_URL, events: "payment", secret: SECRET });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(SECRET);
  });

  it("lists webhooks", async () => {
    const { aptic } = client();
    const hooks = await listWebhooks(aptic);
    expect(hooks.length).toBeGreaterThan(0);
    for (const hook of hooks) expect(hook).not.toHaveProperty("secret");
  });

  it("unregisters some events, or all of them when events are omitted", async () => {
    const { aptic } = client();
    await expect(unregisterWebhook(aptic, { url: HOOK_URL, events: ["debtoraddresschange"] })).resolves.toBeUndefined();
    await expect(unregisterWebhook(aptic, { url: HOOK_URL })).resolves.toBeUndefined();
  });

  it("surfaces a documented refusal as the typed error, without the secret", async () => {
    const { aptic } = client();
    const err = await registerWebhook(aptic, { url: HOOK_URL, events: ["payment"], secret: SECRET }, { headers: { Prefer: "code=409" } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApticConflictError);
    expect(JSON.stringify(err)).not.toContain(SECRET);
    expect(String(err)).not.toContain(SECRET);
  });
});
