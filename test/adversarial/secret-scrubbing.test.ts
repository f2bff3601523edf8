// Theme: no form of any secret comes back to the caller, its logs or its events — even from
// servers that echo every credential they receive in every place a response can carry it.
// Each test first proves the server really echoed the secret, so a pass means it was scrubbed.
import { afterEach, describe, expect, it } from "vitest";
import {
  apiKey,
  ApticBadRequestError,
  ApticConnectionError,
  ApticResponseError,
  ApticTokenError,
  ApticUnauthorizedError,
  bearer,
  clientCredentials,
  toApiError,
  unwrap,
  type ApticAuth,
} from "../../src/index.js";
import { dotnetJson, problemEcho, startEchoGateway, tokenErrorEcho, write, type EchoBody } from "./support/echo.js";
import { clientFor, grant, rejection, startTokenEndpoint } from "./support/endpoints.js";
import { closeAll, json, redirect, startServer } from "./support/loopback.js";
import {
  ACCESS_TOKEN,
  API_KEY,
  basicValue,
  BEARER_TOKEN,
  capture,
  CLIENT_ID,
  CLIENT_SECRET,
  errorSurfaces,
  expectErrorClean,
  expectNoFragment,
  expectNoSecret,
  formsOf,
  render,
} from "./support/secrets.js";
import { listDebtors, pingDebtors } from "../../src/operations/index.js";

afterEach(closeAll);

const BASIC = basicValue(CLIENT_ID, CLIENT_SECRET);

/** An auth strategy under test and every secret it puts on the wire. */
interface Kind {
  name: string;
  setup(): Promise<{ auth: ApticAuth; secrets: string[] }>;
}

const KINDS: Kind[] = [
  { name: "a bearer token", setup: async () => ({ auth: bearer(BEARER_TOKEN), secrets: [BEARER_TOKEN] }) },
  { name: "a bearer token function", setup: async () => ({ auth: bearer(async () => BEARER_TOKEN), secrets: [BEARER_TOKEN] }) },
  { name: "an API key in X-Api-Key", setup: async () => ({ auth: apiKey(API_KEY), secrets: [API_KEY] }) },
  { name: "an API key in a custom header", setup: async () => ({ auth: apiKey(API_KEY, { header: "X-Aptic-Key" }), secrets: [API_KEY] }) },
  ...(["basic", "body"] as const).map((clientAuthMethod) => ({
    name: `an OAuth2 token (client auth ${clientAuthMethod})`,
    setup: async () => {
      const token = await startTokenEndpoint();
      return {
        auth: clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: token.tokenUrl, clientAuthMethod }),
        secrets: [ACCESS_TOKEN, CLIENT_SECRET, BASIC],
      };
    },
  })),
];
const BODIES: EchoBody[] = ["problem", "text", "html-in-json-array"];

