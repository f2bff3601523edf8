// Theme: OAuth2 client credentials as a real authorization server expects them (RFC 6749 §2.3.1,
// §4.4, §5.1, Appendix B). The token endpoint here is strict: it decodes Basic credentials
// exactly as the RFC says and refuses anything else, so a client that encodes them loosely fails.
import { afterEach, describe, expect, it } from "vitest";
import {
  ApticTokenError,
  ApticUnauthorizedError,
  ApticUsageError,
  authFromEnv,
  clientCredentials,
  createApticClientFromEnv,
  DEFAULT_TOKEN_LIFETIME_S,
  unwrap,
  type ApticEvent,
} from "../../src/index.js";
import { fakeClock } from "./support/clock.js";
import { clientFor, decodeBasicStrict, grant, rejection, startTokenEndpoint } from "./support/endpoints.js";
import { closeAll, json, startServer, type Received } from "./support/loopback.js";
import { createDebtor, pingDebtors } from "../../src/operations/index.js";

afterEach(closeAll);

/** The form a token request carried. */
const formOf = (req: Received | undefined) => Object.fromEntries(new URLSearchParams(req?.body ?? ""));

/** A strict endpoint that grants a token only to exactly these credentials sent as Basic. */
async function strictBasicEndpoint(clientId: string, clientSecret: string) {
  return startTokenEndpoint((req, res) => {
    const decoded = decodeBasicStrict(req.headers["authorization"]);
    if (decoded?.id === clientId && decoded.secret === clientSecret && formOf(req)["grant_type"] === "client_credentials") grant(res, "granted-token");
    else json(res, 401, { error: "invalid_client" });
  });
}

describe("client authentication to the token endpoint", () => {
  it.each([
    ["space", "erp client", "se cret value"],
    ["plus", "erp+client", "se+cret+"],
    ["percent", "erp%20client", "100%secret%2B"],
    ["colon", "erp:client", "se:cr:et"],
    ["ampersand and equals", "a&b=c", "x=1&y=2"],
    ["non-ASCII", "ölé-client", "sécret-€-✓-🙂"],
    ["everything at once", "id +%:&=é", 'sec +%:&="\\/é€'],
  ])("ids and secrets with %s reach a strict RFC 6749 Appendix B decoder intact (Basic)", async (_, clientId, clientSecret) => {
    const token = await strictBasicEndpoint(clientId, clientSecret);
    const gateway = await startServer();
    await clientFor(gateway.origin, { auth: clientCredentials({ clientId, clientSecret, tokenUrl: token.tokenUrl }) }).GET(pingDebtors.path);

    expect(decodeBasicStrict(token.received[0]?.headers["authorization"])).toEqual({ id: clientId, secret: clientSecret });
    expect(gateway.received[0]?.headers["authorization"]).toBe("Bearer granted-token");
  });

  it('clientAuthMethod: "body" sends the credentials in the form and no Authorization header', async () => {
    const clientId = "erp client+%:&=ü";
    const clientSecret = 'sec +%:&="\\/é€';
    const token = await startTokenEndpoint();
    const gateway = await startServer();
    await clientFor(gateway.origin, {
      auth: clientCredentials({ clientId, clientSecret, tokenUrl: token.tokenUrl, clientAuthMethod: "body", scope: "debtors" }),
    }).GET(pingDebtors.path);

    const req = token.received[0];
    expect(req?.method).toBe("POST");
    expect(req?.headers["authorization"]).toBeUndefined();
    expect(req?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(formOf(req)).toEqual({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope: "debtors" });
  });

  it("the Basic method never puts the secret in the form", async () => {
    const token = await startTokenEndpoint();
    await clientFor((await startServer()).origin, { auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }) }).GET(
      pingDebtors.path,
    );
    expect(formOf(token.received[0])).toEqual({ grant_type: "client_credentials" });
  });

  it("an unknown clientAuthMethod is an ApticUsageError", () => {
    expect(() => clientCredentials({ clientId: "erp", clientSecret: "s", tokenUrl: "https://login.example.org/t", clientAuthMethod: "post" as never })).toThrow(
      ApticUsageError,
    );
  });
});

