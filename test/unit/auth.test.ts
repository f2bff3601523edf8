import { describe, expect, it } from "vitest";
import { ApticAuthenticationError, ApticUnauthorizedError, ApticUsageError, createApticClient, unwrap } from "../../src/index.js";
import { fakeFetch, fakeTiming, json, problem, type Handler } from "../support/fake-fetch.js";

const BASE = "http://127.0.0.1:9";
const TOKEN_URL = "http://127.0.0.1:9/connect/token";
const creds = { clientId: "erp-client", clientSecret: "super-secret-value", tokenUrl: TOKEN_URL };

/** Routes token requests to a counter and everything else to `api`. */
function gateway(api: Handler, tokenStatus = 200, expiresIn = 3600) {
  let issued = 0;
  const fetch = fakeFetch(async (request) => {
    if (request.url === TOKEN_URL) {
      if (tokenStatus !== 200) return json(tokenStatus, { error: "invalid_client", error_description: "bad client" });
      issued += 1;
      return json(200, { access_token: `token-${issued}`, token_type: "Bearer", expires_in: expiresIn });
    }
    return api(request);
  });
  const apiCalls = () => fetch.seen.filter((s) => s.url !== TOKEN_URL);
  const tokenCalls = () => fetch.seen.filter((s) => s.url === TOKEN_URL);
  return { fetch, apiCalls, tokenCalls };
}

const ping = (aptic: ReturnType<typeof createApticClient>) => unwrap(aptic.GET("/debtors/ping"));

describe("OAuth2 client credentials", () => {
  it("sends the grant with HTTP Basic client auth and uses the token as Bearer", async () => {
    const g = gateway(() => json(200, {}));
    const aptic = createApticClient({ baseUrl: BASE, auth: creds, fetch: g.fetch });
    await ping(aptic);
    const [tokenReq] = g.tokenCalls();
    expect(tokenReq?.method).toBe("POST");
    expect(new URLSearchParams(tokenReq?.body).get("grant_type")).toBe("client_credentials");
    expect(tokenReq?.headers.get("authorization")).toBe(`Basic ${btoa("erp-client:super-secret-value")}`);
    expect(g.apiCalls()[0]?.headers.get("authorization")).toBe("Bearer token-1");
  });

  it("can send credentials in the body and a scope", async () => {
    const g = gateway(() => json(200, {}));
    const aptic = createApticClient({ baseUrl: BASE, auth: { ...creds, clientAuthMethod: "body", scope: "debtors customers" }, fetch: g.fetch });
    await ping(aptic);
    const form = new URLSearchParams(g.tokenCalls()[0]?.body);
    expect(Object.fromEntries(form)).toMatchObject({ client_id: "erp-client", client_secret: "super-secret-value", scope: "debtors customers" });
  });

  it("caches the token until expires_in minus the skew", async () => {
    const g = gateway(() => json(200, {}), 200, 600);
    const t = fakeTiming();
    const aptic = createApticClient({ baseUrl: BASE, auth: { ...creds, refreshSkewMs: 60_000 }, fetch: g.fetch, timing: t.timing });
    await ping(aptic);
    await ping(aptic);
    expect(g.tokenCalls()).toHaveLength(1);
    t.advance(539_000); // 1 s before refresh point (600 s − 60 s skew)
    await ping(aptic);
    expect(g.tokenCalls()).toHaveLength(1);
    t.advance(2000);
    await ping(aptic);
    expect(g.tokenCalls()).toHaveLength(2);
    expect(g.apiCalls().at(-1)?.headers.get("authorization")).toBe("Bearer token-2");
  });

  it("shares one in-flight token request among 50 concurrent callers", async () => {
    const g = gateway(() => json(200, {}));
    const aptic = createApticClient({ baseUrl: BASE, auth: creds, fetch: g.fetch });
    await Promise.all(Array.from({ length: 50 }, () => ping(aptic)));
    expect(g.tokenCalls()).toHaveLength(1);
    expect(g.apiCalls()).toHaveLength(50);
  });

  it("on 401 fetches exactly one fresh token and retries once (even for POST)", async () => {
    let calls = 0;
    const g = gateway(() => (++calls === 1 ? problem(401, "expired") : json(201, { debtorGuid: "x" })));
    const aptic = createApticClient({ baseUrl: BASE, auth: creds, fetch: g.fetch });
    await unwrap(aptic.POST("/debtors", { body: { firstname: "Ola" } }));
    expect(g.tokenCalls()).toHaveLength(2);
    expect(g.apiCalls().map((c) => c.headers.get("authorization"))).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("a second 401 is surfaced as ApticUnauthorizedError (no loop)", async () => {
    const g = gateway(() => problem(401, "nope"));
    const aptic = createApticClient({ baseUrl: BASE, auth: creds, fetch: g.fetch });
    await expect(ping(aptic)).rejects.toBeInstanceOf(ApticUnauthorizedError);
    expect(g.apiCalls()).toHaveLength(2);
    expect(g.tokenCalls()).toHaveLength(2);
  });

  it("a failing token endpoint gives ApticAuthenticationError without the secret", async () => {
    const g = gateway(() => json(200, {}), 401);
    const aptic = createApticClient({ baseUrl: BASE, auth: creds, fetch: g.fetch });
    const err = await ping(aptic).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticAuthenticationError);
    expect(err).toMatchObject({ status: 401, oauthError: "invalid_client" });
    expect(String((err as Error).message)).toContain("invalid_client");
    const dump = JSON.stringify(err) + String(err) + (err as Error).stack;
    expect(dump).not.toContain("super-secret-value");
    expect(g.apiCalls()).toHaveLength(0);
  });

  it("an unreachable token endpoint gives ApticAuthenticationError with a cause", async () => {
    const fetch = fakeFetch(() => Promise.reject(new TypeError("connect ECONNREFUSED")));
    const aptic = createApticClient({ baseUrl: BASE, auth: creds, fetch });
    const err = await ping(aptic).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticAuthenticationError);
    expect((err as Error).cause).toBeInstanceOf(Error);
  });

  it("reads APTIC_CLIENT_ID / APTIC_CLIENT_SECRET / APTIC_TOKEN_URL / APTIC_BASE_URL", async () => {
    const g = gateway(() => json(200, {}));
    const env = { APTIC_BASE_URL: BASE, APTIC_CLIENT_ID: "erp-client", APTIC_CLIENT_SECRET: "super-secret-value", APTIC_TOKEN_URL: TOKEN_URL };
    const aptic = createApticClient({ fetch: g.fetch, env });
    await ping(aptic);
    expect(g.apiCalls()[0]?.headers.get("authorization")).toBe("Bearer token-1");
  });
});

