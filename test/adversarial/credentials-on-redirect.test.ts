// Theme: credentials stay where they belong when the gateway (or something posing as it) answers
// with a redirect. Every test runs real loopback servers; "another origin" is another port, or
// the same port under another host name (localhost vs 127.0.0.1), and it records all it gets.
import { afterEach, describe, expect, it } from "vitest";
import { apiKey, ApticConnectionError, ApticTokenError, bearer, clientCredentials, type ApticEvent } from "../../src/index.js";
import { createDebtor, invokeServicePatch, pingDebtors, updateDebtor } from "../../src/operations/index.js";
import { clientFor, rejection, startTokenEndpoint } from "./support/endpoints.js";
import { closeAll, json, redirect, startServer, type Loopback } from "./support/loopback.js";
import { ACCESS_TOKEN, API_KEY, basicValue, BEARER_TOKEN, CLIENT_ID, CLIENT_SECRET, expectErrorClean, expectNoSecret, TENANT_KEY } from "./support/secrets.js";

afterEach(closeAll);

const STATUSES = [301, 302, 303, 307, 308] as const;

/** The other origin: answers 200 to anything and records it all. */
const startSink = () => startServer((_, res) => json(res, 200, { landed: true }));

/** A gateway that answers every request with `status` and a Location on the sink. */
async function redirectingTo(status: number, other: Loopback, path = "/landing"): Promise<Loopback> {
  return startServer((_, res) => redirect(res, status, `${other.origin}${path}`));
}

/** The one request the other origin got (the redirect was followed exactly once). */
function landed(other: Loopback) {
  expect(other.received).toHaveLength(1);
  return other.received[0] as NonNullable<(typeof other.received)[0]>;
}