describe("token lifetime (expires_in)", () => {
  /** Calls once, moves the clock, calls again; returns how many tokens were requested and the token event. */
  async function lifetimeRun(expiresIn: unknown, afterMs: number) {
    const clock = fakeClock();
    const events: ApticEvent[] = [];
    let n = 0;
    const token = await startTokenEndpoint((_, res) => {
      const body: Record<string, unknown> = { access_token: `tok-${++n}`, token_type: "Bearer" };
      if (expiresIn !== undefined) body["expires_in"] = expiresIn;
      json(res, 200, body);
    });
    const gateway = await startServer();
    const aptic = clientFor(gateway.origin, {
      auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }),
      timing: clock.timing,
      onEvent: (e) => events.push(e),
    });
    await aptic.GET(pingDebtors.path);
    clock.advance(afterMs);
    await aptic.GET(pingDebtors.path);
    return { requested: token.received.length, sent: gateway.received.map((r) => r.headers["authorization"]), event: events.find((e) => e.type === "token") };
  }

  it.each([3600, "3600", " 3600 "])("expires_in %j is honoured: the token is reused until shortly before it expires", async (expiresIn) => {
    const early = await lifetimeRun(expiresIn, 3000 * 1000);
    expect(early.requested).toBe(1);
    expect(early.sent).toEqual(["Bearer tok-1", "Bearer tok-1"]);
    expect(early.event).toMatchObject({ expiresInS: 3600 });

    const late = await lifetimeRun(expiresIn, 3600 * 1000);
    expect(late.requested).toBe(2);
    expect(late.sent).toEqual(["Bearer tok-1", "Bearer tok-2"]);
  });

  it.each([undefined, "soon", -5, "-5", null, 0, "", "3600s", {}, [3600], true])("expires_in %j falls back to DEFAULT_TOKEN_LIFETIME_S", async (expiresIn) => {
    const within = await lifetimeRun(expiresIn, (DEFAULT_TOKEN_LIFETIME_S - 60) * 1000);
    expect(within.event).toMatchObject({ expiresInS: DEFAULT_TOKEN_LIFETIME_S });
    expect(within.requested).toBe(1);

    const after = await lifetimeRun(expiresIn, (DEFAULT_TOKEN_LIFETIME_S + 1) * 1000);
    expect(after.requested).toBe(2);
  });
});

describe("a failing token endpoint is retried with the client's bounded backoff", () => {
  it("a 429 with Retry-After is retried after exactly that wait, then the token is used", async () => {
    const clock = fakeClock();
    const token = await startTokenEndpoint((_, res, i) => (i === 0 ? json(res, 429, { error: "slow_down" }, { "retry-after": "2" }) : grant(res, "after-429")));
    const gateway = await startServer();
    await clientFor(gateway.origin, {
      auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }),
      retry: { retries: 2 },
      timing: clock.timing,
    }).GET(pingDebtors.path);

    expect(token.received).toHaveLength(2);
    expect(clock.sleeps).toEqual([2000]);
    expect(gateway.received[0]?.headers["authorization"]).toBe("Bearer after-429");
  });

  it("a 503 is retried with a backoff within the client's maxDelayMs, then the token is used", async () => {
    const clock = fakeClock();
    const token = await startTokenEndpoint((_, res, i) => (i < 2 ? json(res, 503, { error: "temporarily_unavailable" }) : grant(res, "after-503")));
    const gateway = await startServer();
    await clientFor(gateway.origin, {
      auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }),
      retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 150 },
      timing: clock.timing,
    }).GET(pingDebtors.path);

    expect(token.received).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
    for (const ms of clock.sleeps) expect(ms).toBeLessThanOrEqual(150);
    expect(gateway.received[0]?.headers["authorization"]).toBe("Bearer after-503");
  });

  it("a connection reset by the token endpoint is retried, then the token is used", async () => {
    const clock = fakeClock();
    const token = await startTokenEndpoint((_, res, i) => void (i === 0 ? res.socket?.destroy() : grant(res, "after-reset")));
    const gateway = await startServer();
    await clientFor(gateway.origin, {
      auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }),
      retry: { retries: 2 },
      timing: clock.timing,
    }).GET(pingDebtors.path);

    expect(token.received).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(1);
    expect(gateway.received[0]?.headers["authorization"]).toBe("Bearer after-reset");
  });

  it("the retries are bounded: a token endpoint that keeps answering 503 gives an ApticTokenError after retries + 1 requests", async () => {
    const clock = fakeClock();
    const token = await startTokenEndpoint((_, res) => json(res, 503, { error: "temporarily_unavailable" }));
    const err = await rejection(
      clientFor("http://127.0.0.1:9", {
        auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }),
        retry: { retries: 2 },
        timing: clock.timing,
      }).GET(pingDebtors.path),
    );
    expect(err).toBeInstanceOf(ApticTokenError);
    expect(token.received).toHaveLength(3);
  });

  it("a refusal (400 invalid_client) is not retried", async () => {
    const clock = fakeClock();
    const token = await startTokenEndpoint((_, res) => json(res, 400, { error: "invalid_client" }));
    const err = await rejection(
      clientFor("http://127.0.0.1:9", {
        auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }),
        retry: { retries: 3 },
        timing: clock.timing,
      }).GET(pingDebtors.path),
    );
    expect(err).toBeInstanceOf(ApticTokenError);
    expect((err as ApticTokenError).oauthError).toBe("invalid_client");
    expect(token.received).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});