describe("a gateway echoing the credentials back", () => {
  it.each(KINDS.flatMap((kind) => BODIES.map((body) => [kind.name, body, kind] as const)))(
    "%s echoed as %s (body, problem members, extensions, errors, headers) reaches no error, result, log or event",
    async (_, body, kind) => {
      const gateway = await startEchoGateway(400, body);
      const { auth, secrets } = await kind.setup();
      const seen = capture();
      const aptic = clientFor(gateway.origin, { auth, logger: seen.logger, onEvent: seen.onEvent });

      const result = await aptic.GET(pingDebtors.path);
      expect(result.response.status).toBe(400);
      const sent = gateway.sent.join("\n");
      for (const secret of secrets.slice(0, 1))
        expect(
          formsOf(secret).some((form) => sent.includes(form)),
          "the gateway echoed the secret",
        ).toBe(true);
      expectNoSecret(render(result.error), secrets, "result.error");
      const fromResult = toApiError(result);
      expect(fromResult).toBeInstanceOf(ApticBadRequestError);
      expectErrorClean(fromResult, secrets);

      const thrown = await rejection(unwrap(aptic.GET(pingDebtors.path)));
      expect(thrown).toBeInstanceOf(ApticBadRequestError);
      expectErrorClean(thrown, secrets);
      if (body === "problem") expect((thrown as ApticBadRequestError).problem?.["echo"], "extension members are kept (scrubbed, not dropped)").toBeDefined();
      else expect((thrown as ApticBadRequestError).rawBody, "the raw body is kept (scrubbed, not dropped)").toBeTruthy();

      expect(seen.calls.length).toBeGreaterThan(0);
      expectNoSecret(seen.dump(), secrets, "logger calls and events");
    },
  );

  it("an OAuth2 token rotated after a 401 is scrubbed in both its old and its new value", async () => {
    const rotated = `${ACCESS_TOKEN}-rotated`;
    const token = await startTokenEndpoint((_, res, index) => grant(res, index === 0 ? ACCESS_TOKEN : rotated));
    const gateway = await startEchoGateway(401);
    const seen = capture();
    const auth = clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: token.tokenUrl });
    const err = await rejection(unwrap(clientFor(gateway.origin, { auth, logger: seen.logger, onEvent: seen.onEvent }).GET(pingDebtors.path)));

    expect(err).toBeInstanceOf(ApticUnauthorizedError);
    expect(gateway.received.map((r) => r.headers["authorization"])).toEqual([`Bearer ${ACCESS_TOKEN}`, `Bearer ${rotated}`]);
    expectErrorClean(err, [ACCESS_TOKEN, rotated]);
    expectNoSecret(seen.dump(), [ACCESS_TOKEN, rotated], "logger calls and events");
  });

  it("a bearer function's fresh token after a 401 is scrubbed, and so is the one before it", async () => {
    const tokens = [BEARER_TOKEN, `${BEARER_TOKEN}-fresh`];
    let n = 0;
    const gateway = await startEchoGateway(401, "text");
    const err = await rejection(unwrap(clientFor(gateway.origin, { auth: bearer(() => tokens[Math.min(n++, 1)] as string) }).GET(pingDebtors.path)));
    expect(gateway.received).toHaveLength(2);
    expectErrorClean(err, tokens);
  });
});

describe("secrets that come back through other channels", () => {
  it("a redirect Location embedding the credential (in the path and under an innocent parameter name) reaches no event or log line", async () => {
    const other = await startServer();
    const gateway = await startServer((req, res) => {
      const key = encodeURIComponent(req.headers["x-api-key"] ?? "");
      redirect(res, 302, `${other.origin}/session/${key}?next=${key}`);
    });
    const seen = capture();
    await clientFor(gateway.origin, { auth: apiKey(API_KEY), logger: seen.logger, onEvent: seen.onEvent }).GET(pingDebtors.path);

    expect(seen.events.some((e) => (e as { type: string }).type === "redirect")).toBe(true);
    expectNoSecret(seen.dump(), [API_KEY], "logger calls and events");
  });

  it("a fetch failure whose message and cause chain quote the credential leaves it in no surface of the ApticConnectionError", async () => {
    const seen = capture();
    const fetch = async (request: Request) => {
      const quoted = request.headers.get("authorization") ?? "";
      const root = Object.assign(new Error(`socket hang up after sending ${encodeURIComponent(quoted)}`), { code: "ECONNRESET" });
      throw new TypeError(`proxy refused the request with header ${quoted}`, { cause: root });
    };
    const err = await rejection(
      clientFor("https://gateway.example.org", { auth: bearer(BEARER_TOKEN), fetch, logger: seen.logger, onEvent: seen.onEvent }).GET(pingDebtors.path),
    );

    expect(err).toBeInstanceOf(ApticConnectionError);
    expect((err as Error).cause, "the cause is kept (scrubbed, not dropped)").toBeDefined();
    expectErrorClean(err, [BEARER_TOKEN]);
    expectNoSecret(seen.dump(), [BEARER_TOKEN], "logger calls and events");
  });
});