describe("a redirect to another origin never carries a credential", () => {
  it.each(STATUSES)("a %i to another port does not carry the bearer token (Authorization)", async (status) => {
    const other = await startSink();
    const gateway = await redirectingTo(status, other);
    const result = await clientFor(gateway.origin, { auth: bearer(BEARER_TOKEN) }).GET(pingDebtors.path);

    expect(result.response.status).toBe(200);
    expect(gateway.received[0]?.headers["authorization"]).toBe(`Bearer ${BEARER_TOKEN}`);
    expect(landed(other).headers["authorization"]).toBeUndefined();
    expectNoSecret(other.transcript(), [BEARER_TOKEN], "the other origin's transcript");
  });

  it.each(STATUSES)("a %i to another port does not carry a bearer token obtained from a function", async (status) => {
    const other = await startSink();
    const gateway = await redirectingTo(status, other);
    await clientFor(gateway.origin, { auth: bearer(async () => BEARER_TOKEN) }).GET(pingDebtors.path);

    expect(gateway.received[0]?.headers["authorization"]).toBe(`Bearer ${BEARER_TOKEN}`);
    expect(landed(other).headers["authorization"]).toBeUndefined();
    expectNoSecret(other.transcript(), [BEARER_TOKEN], "the other origin's transcript");
  });

  it.each(
    STATUSES.flatMap(
      (status) =>
        [
          [status, "X-Api-Key"],
          [status, "X-Aptic-Key"],
        ] as const,
    ),
  )("a %i to another port does not carry the API key in %s", async (status, header) => {
    const other = await startSink();
    const gateway = await redirectingTo(status, other);
    const auth = header === "X-Api-Key" ? apiKey(API_KEY) : apiKey(API_KEY, { header });
    await clientFor(gateway.origin, { auth }).GET(pingDebtors.path);

    expect(gateway.received[0]?.headers[header.toLowerCase()]).toBe(API_KEY);
    expect(landed(other).headers[header.toLowerCase()]).toBeUndefined();
    expectNoSecret(other.transcript(), [API_KEY], "the other origin's transcript");
  });

  it.each(STATUSES)("a %i to another port does not carry the OAuth2 access token, and the other origin never sees the client secret", async (status) => {
    const other = await startSink();
    const token = await startTokenEndpoint();
    const gateway = await redirectingTo(status, other);
    const auth = clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: token.tokenUrl });
    await clientFor(gateway.origin, { auth }).GET(pingDebtors.path);

    expect(gateway.received[0]?.headers["authorization"]).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(landed(other).headers["authorization"]).toBeUndefined();
    expectNoSecret(other.transcript(), [ACCESS_TOKEN, CLIENT_SECRET, basicValue(CLIENT_ID, CLIENT_SECRET)], "the other origin's transcript");
  });

  it.each(STATUSES)(
    "a %i to another port does not carry credentials the caller put in custom headers (client-wide, per call, params.header)",
    async (status) => {
      const other = await startSink();
      const gateway = await redirectingTo(status, other);
      const aptic = clientFor(gateway.origin, { headers: { "X-Tenant-Key": TENANT_KEY, "Proxy-Authorization": `Basic ${TENANT_KEY}` } });
      await aptic.GET(pingDebtors.path, { headers: { "X-Signature": `sig ${TENANT_KEY}` }, params: { header: { "X-Session": TENANT_KEY } as never } });

      const first = gateway.received[0];
      expect([first?.headers["x-tenant-key"], first?.headers["x-signature"], first?.headers["x-session"]]).toEqual([
        TENANT_KEY,
        `sig ${TENANT_KEY}`,
        TENANT_KEY,
      ]);
      const hop = landed(other);
      for (const name of ["x-tenant-key", "proxy-authorization", "x-signature", "x-session"]) expect(hop.headers[name], name).toBeUndefined();
      expectNoSecret(other.transcript(), [TENANT_KEY], "the other origin's transcript");
    },
  );

  it.each(STATUSES)("a %i to another port does not carry a Cookie the caller set", async (status) => {
    const other = await startSink();
    const gateway = await redirectingTo(status, other);
    await clientFor(gateway.origin, { headers: { Cookie: `session=${encodeURIComponent(TENANT_KEY)}` } }).GET(pingDebtors.path);

    expect(gateway.received[0]?.headers["cookie"]).toBe(`session=${encodeURIComponent(TENANT_KEY)}`);
    expect(landed(other).headers["cookie"]).toBeUndefined();
    expectNoSecret(other.transcript(), [TENANT_KEY], "the other origin's transcript");
  });

  it.each(STATUSES)("a %i to another port does not carry the headers of a custom auth provider", async (status) => {
    const other = await startSink();
    const gateway = await redirectingTo(status, other);
    await clientFor(gateway.origin, { auth: async () => ({ "X-Partner-Token": TENANT_KEY }) }).GET(pingDebtors.path);

    expect(gateway.received[0]?.headers["x-partner-token"]).toBe(TENANT_KEY);
    expect(landed(other).headers["x-partner-token"]).toBeUndefined();
    expectNoSecret(other.transcript(), [TENANT_KEY], "the other origin's transcript");
  });

  it("a redirect from 127.0.0.1 to localhost on the same port counts as another origin (credentials stripped)", async () => {
    let port = 0;
    const gateway = await startServer((req, res) => (req.url === "/landing" ? json(res, 200, {}) : redirect(res, 307, `http://localhost:${port}/landing`)));
    port = gateway.port;
    await clientFor(gateway.origin, { auth: bearer(BEARER_TOKEN), headers: { "X-Tenant-Key": TENANT_KEY } }).GET(pingDebtors.path);
    await clientFor(gateway.origin, { auth: apiKey(API_KEY) }).GET(pingDebtors.path);

    const [bearerFirst, bearerHop, keyFirst, keyHop] = gateway.received;
    expect(bearerFirst?.headers["authorization"]).toBe(`Bearer ${BEARER_TOKEN}`);
    expect(bearerHop?.headers["host"]).toBe(`localhost:${port}`);
    expect(bearerHop?.headers["authorization"]).toBeUndefined();
    expect(bearerHop?.headers["x-tenant-key"]).toBeUndefined();
    expect(keyFirst?.headers["x-api-key"]).toBe(API_KEY);
    expect(keyHop?.headers["x-api-key"]).toBeUndefined();
  });

  it("a redirect from localhost to 127.0.0.1 on the same port counts as another origin (credentials stripped)", async () => {
    let port = 0;
    const gateway = await startServer((req, res) => (req.url === "/landing" ? json(res, 200, {}) : redirect(res, 302, `http://127.0.0.1:${port}/landing`)));
    port = gateway.port;
    await clientFor(`http://localhost:${port}`, { auth: bearer(BEARER_TOKEN) }).GET(pingDebtors.path);

    expect(gateway.received[0]?.headers["authorization"]).toBe(`Bearer ${BEARER_TOKEN}`);
    expect(gateway.received[1]?.headers["host"]).toBe(`127.0.0.1:${port}`);
    expect(gateway.received[1]?.headers["authorization"]).toBeUndefined();
  });

  it("a chain of redirects bouncing between two origins never hands a credential to the other one", async () => {
    const other = await startServer((req, res) => (req.url === "/bounce" ? redirect(res, 307, `${gatewayOrigin}/back`) : json(res, 200, {})));
    let gatewayOrigin = "";
    const gateway = await startServer((req, res) =>
      req.url === "/back" ? redirect(res, 308, `${other.origin}/end`) : redirect(res, 302, `${other.origin}/bounce`),
    );
    gatewayOrigin = gateway.origin;
    await clientFor(gateway.origin, { auth: apiKey(API_KEY), headers: { "X-Tenant-Key": TENANT_KEY } }).GET(pingDebtors.path);

    expect(other.received.map((r) => r.url)).toEqual(["/bounce", "/end"]);
    expectNoSecret(other.transcript(), [API_KEY, TENANT_KEY], "the other origin's transcript");
  });

  it("the redirect event says the credentials were stripped, and names no secret", async () => {
    const other = await startSink();
    const gateway = await redirectingTo(302, other, `/landing?access_token=${encodeURIComponent(BEARER_TOKEN)}`);
    const events: ApticEvent[] = [];
    await clientFor(gateway.origin, { auth: bearer(BEARER_TOKEN), onEvent: (e) => events.push(e) }).GET(pingDebtors.path);

    const hop = events.find((e) => e.type === "redirect");
    expect(hop).toMatchObject({ type: "redirect", status: 302, credentials: "stripped" });
    expectNoSecret(JSON.stringify(events), [BEARER_TOKEN], "the events");
  });
});