describe("token types and scopes", () => {
  it.each(["DPoP", "MAC", "pop", "N_A", "Bearer2"])(
    "a token_type of %s is an ApticTokenError and nothing is sent to the gateway with it",
    async (tokenType) => {
      const token = await startTokenEndpoint((_, res) => json(res, 200, { access_token: "not-a-bearer-token", token_type: tokenType, expires_in: 3600 }));
      const gateway = await startServer();
      const err = await rejection(
        clientFor(gateway.origin, { auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }) }).GET(
          pingDebtors.path,
        ),
      );
      expect(err).toBeInstanceOf(ApticTokenError);
      expect(gateway.received).toHaveLength(0);
    },
  );

  it.each(["bearer", "BEARER", "Bearer"])("token_type %s is accepted (case-insensitive, RFC 6749 §5.1)", async (tokenType) => {
    const token = await startTokenEndpoint((_, res) => json(res, 200, { access_token: "tok", token_type: tokenType, expires_in: 3600 }));
    const gateway = await startServer();
    await clientFor(gateway.origin, { auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }) }).GET(
      pingDebtors.path,
    );
    expect(gateway.received[0]?.headers["authorization"]).toBe("Bearer tok");
  });

  it.each<[string, string | string[], string | undefined]>([
    ["runs of spaces, tabs and newlines", "  debtors\t customers\n\nwebhooks ", "debtors customers webhooks"],
    ["a list", ["debtors", "customers"], "debtors customers"],
    ["a list with empty entries", ["debtors", "", "customers"], "debtors customers"],
    ["only whitespace", " \t\n", undefined],
  ])("scope with %s is sent normalised", async (_, scope, expected) => {
    const token = await startTokenEndpoint();
    await clientFor((await startServer()).origin, {
      auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl, scope }),
    }).GET(pingDebtors.path);
    expect(formOf(token.received[0])["scope"]).toBe(expected);
  });
});