describe("a token endpoint echoing the client credentials in its OAuth2 error", () => {
  it.each(([400, 401] as const).flatMap((status) => (["basic", "body"] as const).map((method) => [status, method] as const)))(
    "a %i quoting the client secret (client auth %s) in error, error_description and headers leaves no trace in the ApticTokenError or the logs",
    async (status, clientAuthMethod) => {
      const token = await startTokenEndpoint((req, res) => {
        const echo = tokenErrorEcho(req);
        write(res, status, JSON.stringify(echo.body), { ...echo.headers, "content-type": "application/json" });
      });
      const seen = capture();
      const auth = clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: token.tokenUrl, clientAuthMethod });
      const err = await rejection(clientFor("http://127.0.0.1:9", { auth, logger: seen.logger, onEvent: seen.onEvent }).GET(pingDebtors.path));

      expect(err).toBeInstanceOf(ApticTokenError);
      expect((err as ApticTokenError).status).toBe(status);
      const wire = token.transcript();
      expect(
        clientAuthMethod === "basic" ? wire.includes(BASIC) : formsOf(CLIENT_SECRET).some((f) => wire.includes(f)),
        "the secret went to the endpoint",
      ).toBe(true);
      expectErrorClean(err, [CLIENT_SECRET, BASIC]);
      expectNoSecret(seen.dump(), [CLIENT_SECRET, BASIC], "logger calls and events");
    },
  );

  it("a retried 503 quoting the client secret leaves no trace in the error after the retries", async () => {
    const token = await startTokenEndpoint((req, res) => {
      const echo = tokenErrorEcho(req);
      write(res, 503, JSON.stringify(echo.body), { ...echo.headers, "content-type": "application/json" });
    });
    const seen = capture();
    const auth = clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: token.tokenUrl });
    const aptic = clientFor("http://127.0.0.1:9", {
      auth,
      retry: { retries: 2 },
      timing: { sleep: async () => {} },
      logger: seen.logger,
      onEvent: seen.onEvent,
    });
    const err = await rejection(aptic.GET(pingDebtors.path));

    expect(token.received).toHaveLength(3);
    expect(err).toBeInstanceOf(ApticTokenError);
    expectErrorClean(err, [CLIENT_SECRET, BASIC]);
    expectNoSecret(seen.dump(), [CLIENT_SECRET, BASIC], "logger calls and events");
  });

  it("a token endpoint's error body quoting the Basic header itself is scrubbed (the base64 form)", async () => {
    const token = await startTokenEndpoint((req, res) =>
      json(res, 401, { error: "invalid_client", error_description: `header was ${req.headers["authorization"]}` }),
    );
    const err = await rejection(
      clientFor("http://127.0.0.1:9", { auth: clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: token.tokenUrl }) }).GET(
        pingDebtors.path,
      ),
    );
    expect(err).toBeInstanceOf(ApticTokenError);
    expect((err as Error).message).toContain("header was Basic");
    expectErrorClean(err, [BASIC, CLIENT_SECRET]);
  });
});

