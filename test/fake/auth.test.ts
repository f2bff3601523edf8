// The fake's OAuth2 token endpoint and API-key auth: what real servers accept and refuse, token
// lifetimes that make the client's refresh paths testable, and no secret in the request log.
import { describe, expect, it } from "vitest";
import { ApticTokenError, ApticUnauthorizedError, unwrap } from "../../src/index.js";
import { invokeCallbackGet, invokeCallbackPost, pingDebtors, registerWebhook } from "../../src/operations/index.js";
import { createFakeGateway, createTestClock, type FakeGateway } from "../../src/testing/index.js";
import { pathOf } from "../support/operation-url.js";
import { fakeClient } from "./support/client.js";

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
function tokenRequest(fake: FakeGateway, body: string, headers: Record<string, string> = {}) {
  return fake.fetch(fake.tokenUrl, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", ...headers } });
}
const basic = (id: string, secret: string) => `Basic ${btoa(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)}`;

describe("token endpoint", () => {
  it("issues a bearer token for the right client (Basic or form body) with the configured lifetime", async () => {
    const fake = await createFakeGateway({ tokenLifetimeSeconds: 120 });
    const viaBasic = await tokenRequest(fake, form({ grant_type: "client_credentials" }), { authorization: basic(fake.clientId, fake.clientSecret) });
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.headers.get("cache-control")).toBe("no-store");
    expect(await viaBasic.json()).toMatchObject({ token_type: "Bearer", expires_in: 120, access_token: expect.stringMatching(/^fake-token-/) });
    const viaBody = await tokenRequest(fake, form({ grant_type: "client_credentials", client_id: fake.clientId, client_secret: fake.clientSecret }));
    expect(viaBody.status).toBe(200);
    expect(fake.tokensIssued).toBe(2);
  });

  it("decodes Basic credentials as RFC 6749 Appendix B says (form-encoded first)", async () => {
    const fake = await createFakeGateway({ clientId: "erp client", clientSecret: "p@ss+wörd%&=" });
    const res = await tokenRequest(fake, form({ grant_type: "client_credentials" }), {
      authorization: `Basic ${btoa(unescape(encodeURIComponent(`${form({ a: "erp client" }).slice(2)}:${form({ a: "p@ss+wörd%&=" }).slice(2)}`)))}`,
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ["a wrong secret", form({ grant_type: "client_credentials" }), { authorization: basic("fake-client", "wrong") }, 401, "invalid_client"],
    ["an unknown client", form({ grant_type: "client_credentials", client_id: "x", client_secret: "y" }), {}, 401, "invalid_client"],
    ["another grant type", form({ grant_type: "password" }), {}, 400, "unsupported_grant_type"],
    [
      "two client authentication methods",
      form({ grant_type: "client_credentials", client_id: "fake-client" }),
      { authorization: basic("fake-client", "x") },
      400,
      "invalid_request",
    ],
    ["a malformed Basic header", form({ grant_type: "client_credentials" }), { authorization: "Basic %%%" }, 400, "invalid_request"],
    ["a JSON body", JSON.stringify({ grant_type: "client_credentials" }), { "content-type": "application/json" }, 400, "invalid_request"],
  ])("refuses %s", async (_, body, headers, status, error) => {
    const fake = await createFakeGateway();
    const res = await tokenRequest(fake, body, headers);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error });
    expect(fake.tokensIssued).toBe(0);
  });

  it("a client with the wrong secret gets ApticTokenError and no API call is made", async () => {
    const fake = await createFakeGateway();
    const aptic = fakeClient(
      Object.assign(Object.create(fake) as FakeGateway, { clientSecret: "wrong", fetch: fake.fetch, tokenUrl: fake.tokenUrl, clientId: fake.clientId }),
    );
    await expect(unwrap(aptic.GET(pingDebtors.path))).rejects.toBeInstanceOf(ApticTokenError);
    expect(fake.requests.map((r) => r.operationId)).toEqual(["token"]);
  });
});