describe("configuration from the environment", () => {
  it("APTIC_SCOPE and APTIC_CLIENT_AUTH_METHOD=body reach the token endpoint (authFromEnv)", async () => {
    const token = await startTokenEndpoint();
    const gateway = await startServer();
    const auth = authFromEnv({
      APTIC_CLIENT_ID: "erp",
      APTIC_CLIENT_SECRET: "s3cret value",
      APTIC_TOKEN_URL: token.tokenUrl,
      APTIC_SCOPE: "  debtors   customers ",
      APTIC_CLIENT_AUTH_METHOD: "body",
    });
    expect(auth).toBeDefined();
    await clientFor(gateway.origin, { auth: auth as NonNullable<typeof auth> }).GET(pingDebtors.path);

    expect(token.received[0]?.headers["authorization"]).toBeUndefined();
    expect(formOf(token.received[0])).toEqual({
      grant_type: "client_credentials",
      client_id: "erp",
      client_secret: "s3cret value",
      scope: "debtors customers",
    });
    expect(gateway.received[0]?.headers["authorization"]).toMatch(/^Bearer /);
  });

  it("createApticClientFromEnv uses the same variables end to end (basic by default)", async () => {
    const token = await strictBasicEndpoint("erp client", "s3cret+value");
    const gateway = await startServer();
    const aptic = createApticClientFromEnv(
      { retry: false },
      {
        APTIC_BASE_URL: gateway.origin,
        APTIC_CLIENT_ID: "erp client",
        APTIC_CLIENT_SECRET: "s3cret+value",
        APTIC_TOKEN_URL: token.tokenUrl,
        APTIC_SCOPE: "debtors",
      },
    );
    await aptic.GET(pingDebtors.path);
    expect(formOf(token.received[0])["scope"]).toBe("debtors");
    expect(gateway.received[0]?.headers["authorization"]).toBe("Bearer granted-token");
  });

  it("an unknown APTIC_CLIENT_AUTH_METHOD is an ApticUsageError, not silently Basic", () => {
    expect(() =>
      authFromEnv({ APTIC_CLIENT_ID: "erp", APTIC_CLIENT_SECRET: "s", APTIC_TOKEN_URL: "https://login.example.org/t", APTIC_CLIENT_AUTH_METHOD: "form" }),
    ).toThrow(ApticUsageError);
  });
});

describe("a 401 from the gateway", () => {
  it("fetches exactly one new token and retries exactly once (GET)", async () => {
    let n = 0;
    const token = await startTokenEndpoint((_, res) => grant(res, `tok-${++n}`));
    const gateway = await startServer((_, res) => json(res, 401, { title: "Unauthorized" }));
    const err = await rejection(
      unwrap(
        clientFor(gateway.origin, {
          auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }),
          retry: { retries: 3 },
        }).GET(pingDebtors.path),
      ),
    );

    expect(err).toBeInstanceOf(ApticUnauthorizedError);
    expect(token.received).toHaveLength(2);
    expect(gateway.received.map((r) => r.headers["authorization"])).toEqual(["Bearer tok-1", "Bearer tok-2"]);
  });

  it("fetches exactly one new token and retries exactly once even for a POST without Idempotency-Key", async () => {
    let n = 0;
    const token = await startTokenEndpoint((_, res) => grant(res, `tok-${++n}`));
    const gateway = await startServer((_, res) => json(res, 401, { title: "Unauthorized" }));
    await clientFor(gateway.origin, { auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }) }).POST(
      createDebtor.path,
      {
        body: {} as never,
      },
    );
    expect(token.received).toHaveLength(2);
    expect(gateway.received).toHaveLength(2);
  });

  it("succeeds with the new token when the gateway accepts it", async () => {
    let n = 0;
    const token = await startTokenEndpoint((_, res) => grant(res, `tok-${++n}`));
    const gateway = await startServer((req, res) =>
      req.headers["authorization"] === "Bearer tok-2" ? json(res, 200, { ok: true }) : json(res, 401, { title: "expired" }),
    );
    const data = await unwrap(
      clientFor(gateway.origin, { auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }) }).GET(pingDebtors.path),
    );
    expect(data).toEqual({ ok: true });
  });

  it("concurrent calls share one token request", async () => {
    const token = await startTokenEndpoint();
    const gateway = await startServer();
    const aptic = clientFor(gateway.origin, { auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl }) });
    await Promise.all(Array.from({ length: 8 }, () => aptic.GET(pingDebtors.path)));
    expect(token.received).toHaveLength(1);
    expect(gateway.received).toHaveLength(8);
  });
});

describe("scope lists", () => {
  it("a scope list whose entries carry surrounding whitespace is sent normalised", async () => {
    const token = await startTokenEndpoint();
    await clientFor((await startServer()).origin, {
      auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: token.tokenUrl, scope: [" debtors ", "customers\t", "\nwebhooks"] }),
    }).GET(pingDebtors.path);
    expect(formOf(token.received[0])["scope"]).toBe("debtors customers webhooks");
  });
});
