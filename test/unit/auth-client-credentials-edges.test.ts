// clientCredentials() at its edges: configuration refused with the exact message, the token
// request's fixed headers, exactly when a cached token is refreshed (expires_in, skew, half
// the lifetime), the token event's duration, and that a 401 only drops the token that failed.
import { describe, expect, it } from "vitest";
import { clientCredentials, createApticClient, unwrap, type ApticEvent, type ClientCredentialsConfig } from "../../src/index.js";
import { fakeFetch, fakeTiming, json, problem, type Handler } from "../support/fake-fetch.js";
import { usageError } from "../support/usage-errors.js";
import { pingDebtors } from "../../src/operations/index.js";

const BASE = "http://127.0.0.1:9";
const TOKEN_URL = `${BASE}/connect/token`;
const MAX = 2 ** 31 - 1;
const creds: ClientCredentialsConfig = { clientId: "erp", clientSecret: "s3cret-value", tokenUrl: TOKEN_URL };

/** A token endpoint (token-1, token-2… with `expiresIn`) in front of `api`, on a fake clock. */
function setup(config: Partial<ClientCredentialsConfig> = {}, expiresIn: unknown = 3600, api: Handler = () => json(200, {})) {
  let issued = 0;
  const t = fakeTiming();
  const events: ApticEvent[] = [];
  const fetch = fakeFetch((request, init) => {
    if (request.url !== TOKEN_URL) return api(request, init);
    issued += 1;
    return json(200, { access_token: `token-${issued}`, token_type: "Bearer", expires_in: expiresIn });
  });
  const aptic = createApticClient({
    baseUrl: BASE,
    fetch,
    timing: t.timing,
    auth: clientCredentials({ ...creds, ...config }),
    onEvent: (e) => void events.push(e),
  });
  const ping = () => unwrap(aptic.GET(pingDebtors.path));
  const tokenCalls = () => fetch.seen.filter((s) => s.url === TOKEN_URL);
  const apiAuth = () => fetch.seen.filter((s) => s.url !== TOKEN_URL).map((s) => s.headers.get("authorization"));
  return { t, fetch, ping, tokenCalls, apiAuth, events };
}

describe("configuration", () => {
  it.each([null, undefined, "erp:secret"])("refuses %j instead of an object", (config) => {
    expect(usageError(() => clientCredentials(config as never))).toBe("clientCredentials expects { clientId, clientSecret, tokenUrl }");
  });

  it("names an unknown option and lists the known ones", () => {
    expect(usageError(() => clientCredentials({ ...creds, scopes: "debtors" } as never))).toBe(
      'Unknown clientCredentials option "scopes"; known options: clientId, clientSecret, tokenUrl, scope, clientAuthMethod, refreshSkewMs, timeoutMs, allowInsecureHttp',
    );
  });

  it.each<[string, unknown]>([
    ["clientId", ""],
    ["clientId", ["erp"]],
    ["clientSecret", 12345],
    ["clientSecret", ["s3cret"]],
  ])("%s %j must be a non-empty string", (name, value) => {
    expect(usageError(() => clientCredentials({ ...creds, [name]: value }))).toBe(`clientCredentials ${name} must be a non-empty string`);
  });

  it("clientAuthMethod must be basic or body", () => {
    expect(usageError(() => clientCredentials({ ...creds, clientAuthMethod: "post" as never }))).toBe('clientAuthMethod must be "basic" or "body"');
  });

  it("refreshSkewMs is a duration", () => {
    expect(usageError(() => clientCredentials({ ...creds, refreshSkewMs: -1 }))).toBe(
      `refreshSkewMs must be a number of milliseconds from 0 to ${MAX} (got -1)`,
    );
    expect(() => clientCredentials({ ...creds, refreshSkewMs: 0 })).not.toThrow();
  });

  it("timeoutMs is a duration above 0: a token request is never unlimited", () => {
    expect(usageError(() => clientCredentials({ ...creds, timeoutMs: 0 }))).toBe(
      "clientCredentials timeoutMs must be above 0: a token request is never unlimited",
    );
    expect(usageError(() => clientCredentials({ ...creds, timeoutMs: -1 }))).toBe(
      `clientCredentials timeoutMs must be a number of milliseconds from 0 to ${MAX} (got -1)`,
    );
    expect(() => clientCredentials({ ...creds, timeoutMs: 1 })).not.toThrow();
  });

  it.each<[unknown]>([[5], [["debtors", 5]], [{ debtors: true }], [null]])("scope %j must be a string or an array of strings", (scope) => {
    expect(usageError(() => clientCredentials({ ...creds, scope: scope as string }))).toBe("clientCredentials scope must be a string or an array of strings");
  });

  it("splits every scope entry on any whitespace, including entries of a list", async () => {
    const { ping, tokenCalls } = setup({ scope: ["debtors  customers", "\twebhooks\n", " "] });
    await ping();
    expect(new URLSearchParams(tokenCalls()[0]?.body).get("scope")).toBe("debtors customers webhooks");
  });
});