describe("a redirect within the same origin keeps the credentials", () => {
  it.each(STATUSES)("a %i to the same origin keeps Authorization, the API key and the caller's headers", async (status) => {
    const gateway = await startServer((req, res) => (req.url === "/moved" ? json(res, 200, {}) : redirect(res, status, "/moved")));
    const events: ApticEvent[] = [];
    await clientFor(gateway.origin, { auth: bearer(BEARER_TOKEN), headers: { "X-Tenant-Key": TENANT_KEY }, onEvent: (e) => events.push(e) }).GET(
      pingDebtors.path,
    );
    await clientFor(gateway.origin, { auth: apiKey(API_KEY, { header: "X-Aptic-Key" }) }).GET(pingDebtors.path);

    const [, bearerHop, , keyHop] = gateway.received;
    expect(bearerHop?.url).toBe("/moved");
    expect(bearerHop?.headers["authorization"]).toBe(`Bearer ${BEARER_TOKEN}`);
    expect(bearerHop?.headers["x-tenant-key"]).toBe(TENANT_KEY);
    expect(keyHop?.headers["x-aptic-key"]).toBe(API_KEY);
    expect(events.find((e) => e.type === "redirect")).toMatchObject({ credentials: "kept" });
  });
});

describe("the token request never follows a redirect", () => {
  it.each(
    [301, 302, 303, 307, 308].flatMap(
      (status) =>
        [
          [status, "basic"],
          [status, "body"],
        ] as const,
    ),
  )(
    "a token endpoint answering %i (client auth %s) is an ApticTokenError and the Location never receives the client secret",
    async (status, clientAuthMethod) => {
      const other = await startSink();
      const token = await startTokenEndpoint((_, res) => redirect(res, status, `${other.origin}/steal`));
      const gateway = await startServer();
      const auth = clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: token.tokenUrl, clientAuthMethod });
      const err = await rejection(clientFor(gateway.origin, { auth }).GET(pingDebtors.path));

      expect(err).toBeInstanceOf(ApticTokenError);
      expect(token.received).toHaveLength(1);
      expect(other.received).toHaveLength(0);
      expect(gateway.received).toHaveLength(0);
      expectErrorClean(err, [CLIENT_SECRET, basicValue(CLIENT_ID, CLIENT_SECRET)]);
    },
  );

  it("a token endpoint redirect is not retried either (the client secret is sent once)", async () => {
    const other = await startSink();
    const token = await startTokenEndpoint((_, res) => redirect(res, 307, `${other.origin}/steal`));
    const auth = clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: token.tokenUrl });
    const aptic = clientFor("http://127.0.0.1:9", { auth, retry: { retries: 3 }, timing: { sleep: async () => {} } });
    expect(await rejection(aptic.GET(pingDebtors.path))).toBeInstanceOf(ApticTokenError);
    expect(token.received).toHaveLength(1);
    expect(other.received).toHaveLength(0);
  });
});

