import { describe, expect, it, vi } from "vitest";
import {
  apiKey,
  ApticConnectionError,
  ApticTimeoutError,
  ApticTokenError,
  ApticUnauthorizedError,
  ApticUsageError,
  bearer,
  clientCredentials,
  createApticClient,
  createApticClientFromEnv,
  unwrap,
  type ApticClient,
} from "../../src/index.js";
import { fakeFetch, fakeTiming, hangingFetch, json, problem, type Handler } from "../support/fake-fetch.js";
import { createDebtor, pingDebtors } from "../../src/operations/index.js";

const BASE = "http://127.0.0.1:9";
const TOKEN_URL = "http://127.0.0.1:9/connect/token";
const SECRET = "super-secret-value";
const creds = { clientId: "erp-client", clientSecret: SECRET, tokenUrl: TOKEN_URL };

/** Routes token requests to a counter and everything else to `api`. A refusal echoes the secret back. */
function gateway(api: Handler, tokenStatus = 200, expiresIn = 3600) {
  let issued = 0;
  const fetch = fakeFetch(async (request, init) => {
    if (request.url === TOKEN_URL) {
      if (tokenStatus !== 200) return json(tokenStatus, { error: "invalid_client", error_description: `bad client ${SECRET}` });
      issued += 1;
      return json(200, { access_token: `token-${issued}`, token_type: "Bearer", expires_in: expiresIn });
    }
    return api(request, init);
  });
  const apiCalls = () => fetch.seen.filter((s) => s.url !== TOKEN_URL);
  const tokenCalls = () => fetch.seen.filter((s) => s.url === TOKEN_URL);
  return { fetch, apiCalls, tokenCalls };
}

const ping = (aptic: ApticClient) => unwrap(aptic.GET(pingDebtors.path));