describe("the token request", () => {
  it("is a form POST that asks for JSON", async () => {
    const { ping, tokenCalls } = setup();
    await ping();
    const [request] = tokenCalls();
    expect(request?.method).toBe("POST");
    expect(request?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(request?.headers.get("accept")).toBe("application/json");
    expect(request?.body).toBe("grant_type=client_credentials");
  });
});

describe("when a cached token is refreshed", () => {
  it("exactly at expires_in minus the skew, not a millisecond before", async () => {
    const s = setup({ refreshSkewMs: 60_000 }, 3600);
    await s.ping();
    s.t.advance(3_540_000 - 1);
    await s.ping();
    expect(s.tokenCalls()).toHaveLength(1);
    s.t.advance(1);
    await s.ping();
    expect(s.tokenCalls()).toHaveLength(2);
    expect(s.apiAuth()).toEqual(["Bearer token-1", "Bearer token-1", "Bearer token-2"]);
  });

  it("at half the lifetime when the skew is longer than that", async () => {
    // 40 s lifetime, default 30 s skew: refreshed after 20 s, not after 10 s.
    const s = setup({}, 40);
    await s.ping();
    s.t.advance(19_999);
    await s.ping();
    expect(s.tokenCalls()).toHaveLength(1);
    s.t.advance(1);
    await s.ping();
    expect(s.tokenCalls()).toHaveLength(2);
  });

  it("with no skew, at expires_in itself", async () => {
    const s = setup({ refreshSkewMs: 0 }, 90);
    await s.ping();
    s.t.advance(89_999);
    await s.ping();
    expect(s.tokenCalls()).toHaveLength(1);
    s.t.advance(1);
    await s.ping();
    expect(s.tokenCalls()).toHaveLength(2);
  });

  it.each<[unknown, number]>([
    ["90.25", 90_250],
    ["90.5", 90_500],
    [90.5, 90_500],
  ])("expires_in %j is honoured to the millisecond", async (expiresIn, lifetimeMs) => {
    const s = setup({ refreshSkewMs: 0 }, expiresIn);
    await s.ping();
    s.t.advance(lifetimeMs - 1);
    await s.ping();
    expect(s.tokenCalls()).toHaveLength(1);
    s.t.advance(1);
    await s.ping();
    expect(s.tokenCalls()).toHaveLength(2);
  });

  it.each<[unknown]>([["+90"], ["90e1"], ["1e3"], ["90.5.1"], ["90."], [".5"], [[90]]])("expires_in %j falls back to the 300 s default", async (expiresIn) => {
    const s = setup({ refreshSkewMs: 0 }, expiresIn);
    await s.ping();
    expect(s.events.find((e) => e.type === "token")).toMatchObject({ expiresInS: 300 });
    s.t.advance(299_999);
    await s.ping();
    expect(s.tokenCalls()).toHaveLength(1);
  });
});

describe("the token event", () => {
  it("reports how long the grant took, retries included, and whether it was a refresh", async () => {
    let n = 0;
    const t = fakeTiming();
    const events: ApticEvent[] = [];
    const fetch = fakeFetch((request) => {
      if (request.url !== TOKEN_URL) return json(200, {});
      return ++n === 1 ? json(503, {}, { "retry-after": "2" }) : json(200, { access_token: `token-${n}`, token_type: "Bearer", expires_in: 60 });
    });
    const aptic = createApticClient({ baseUrl: BASE, fetch, timing: t.timing, auth: clientCredentials(creds), onEvent: (e) => void events.push(e) });
    await unwrap(aptic.GET(pingDebtors.path));
    t.advance(60_000);
    await unwrap(aptic.GET(pingDebtors.path));
    const tokens = events.filter((e) => e.type === "token");
    expect(tokens).toEqual([
      { type: "token", tokenUrl: TOKEN_URL, durationMs: 2000, expiresInS: 60, refreshed: false },
      { type: "token", tokenUrl: TOKEN_URL, durationMs: 0, expiresInS: 60, refreshed: true },
    ]);
  });
});

describe("a 401 drops only the token that failed", () => {
  it("a call whose old token is refused after another call already refreshed it reuses the fresh token", async () => {
    // Call A and call B both go out with token-1. A's 401 comes first: A refreshes (token-2) and
    // succeeds. Only then is B refused: B must retry with token-2, not fetch a third token.
    let releaseB: () => void = () => {};
    const bRefused = new Promise<void>((resolve) => (releaseB = resolve));
    let apiCalls = 0;
    const s = setup({}, 3600, async () => {
      const call = ++apiCalls;
      if (call === 1) return problem(401, "expired");
      if (call === 2) {
        await bRefused;
        return problem(401, "expired");
      }
      return json(200, {});
    });
    const a = s.ping();
    const b = s.ping();
    await a;
    releaseB();
    await b;
    expect(s.tokenCalls()).toHaveLength(2);
    expect(s.apiAuth()).toEqual(["Bearer token-1", "Bearer token-1", "Bearer token-2", "Bearer token-2"]);
  });
});