describe("URLs with credential-like query parameters are redacted in errors, logs and events", () => {
  const NAMES = [
    "access_token",
    "token",
    "key",
    "api_key",
    "apikey",
    "code",
    "id_token",
    "refresh_token",
    "client_secret",
    "password",
    "signature",
    "sig",
    "X-Amz-Signature",
    "jwt",
  ];
  const VARIANTS = NAMES.flatMap((name) => [name, name.toUpperCase(), name.charAt(0).toUpperCase() + name.slice(1).toLowerCase()]);
  const query = Object.fromEntries(VARIANTS.map((name, i) => [name, `qv${i}-${name}-S3cr3tValue`]));
  const values = Object.values(query);

  it.each(VARIANTS)("?%s=… is redacted in an ApticApiError, its message, the logs and the events", async (name) => {
    const gateway = await startServer((_, res) => json(res, 500, { title: "boom" }));
    const seen = capture();
    const value = query[name] as string;
    const result = await clientFor(gateway.origin, { logger: seen.logger, onEvent: seen.onEvent }).GET(listDebtors.path, {
      params: { query: { [name]: value, $top: 5 } },
    } as never);

    expect(gateway.received[0]?.url).toContain(encodeURIComponent(value));
    const err = toApiError(result);
    expect(err?.url).toContain("top=5");
    expectErrorClean(err, [value]);
    expectNoSecret(seen.dump(), [value], "logger calls and events");
  });

  it("every credential-like parameter is redacted in an ApticConnectionError's url and message", async () => {
    const closed = await startServer();
    const origin = closed.origin;
    await closed.close();
    const seen = capture();
    const err = await rejection(clientFor(origin, { logger: seen.logger, onEvent: seen.onEvent }).GET(listDebtors.path, { params: { query } } as never));
    expect(err).toBeInstanceOf(ApticConnectionError);
    expectErrorClean(err, values);
    expectNoSecret(seen.dump(), values, "logger calls and events");
  });

  it("a redirect's Location with ?code=… and X-Amz-Signature=… is redacted in the redirect event and log line", async () => {
    const other = await startServer();
    const gateway = await startServer((_, res) => redirect(res, 302, `${other.origin}/cb?code=AuthC0deValue&X-Amz-Signature=AmzS1gValue&state=ok`));
    const seen = capture();
    await clientFor(gateway.origin, { logger: seen.logger, onEvent: seen.onEvent }).GET(pingDebtors.path);
    expect(seen.events.some((e) => (e as { type: string }).type === "redirect")).toBe(true);
    expectNoSecret(seen.dump(), ["AuthC0deValue", "AmzS1gValue"], "logger calls and events");
    expect(seen.dump()).toContain("state=ok");
  });

  it("a tokenUrl carrying a credential in its query is redacted in the token error and the token event", async () => {
    const failing = await startTokenEndpoint((_, res) => json(res, 400, { error: "invalid_scope" }));
    const seen = capture();
    const tokenUrl = `${failing.tokenUrl}?tenant=nordbank&client_secret=QueryS3cretValue`;
    const err = await rejection(
      clientFor("http://127.0.0.1:9", {
        auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl }),
        logger: seen.logger,
        onEvent: seen.onEvent,
      }).GET(pingDebtors.path),
    );
    expect(err).toBeInstanceOf(ApticTokenError);
    expect((err as Error).message).toContain("tenant=nordbank");
    expectErrorClean(err, ["QueryS3cretValue"]);

    const working = await startTokenEndpoint();
    const gateway = await startServer();
    await clientFor(gateway.origin, {
      auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: `${working.tokenUrl}?client_secret=QueryS3cretValue` }),
      logger: seen.logger,
      onEvent: seen.onEvent,
    }).GET(pingDebtors.path);
    expect(seen.events.some((e) => (e as { type: string }).type === "token")).toBe(true);
    expectNoSecret(seen.dump(), ["QueryS3cretValue"], "logger calls and events");
  });
});