describe("OAuth2 client credentials", () => {
  it("sends the grant with HTTP Basic client auth and uses the token as Bearer", async () => {
    const g = gateway(() => json(200, {}));
    const aptic = createApticClient({ baseUrl: BASE, auth: clientCredentials(creds), fetch: g.fetch });
    await ping(aptic);
    const [tokenReq] = g.tokenCalls();
    expect(tokenReq?.method).toBe("POST");
    expect(new URLSearchParams(tokenReq?.body).get("grant_type")).toBe("client_credentials");
    expect(tokenReq?.headers.get("authorization")).toBe(`Basic ${btoa(`erp-client:${SECRET}`)}`);
    expect(new URLSearchParams(tokenReq?.body).has("client_secret")).toBe(false);
    expect(g.apiCalls()[0]?.headers.get("authorization")).toBe("Bearer token-1");
  });

  it("can send credentials in the body and a scope", async () => {
    const g = gateway(() => json(200, {}));
    const aptic = createApticClient({
      baseUrl: BASE,
      auth: clientCredentials({ ...creds, clientAuthMethod: "body", scope: "debtors customers" }),
      fetch: g.fetch,
    });
    await ping(aptic);
    const form = new URLSearchParams(g.tokenCalls()[0]?.body);
    expect(Object.fromEntries(form)).toMatchObject({ client_id: "erp-client", client_secret: SECRET, scope: "debtors customers" });
    expect(g.tokenCalls()[0]?.headers.get("authorization")).toBeNull();
  });

  it("caches the token until expires_in minus the skew", async () => {
    const g = gateway(() => json(200, {}), 200, 600);
    const t = fakeTiming();
    const aptic = createApticClient({ baseUrl: BASE, auth: clientCredentials({ ...creds, refreshSkewMs: 60_000 }), fetch: g.fetch, timing: t.timing });
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
    const aptic = createApticClient({ baseUrl: BASE, auth: clientCredentials(creds), fetch: g.fetch });
    await Promise.all(Array.from({ length: 50 }, () => ping(aptic)));
    expect(g.tokenCalls()).toHaveLength(1);
    expect(g.apiCalls()).toHaveLength(50);
  });

  it("on 401 fetches exactly one fresh token and retries once (even for POST)", async () => {
    let calls = 0;
    const g = gateway(() => (++calls === 1 ? problem(401, "expired") : json(201, { debtorGuid: "x" })));
    const aptic = createApticClient({ baseUrl: BASE, auth: clientCredentials(creds), fetch: g.fetch });
    await unwrap(aptic.POST(createDebtor.path, { body: { firstname: "Ola" } }));
    expect(g.tokenCalls()).toHaveLength(2);
    expect(g.apiCalls().map((c) => c.headers.get("authorization"))).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("a second 401 is surfaced as ApticUnauthorizedError (no loop)", async () => {
    const g = gateway(() => problem(401, "nope"));
    const aptic = createApticClient({ baseUrl: BASE, auth: clientCredentials(creds), fetch: g.fetch });
    await expect(ping(aptic)).rejects.toBeInstanceOf(ApticUnauthorizedError);
    expect(g.apiCalls()).toHaveLength(2);
    expect(g.tokenCalls()).toHaveLength(2);
  });

  it("a refusing token endpoint gives ApticTokenError without the secret it echoes", async () => {
    const g = gateway(() => json(200, {}), 401);
    const aptic = createApticClient({ baseUrl: BASE, auth: clientCredentials(creds), fetch: g.fetch });
    const err = await ping(aptic).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticTokenError);
    expect(err).toMatchObject({ status: 401, oauthError: "invalid_client" });
    expect(String((err as Error).message)).toContain("invalid_client");
    const dump = JSON.stringify(err) + String(err) + (err as Error).stack;
    expect(dump).not.toContain(SECRET);
    expect(g.apiCalls()).toHaveLength(0);
  });

  // Deliberate change: an unreachable token endpoint was an ApticAuthenticationError; it is now the
  // transport error it is (ApticConnectionError naming the token URL), retried like API calls.
  it("an unreachable token endpoint gives ApticConnectionError naming the token URL, with a cause, after retries", async () => {
    const fetch = fakeFetch(() => Promise.reject(new TypeError("connect ECONNREFUSED")));
    const t = fakeTiming();
    const aptic = createApticClient({ baseUrl: BASE, auth: clientCredentials(creds), fetch, timing: t.timing });
    const err = await ping(aptic).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticConnectionError);
    expect(err).not.toBeInstanceOf(ApticTokenError);
    expect(err).toMatchObject({ method: "POST", url: TOKEN_URL });
    expect((err as Error).cause).toBeInstanceOf(Error);
    expect(((err as Error).cause as Error).message).toContain("ECONNREFUSED");
    expect(fetch.seen.map((s) => s.url)).toEqual([TOKEN_URL, TOKEN_URL, TOKEN_URL]);
    expect(t.sleeps).toHaveLength(2);
  });

  it("a token endpoint that never answers gives ApticTimeoutError naming the token URL", async () => {
    const fetch = fakeFetch(hangingFetch);
    const aptic = createApticClient({ baseUrl: BASE, auth: clientCredentials({ ...creds, timeoutMs: 30 }), fetch, retry: false });
    const err = await ping(aptic).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticTimeoutError);
    expect(err).toMatchObject({ url: TOKEN_URL, timeoutMs: 30 });
    expect(fetch.seen.map((s) => s.url)).toEqual([TOKEN_URL]);
    expect(fetch.seen[0]?.signal?.aborted).toBe(true);
  });

  it("reads APTIC_CLIENT_ID / APTIC_CLIENT_SECRET / APTIC_TOKEN_URL / APTIC_BASE_URL (and scope, auth method)", async () => {
    const g = gateway(() => json(200, {}));
    const env = {
      APTIC_BASE_URL: BASE,
      APTIC_CLIENT_ID: "erp-client",
      APTIC_CLIENT_SECRET: SECRET,
      APTIC_TOKEN_URL: TOKEN_URL,
      APTIC_SCOPE: " debtors  customers ",
      APTIC_CLIENT_AUTH_METHOD: "body",
    };
    const aptic = createApticClientFromEnv({ fetch: g.fetch }, env);
    await ping(aptic);
    expect(g.apiCalls()[0]?.url).toBe(`${BASE}${pingDebtors.path}`);
    expect(g.apiCalls()[0]?.headers.get("authorization")).toBe("Bearer token-1");
    expect(Object.fromEntries(new URLSearchParams(g.tokenCalls()[0]?.body))).toMatchObject({
      client_id: "erp-client",
      client_secret: SECRET,
      scope: "debtors customers",
    });
  });

  it.each(["APTIC_CLIENT_ID", "APTIC_CLIENT_SECRET", "APTIC_TOKEN_URL"])(
    "half an OAuth2 set in the environment (no %s) is an ApticUsageError naming it",
    (missing) => {
      const env: Record<string, string | undefined> = {
        APTIC_BASE_URL: BASE,
        APTIC_CLIENT_ID: "erp-client",
        APTIC_CLIENT_SECRET: SECRET,
        APTIC_TOKEN_URL: TOKEN_URL,
        [missing]: undefined,
      };
      expect(() => createApticClientFromEnv({}, env)).toThrow(ApticUsageError);
      expect(() => createApticClientFromEnv({}, env)).toThrow(new RegExp(`missing: ${missing}`));
    },
  );

  it("names every OAuth2 variable and each missing one, in order", () => {
    expect(() => createApticClientFromEnv({}, { APTIC_BASE_URL: BASE, APTIC_CLIENT_ID: "erp-client" })).toThrow(
      "OAuth2 from the environment needs APTIC_CLIENT_ID, APTIC_CLIENT_SECRET, APTIC_TOKEN_URL; missing: APTIC_CLIENT_SECRET, APTIC_TOKEN_URL",
    );
  });

  it("reads process.env when given no environment, and nothing where there is no process (browsers, edge runtimes)", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    vi.stubEnv("APTIC_BASE_URL", BASE);
    vi.stubEnv("APTIC_TOKEN", "tok-process");
    try {
      await ping(createApticClientFromEnv({ fetch }));
      expect(fetch.seen[0]?.headers.get("authorization")).toBe("Bearer tok-process");
      // Synchronous between stub and restore: nothing else in this worker sees the missing process.
      const real = globalThis.process;
      const made: unknown[] = [];
      try {
        for (const stand of [undefined, { ...real, env: undefined }]) {
          vi.stubGlobal("process", stand);
          try {
            made.push(createApticClientFromEnv({ baseUrl: BASE, fetch }));
          } catch (err) {
            made.push(err);
          } finally {
            vi.unstubAllGlobals();
          }
        }
      } finally {
        globalThis.process = real;
      }
      expect(made.map((m) => typeof (m as { GET?: unknown }).GET)).toEqual(["function", "function"]);
      await ping(made[0] as ReturnType<typeof createApticClientFromEnv>);
      expect(fetch.seen[1]?.headers.get("authorization")).toBeNull();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("reads APTIC_API_KEY (+ APTIC_API_KEY_HEADER) and APTIC_TOKEN from the environment", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    await ping(createApticClientFromEnv({ fetch }, { APTIC_BASE_URL: BASE, APTIC_API_KEY: "k-env", APTIC_API_KEY_HEADER: "X-Aptic-Key" }));
    await ping(createApticClientFromEnv({ fetch }, { APTIC_BASE_URL: BASE, APTIC_TOKEN: "tok-env" }));
    await ping(createApticClientFromEnv({ fetch }, { APTIC_BASE_URL: BASE }));
    expect(fetch.seen[0]?.headers.get("x-aptic-key")).toBe("k-env");
    expect(fetch.seen[1]?.headers.get("authorization")).toBe("Bearer tok-env");
    expect(fetch.seen[2]?.headers.get("authorization")).toBeNull();
    expect(() => createApticClientFromEnv({}, {})).toThrow(/APTIC_BASE_URL/);
  });
});