describe("API calls", () => {
  it("need a live token or the API key; anything else is the documented 401", async () => {
    const fake = await createFakeGateway();
    const ping = (headers: Record<string, string>) => fake.fetch(`${fake.baseUrl}${pingDebtors.path}`, { headers });
    expect((await ping({})).status).toBe(401);
    expect((await ping({ authorization: "Bearer made-up" })).status).toBe(401);
    expect((await ping({ [fake.apiKeyHeader]: "wrong" })).status).toBe(401);
    expect((await ping({ [fake.apiKeyHeader]: fake.apiKey })).status).toBe(200);
    const unauthorized = await ping({});
    expect(unauthorized.headers.get("www-authenticate")).toBe("Bearer");
    expect(await unauthorized.json()).toMatchObject({ status: 401, title: "Unauthorized" });
  });

  it("tokens expire on the fake's clock: the client refreshes before expiry without a 401", async () => {
    const clock = createTestClock();
    const fake = await createFakeGateway({ clock, tokenLifetimeSeconds: 60 });
    const aptic = fakeClient(fake, { timing: clock });
    await unwrap(aptic.GET(pingDebtors.path));
    clock.advance(61_000);
    await unwrap(aptic.GET(pingDebtors.path));
    expect(fake.tokensIssued).toBe(2);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it("an expired token the client still sends is refused with invalid_token (the 401 → refresh path)", async () => {
    const clock = createTestClock();
    const fake = await createFakeGateway({ clock, tokenLifetimeSeconds: 60 });
    const aptic = fakeClient(fake); // real time on the client: it believes its token is fresh
    await unwrap(aptic.GET(pingDebtors.path));
    clock.advance(61_000);
    await unwrap(aptic.GET(pingDebtors.path));
    expect(fake.requests.map((r) => `${r.operationId}:${r.status}`)).toEqual([
      "token:200",
      "pingDebtors:200",
      "pingDebtors:401",
      "token:200",
      "pingDebtors:200",
    ]);
  });

  it("revokeTokens() makes the next call 401; a second 401 after refresh surfaces as ApticUnauthorizedError", async () => {
    const fake = await createFakeGateway();
    const aptic = fakeClient(fake);
    await unwrap(aptic.GET(pingDebtors.path));
    fake.revokeTokens();
    fake.failNext({ operationId: "pingDebtors", status: 401, times: 2 });
    await expect(unwrap(aptic.GET(pingDebtors.path))).rejects.toBeInstanceOf(ApticUnauthorizedError);
  });

  it("callbacks may be called anonymously (documented), but wrong credentials are still refused", async () => {
    const fake = await createFakeGateway();
    fake.defineCallback("paymentNotification", () => ({ ok: true }));
    const url = fake.baseUrl + pathOf(invokeCallbackGet, { callbackName: "paymentNotification" });
    expect((await fake.fetch(url)).status).toBe(200);
    expect((await fake.fetch(url, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
  });
});

describe("the request log never holds a secret", () => {
  it("redacts authorization, the API key, the client secret and webhook secrets", async () => {
    const fake = await createFakeGateway();
    await unwrap(fakeClient(fake).call(registerWebhook, { body: { url: "http://127.0.0.1:9/hook", events: ["debtorinsert"], secret: "hook-secret-123" } }));
    await unwrap(fakeClient(fake, { authMode: "apiKey" }).GET(pingDebtors.path));
    await tokenRequest(fake, form({ grant_type: "client_credentials", client_id: fake.clientId, client_secret: fake.clientSecret }));
    const logged = JSON.stringify(fake.requests);
    for (const secret of [fake.clientSecret, fake.apiKey, "hook-secret-123", encodeURIComponent(fake.clientSecret)]) expect(logged).not.toContain(secret);
    expect(fake.requests[0]?.headers["authorization"]).toBe("Basic [redacted]");
    expect(fake.requests.of("registerWebhook")[0]?.body).toMatchObject({ secret: "[redacted]", url: "http://127.0.0.1:9/hook" });
    expect(fake.requests.of("token").at(-1)?.body).toMatchObject({ client_secret: "[redacted]", client_id: fake.clientId });
    expect(JSON.stringify(fake.webhooks)).not.toContain("hook-secret-123");
  });

  it("redacts credential-like query parameters and secrets echoed into any JSON body field", async () => {
    const fake = await createFakeGateway();
    fake.defineCallback("Hook", () => ({}));
    await fake.fetch(`${fake.baseUrl}${pathOf(invokeCallbackPost, { callbackName: "Hook" })}?access_token=tok-123&api_key=key-456&source=erp`, {
      method: "POST",
      body: JSON.stringify({ nested: [{ password: "pw-789" }] }),
      headers: { "content-type": "application/json" },
    });
    const [entry] = fake.requests;
    expect(entry?.query).toEqual({ access_token: "[redacted]", api_key: "[redacted]", source: "erp" });
    expect(entry?.body).toEqual({ nested: [{ password: "[redacted]" }] });
    expect(JSON.stringify(fake.requests)).not.toMatch(/tok-123|key-456|pw-789/);
  });
});
