// Redaction by name, as a caller sees it in errors and events: credential response headers
// (whatever their value, so even secrets the client never knew), the auth strategy's own header
// names in any case, and credential-like query parameters in every URL an error or event shows.
import { describe, expect, it } from "vitest";
import { apiKey, clientCredentials, createApticClient, unwrap, type ApticApiError, type ApticEvent } from "../../src/index.js";
import { fakeFetch, json, problem, type Handler } from "../support/fake-fetch.js";
import { listDebtors, pingDebtors } from "../../src/operations/index.js";

const BASE = "http://127.0.0.1:9";

async function apiFailure(handler: Handler, options: Record<string, unknown> = {}, query?: Record<string, string>): Promise<ApticApiError> {
  const aptic = createApticClient({ baseUrl: BASE, retry: false, fetch: fakeFetch(handler), ...options });
  const call = query ? aptic.GET(listDebtors.path, { params: { query: query as never } }) : aptic.GET(pingDebtors.path);
  return unwrap(call).then(
    () => {
      throw new Error("expected the call to fail");
    },
    (err: unknown) => err as ApticApiError,
  );
}

describe("credential response headers", () => {
  it("are redacted by name, whatever their value and even without auth", async () => {
    const headers = {
      authorization: "Basic c29tZTpvdGhlcg==",
      "proxy-authorization": "Bearer proxy-only",
      cookie: "sid=1",
      "set-cookie": "sid=2; HttpOnly",
      "x-api-key": "someone-elses-key",
      "x-request-id": "r-1",
    };
    const err = await apiFailure(() => problem(401, "denied", {}, headers));
    expect(err.headers).toEqual({
      authorization: "[REDACTED]",
      "proxy-authorization": "[REDACTED]",
      cookie: "[REDACTED]",
      "set-cookie": "[REDACTED]",
      "x-api-key": "[REDACTED]",
      "x-request-id": "r-1",
      "content-type": "application/problem+json",
    });
  });

  it("include the header an API key is sent in, named in any case", async () => {
    const echo: Handler = () => problem(401, "denied", {}, { "X-Aptic-Key": "a value the client never sent", "x-other": "kept" });
    const err = await apiFailure(echo, { auth: apiKey("k-123456", { header: "X-Aptic-Key" }) });
    expect(err.headers["x-aptic-key"]).toBe("[REDACTED]");
    expect(err.headers["x-other"]).toBe("kept");
  });

  it("include every header a custom provider sets", async () => {
    const auth = () => ({ "X-Tenant-Secret": "tenant-secret-1" });
    const err = await apiFailure(() => problem(403, "denied", {}, { "x-tenant-secret": "rotated-value" }), { auth });
    expect(err.headers["x-tenant-secret"]).toBe("[REDACTED]");
  });
});

describe("credential-like query parameters in URLs", () => {
  const redacted = [
    "key",
    "code",
    "sig",
    "jwt",
    "auth",
    "KEY",
    "access_token",
    "id_token",
    "client_secret",
    "password",
    "X-Amz-Signature",
    "api-key",
    "apikey",
    "credential",
    "sessionId",
  ];
  const kept = ["keyword", "postcode", "signal", "authority", "jwtish", "$top", "$filter"];

  it("are redacted in an API error's URL, and nothing else is", async () => {
    const query = Object.fromEntries([...redacted, ...kept].map((name, i) => [name, `v${i}`]));
    const err = await apiFailure(() => json(400, { title: "bad" }), {}, query);
    const params = new URL(err.url).searchParams;
    for (const name of redacted) expect(params.get(name), name).toBe("[REDACTED]");
    for (const name of kept) expect(params.get(name), name).toBe(query[name]);
    expect(err.message).toContain(err.url);
  });

  it("are redacted in the token URL the token event reports", async () => {
    const events: ApticEvent[] = [];
    const tokenUrl = `${BASE}/connect/token?tenant=nordbank&sig=s3cr3t-signature`;
    const fetch = fakeFetch((request) =>
      request.url.startsWith(`${BASE}/connect/token`) ? json(200, { access_token: "at-1", token_type: "Bearer", expires_in: 60 }) : json(200, {}),
    );
    const aptic = createApticClient({
      baseUrl: BASE,
      fetch,
      auth: clientCredentials({ clientId: "c", clientSecret: "cs-123", tokenUrl }),
      onEvent: (event) => void events.push(event),
    });
    await unwrap(aptic.GET(pingDebtors.path));
    expect(fetch.seen[0]?.url).toBe(tokenUrl);
    const token = events.find((event) => event.type === "token") as { tokenUrl?: string } | undefined;
    expect(token?.tokenUrl).toBe(`${BASE}/connect/token?tenant=nordbank&sig=%5BREDACTED%5D`);
  });
});

describe("secret-looking query parameter names", () => {
  const names = [
    "sas",
    "sig",
    "pwd",
    "pass",
    "password",
    "secret",
    "token",
    "key",
    "apikey",
    "Subscription-Key",
    "otp",
    "pin",
    "private_key",
    "access_token",
    "client_secret",
  ];
  it.each(names)("%s is redacted in the URL an error reports", async (name) => {
    const err = await apiFailure(() => problem(400, "bad"), {}, { [name]: "hunter2-value", $top: "5" });
    expect(err.url).toContain(`${encodeURIComponent(name)}=%5BREDACTED%5D`);
    expect(err.url).toContain("%24top=5");
    expect(err.url).not.toContain("hunter2-value");
  });

  it.each(["keyword", "pinned", "top", "filter", "passage_id"])("%s is kept", async (name) => {
    const err = await apiFailure(() => problem(400, "bad"), {}, { [name]: "shown" });
    expect(err.url).toContain(`${name}=shown`);
  });
});