describe("other credentials", () => {
  it("sends a static bearer token", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    await ping(createApticClient({ baseUrl: BASE, auth: { token: "static-tok" }, fetch }));
    expect(fetch.seen[0]?.headers.get("authorization")).toBe("Bearer static-tok");
  });

  it("calls an async token function per attempt and again after a 401", async () => {
    let n = 0;
    const fetch = fakeFetch(() => problem(401, "expired"), () => json(200, {}));
    await ping(createApticClient({ baseUrl: BASE, auth: { token: async () => `fn-${++n}` }, fetch }));
    expect(fetch.seen.map((s) => s.headers.get("authorization"))).toEqual(["Bearer fn-1", "Bearer fn-2"]);
  });

  it("sends an API key in X-Api-Key or a chosen header", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    await ping(createApticClient({ baseUrl: BASE, auth: { apiKey: "k-1" }, fetch }));
    await ping(createApticClient({ baseUrl: BASE, auth: { apiKey: "k-2", header: "Ocp-Apim-Subscription-Key" }, fetch }));
    expect(fetch.seen[0]?.headers.get("x-api-key")).toBe("k-1");
    expect(fetch.seen[1]?.headers.get("ocp-apim-subscription-key")).toBe("k-2");
  });

  it("uses a custom provider, telling it to refresh after a 401", async () => {
    const calls: boolean[] = [];
    const fetch = fakeFetch(() => problem(401, "expired"), () => json(200, {}));
    const auth = ({ refresh }: { refresh: boolean }) => {
      calls.push(refresh);
      return { authorization: `Custom ${refresh ? "new" : "old"}` };
    };
    await ping(createApticClient({ baseUrl: BASE, auth, fetch }));
    expect(calls).toEqual([false, true]);
    expect(fetch.seen.map((s) => s.headers.get("authorization"))).toEqual(["Custom old", "Custom new"]);
  });

  it("rejects unknown or incomplete auth shapes at construction", () => {
    expect(() => createApticClient({ baseUrl: BASE, auth: { user: "x" } as never })).toThrow(ApticUsageError);
    expect(() => createApticClient({ baseUrl: BASE, auth: { clientId: "a", clientSecret: "", tokenUrl: TOKEN_URL } })).toThrow(/clientSecret/);
    expect(() => createApticClient({ baseUrl: BASE, auth: { ...creds, tokenUrl: "not a url" } })).toThrow(/tokenUrl/);
    expect(() => createApticClient({ baseUrl: BASE, auth: { apiKey: "" } })).toThrow(/apiKey/);
    expect(() => createApticClient({ baseUrl: BASE, auth: { token: "" } })).toThrow(/token/);
  });
});