describe("other credentials", () => {
  it("sends a static bearer token", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    await ping(createApticClient({ baseUrl: BASE, auth: bearer("static-tok"), fetch }));
    expect(fetch.seen[0]?.headers.get("authorization")).toBe("Bearer static-tok");
  });

  it("calls an async token function per attempt and again after a 401", async () => {
    let n = 0;
    const fetch = fakeFetch(
      () => problem(401, "expired"),
      () => json(200, {}),
    );
    await ping(createApticClient({ baseUrl: BASE, auth: bearer(async () => `fn-${++n}`), fetch }));
    expect(fetch.seen.map((s) => s.headers.get("authorization"))).toEqual(["Bearer fn-1", "Bearer fn-2"]);
  });

  it("sends an API key in X-Api-Key or a chosen header", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    await ping(createApticClient({ baseUrl: BASE, auth: apiKey("k-1"), fetch }));
    await ping(createApticClient({ baseUrl: BASE, auth: apiKey("k-2", { header: "Ocp-Apim-Subscription-Key" }), fetch }));
    expect(fetch.seen[0]?.headers.get("x-api-key")).toBe("k-1");
    expect(fetch.seen[1]?.headers.get("ocp-apim-subscription-key")).toBe("k-2");
    expect(fetch.seen[1]?.headers.get("x-api-key")).toBeNull();
  });

  it("uses a custom provider, telling it to refresh after a 401", async () => {
    const calls: boolean[] = [];
    const fetch = fakeFetch(
      () => problem(401, "expired"),
      () => json(200, {}),
    );
    const auth = ({ refresh }: { refresh: boolean }) => {
      calls.push(refresh);
      return { authorization: `Custom ${refresh ? "new" : "old"}` };
    };
    const aptic = createApticClient({ baseUrl: BASE, auth, fetch });
    await ping(aptic);
    await ping(aptic);
    // Refreshed once, for the retry after the 401 only.
    expect(calls).toEqual([false, true, false]);
    expect(fetch.seen.map((s) => s.headers.get("authorization"))).toEqual(["Custom old", "Custom new", "Custom old"]);
  });

  it("scrubs a custom provider's credential as sent (trimmed) and its part after the scheme, however many spaces apart", async () => {
    const echo = (request: Request) => json(500, { detail: `bad credential ${request.headers.get("authorization")?.split(/ +/).at(-1)}` });
    const fetch = fakeFetch(echo);
    const aptic = createApticClient({ baseUrl: BASE, auth: () => ({ authorization: "  Custom   padded-sekrit-1  " }), fetch, retry: false });
    const { error } = await aptic.GET(pingDebtors.path);
    expect(fetch.seen[0]?.headers.get("authorization")).toBe("Custom   padded-sekrit-1");
    expect(JSON.stringify(error)).toContain("bad credential");
    expect(JSON.stringify(error)).not.toContain("padded-sekrit-1");
  });

  it("rejects unknown or incomplete auth at construction", () => {
    expect(() => createApticClient({ baseUrl: BASE, auth: { user: "x" } as never })).toThrow(ApticUsageError);
    expect(() => clientCredentials({ clientId: "a", clientSecret: "", tokenUrl: TOKEN_URL })).toThrow(/clientSecret/);
    expect(() => clientCredentials({ ...creds, tokenUrl: "not a url" })).toThrow(/tokenUrl/);
    expect(() => apiKey("")).toThrow(/apiKey/);
    expect(() => bearer("")).toThrow(/token/);
  });

  // Deliberate change: auth is a strategy from bearer()/apiKey()/clientCredentials() now. The former
  // object shapes must fail loudly, never be taken for "no auth" and send requests without credentials.
  it.each([{ token: "static-tok" }, { apiKey: "k-1" }, creds])("refuses the former auth object %j", (old) => {
    expect(() => createApticClient({ baseUrl: BASE, auth: old as never })).toThrow(ApticUsageError);
    expect(() => createApticClient({ baseUrl: BASE, auth: old as never })).toThrow(/bearer\(\), apiKey\(\) or clientCredentials\(\)/);
  });

  it("refuses credentials over plain http to another host unless allowInsecureHttp", () => {
    const remoteToken = clientCredentials({ ...creds, tokenUrl: "http://login.example.org/connect/token" });
    expect(() => createApticClient({ baseUrl: "https://gateway.invalid", auth: remoteToken })).toThrow(/tokenUrl uses plain http/);
    expect(() => createApticClient({ baseUrl: "https://gateway.invalid", auth: remoteToken, allowInsecureHttp: true })).not.toThrow();
    expect(() =>
      createApticClient({
        baseUrl: "https://gateway.invalid",
        auth: clientCredentials({ ...creds, tokenUrl: "http://login.example.org/t", allowInsecureHttp: true }),
      }),
    ).not.toThrow();
    expect(() => createApticClient({ baseUrl: "http://gateway.invalid", auth: bearer("t") })).toThrow(/baseUrl uses plain http/);
    expect(() => createApticClient({ baseUrl: "http://gateway.invalid" })).not.toThrow();
    expect(() => createApticClient({ baseUrl: "http://localhost:8080", auth: bearer("t") })).not.toThrow();
  });
});