describe("method and body across redirects (as fetch does, decided per hop)", () => {
  const body = { firstname: "Ola", lastname: "Nordmann" };

  it("a 303 after a POST continues as a GET without body or Content-Type", async () => {
    const other = await startSink();
    const gateway = await redirectingTo(303, other);
    await clientFor(gateway.origin).POST(createDebtor.path, { body: body as never });

    expect(gateway.received[0]).toMatchObject({ method: "POST", body: JSON.stringify(body) });
    const hop = landed(other);
    expect(hop.method).toBe("GET");
    expect(hop.body).toBe("");
    expect(hop.headers["content-type"]).toBeUndefined();
  });

  it("a 303 after a PUT continues as a GET without body", async () => {
    const other = await startSink();
    const gateway = await redirectingTo(303, other);
    await clientFor(gateway.origin).PUT(updateDebtor.path, { params: { path: { debtorGuid: "g-1" } }, body: body as never });
    expect(landed(other)).toMatchObject({ method: "GET", body: "" });
  });

  it.each([301, 302])("a %i after a POST continues as a GET without body", async (status) => {
    const other = await startSink();
    const gateway = await redirectingTo(status, other);
    await clientFor(gateway.origin).POST(createDebtor.path, { body: body as never });
    const hop = landed(other);
    expect(hop).toMatchObject({ method: "GET", body: "" });
    expect(hop.headers["content-type"]).toBeUndefined();
  });

  it.each([301, 302])("a %i after a PUT keeps the method and the body", async (status) => {
    const other = await startSink();
    const gateway = await redirectingTo(status, other);
    await clientFor(gateway.origin).PUT(updateDebtor.path, { params: { path: { debtorGuid: "g-1" } }, body: body as never });
    expect(landed(other)).toMatchObject({ method: "PUT", body: JSON.stringify(body) });
  });

  it.each([307, 308])("a %i keeps the method and the body (POST and PATCH)", async (status) => {
    const other = await startSink();
    const gateway = await redirectingTo(status, other);
    await clientFor(gateway.origin).POST(createDebtor.path, { body: body as never });
    await clientFor(gateway.origin).call(invokeServicePatch, { params: { path: { serviceDefinition: "CreditCheck" } }, body: body as never });

    expect(other.received.map((r) => [r.method, r.body, r.headers["content-type"]])).toEqual([
      ["POST", JSON.stringify(body), "application/json"],
      ["PATCH", JSON.stringify(body), "application/json"],
    ]);
  });
});

describe("redirects that must not be followed at all", () => {
  /** A fetch that plays `https://gateway.invalid` (answering a redirect) and passes anything else to the network. */
  const httpsGateway = (status: number, location: string) => async (request: Request, init?: RequestInit) =>
    request.url.startsWith("https://gateway.invalid/") ? new Response(null, { status, headers: { location } }) : globalThis.fetch(request, init);

  it.each(STATUSES)("a %i from https to plain http is refused and the http server receives nothing", async (status) => {
    const other = await startSink();
    const fetch = httpsGateway(status, `${other.origin}/downgrade`);
    const err = await rejection(clientFor("https://gateway.invalid", { auth: bearer(BEARER_TOKEN), fetch }).GET(pingDebtors.path));

    expect(err).toBeInstanceOf(ApticConnectionError);
    expect(other.received).toHaveLength(0);
    expectErrorClean(err, [BEARER_TOKEN]);
  });

  it.each(["file:///etc/passwd", "data:text/plain,hi", "javascript:alert(1)"])("a redirect to %s is refused", async (location) => {
    const err = await rejection(clientFor("https://gateway.invalid", { auth: bearer(BEARER_TOKEN), fetch: httpsGateway(302, location) }).GET(pingDebtors.path));
    expect(err).toBeInstanceOf(ApticConnectionError);
  });

  it("a redirect loop on one origin is cut off with an ApticConnectionError (bounded number of hops)", async () => {
    let n = 0;
    const gateway = await startServer((_, res) => redirect(res, 302, `/loop/${++n}`));
    const err = await rejection(clientFor(gateway.origin, { auth: bearer(BEARER_TOKEN) }).GET(pingDebtors.path));

    expect(err).toBeInstanceOf(ApticConnectionError);
    expect(gateway.received.length).toBeGreaterThan(2);
    expect(gateway.received.length).toBeLessThanOrEqual(21);
  });

  it("a redirect loop between two origins is cut off, and the other origin never sees the credential", async () => {
    let gatewayOrigin = "";
    const other = await startServer((_, res) => redirect(res, 307, `${gatewayOrigin}/again`));
    const gateway = await startServer((_, res) => redirect(res, 307, `${other.origin}/loop`));
    gatewayOrigin = gateway.origin;
    const err = await rejection(clientFor(gateway.origin, { auth: apiKey(API_KEY) }).GET(pingDebtors.path));

    expect(err).toBeInstanceOf(ApticConnectionError);
    expect(other.received.length).toBeLessThanOrEqual(11);
    expectNoSecret(other.transcript(), [API_KEY], "the other origin's transcript");
  });
});

describe("redirects the client does not refuse cleanly yet", () => {
  it("a redirect to a Location with user-info is refused with an ApticError whose surfaces never show the password", async () => {
    const other = await startSink();
    const gateway = await startServer((_, res) => redirect(res, 302, `http://mallory:hunter2-pass@127.0.0.1:${other.port}/steal`));
    const err = await rejection(clientFor(gateway.origin, { auth: bearer(BEARER_TOKEN) }).GET(pingDebtors.path));

    expect(other.received).toHaveLength(0);
    expect(err, String(err)).toBeInstanceOf(ApticConnectionError);
    expectErrorClean(err, ["hunter2-pass"]);
  });
});