describe("echoes in forms and places the scrubber does not cover yet", () => {
  const ASCII_TOKEN = "AsciiOnly-T0ken-4242-abcdefgh";

  it("a gateway writing its JSON as ASP.NET Core does (\\uXXXX escapes) leaks nothing through the raw result.error", async () => {
    const gateway = await startServer((req, res) => write(res, 400, dotnetJson(problemEcho(req, 400)), { "content-type": "application/problem+json" }));
    const result = await clientFor(gateway.origin, { auth: bearer(BEARER_TOKEN) }).GET(pingDebtors.path);
    expect(result.response.status).toBe(400);
    expectNoSecret(render(result.error), [BEARER_TOKEN], "result.error");
  });

  it("an X-Request-Id response header echoing the credential does not reach err.requestId", async () => {
    const gateway = await startServer((req, res) => json(res, 400, { title: "Bad" }, { "x-request-id": req.headers["authorization"] ?? "" }));
    const err = await rejection(unwrap(clientFor(gateway.origin, { auth: bearer(ASCII_TOKEN) }).GET(pingDebtors.path)));
    expect(err).toBeInstanceOf(ApticBadRequestError);
    expectErrorClean(err, [ASCII_TOKEN]);
  });

  it("a response header echoing a non-ASCII credential (which fetch reads as its UTF-8 bytes in Latin-1) leaves no fragment in err.headers", async () => {
    const gateway = await startEchoGateway(400);
    const err = await rejection(unwrap(clientFor(gateway.origin, { auth: apiKey(API_KEY) }).GET(pingDebtors.path)));
    expect(err).toBeInstanceOf(ApticBadRequestError);
    expectNoFragment(render((err as ApticBadRequestError).headers), [API_KEY], "err.headers");
  });

  it("a credential straddling the 200-character excerpt of a non-JSON 2xx leaves no fragment in bodyExcerpt", async () => {
    const gateway = await startServer((req, res) =>
      write(res, 200, `${"x".repeat(188)}${req.headers["authorization"]?.slice(7) ?? ""} was accepted`, { "content-type": "application/json" }),
    );
    const err = await rejection(clientFor(gateway.origin, { auth: bearer(ASCII_TOKEN) }).GET(pingDebtors.path));
    expect(err).toBeInstanceOf(ApticResponseError);
    for (const [where, text] of errorSurfaces(err)) expectNoFragment(text, [ASCII_TOKEN], where);
  });

  it("a client secret straddling the 200-character cut of error_description leaves no fragment in the ApticTokenError", async () => {
    const token = await startTokenEndpoint((req, res) =>
      json(res, 400, { error: "invalid_client", error_description: `${"y".repeat(188)}${new URLSearchParams(req.body).get("client_secret")}` }),
    );
    const auth = clientCredentials({ clientId: "erp", clientSecret: "ClientS3cret-Straddling-42", tokenUrl: token.tokenUrl, clientAuthMethod: "body" });
    const err = await rejection(clientFor("http://127.0.0.1:9", { auth }).GET(pingDebtors.path));
    expect(err).toBeInstanceOf(ApticTokenError);
    for (const [where, text] of errorSurfaces(err)) expectNoFragment(text, ["ClientS3cret-Straddling-42"], where);
  });

  it("a non-JSON 2xx starting with the credential leaves no fragment in the SyntaxError cause (V8 quotes the first characters)", async () => {
    const gateway = await startServer((req, res) =>
      write(res, 200, `${req.headers["authorization"]?.slice(7) ?? ""} was accepted`, { "content-type": "application/json" }),
    );
    const err = await rejection(clientFor(gateway.origin, { auth: bearer(ASCII_TOKEN) }).GET(pingDebtors.path));
    expect(err).toBeInstanceOf(ApticResponseError);
    for (const [where, text] of errorSurfaces(err)) expectNoFragment(text, [ASCII_TOKEN], where);
  });

  it("a custom provider's token echoed without its 'Bearer' scheme is scrubbed too", async () => {
    const gateway = await startServer((req, res) =>
      json(res, 401, { title: "Unauthorized", detail: `token ${req.headers["authorization"]?.slice(7)} has expired` }),
    );
    const err = await rejection(unwrap(clientFor(gateway.origin, { auth: () => ({ authorization: `Bearer ${ASCII_TOKEN}` }) }).GET(pingDebtors.path)));
    expect(err).toBeInstanceOf(ApticUnauthorizedError);
    expectErrorClean(err, [ASCII_TOKEN]);
  });
});
