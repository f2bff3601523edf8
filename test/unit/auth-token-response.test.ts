// What a token endpoint can answer, and what the caller gets for it: each refusal and unusable
// grant as an ApticTokenError with the exact message (the README quotes two of them), redirects
// never followed, oversized answers cut off, and time limits that hold even against a fetch
// that ignores its signal or a body that never ends.
import { describe, expect, it } from "vitest";
import { ApticConnectionError, ApticTimeoutError, ApticTokenError, clientCredentials, createApticClient, unwrap } from "../../src/index.js";
import { fakeFetch, fakeTiming, json, type Handler } from "../support/fake-fetch.js";
import { pingDebtors } from "../../src/operations/index.js";

const BASE = "http://127.0.0.1:9";
const TOKEN_URL = `${BASE}/connect/token`;
const creds = { clientId: "erp", clientSecret: "s3cret-value", tokenUrl: TOKEN_URL };

/** What GET /debtors/ping rejects with when the token endpoint answers with `token`. */
async function grantFailure(token: Handler, options: { retries?: number; tokenTimeoutMs?: number } = {}) {
  const t = fakeTiming();
  const fetch = fakeFetch((request, init) => (request.url === TOKEN_URL ? token(request, init) : json(200, {})));
  const aptic = createApticClient({
    baseUrl: BASE,
    fetch,
    timing: t.timing,
    timeoutMs: 0,
    retry: { retries: options.retries ?? 0 },
    auth: clientCredentials({ ...creds, ...(options.tokenTimeoutMs ? { timeoutMs: options.tokenTimeoutMs } : {}) }),
  });
  const err = await unwrap(aptic.GET(pingDebtors.path)).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { err: err as ApticTokenError, fetch, sleeps: t.sleeps, apiCalls: fetch.seen.filter((s) => s.url !== TOKEN_URL).length };
}

const text =
  (status: number, body: string, headers: Record<string, string> = {}): Handler =>
  () =>
    new Response(body, { status, headers });

describe("refusals", () => {
  it("quote the OAuth2 code and description (README: Token request to … failed with …)", async () => {
    const { err, apiCalls } = await grantFailure(() => json(401, { error: "invalid_client", error_description: "unknown client" }));
    expect(err).toBeInstanceOf(ApticTokenError);
    expect(err.message).toBe(`Token request to ${TOKEN_URL} failed with 401 (invalid_client): unknown client`);
    expect(err).toMatchObject({ status: 401, oauthError: "invalid_client" });
    expect(apiCalls).toBe(0);
  });

  it("say only the status when the body names no error", async () => {
    const { err } = await grantFailure(() => json(403, { message: "forbidden" }));
    expect(err.message).toBe(`Token request to ${TOKEN_URL} failed with 403`);
    expect(err).toMatchObject({ status: 403, oauthError: undefined });
  });

  it("keep a code without a description, and no non-string members", async () => {
    expect((await grantFailure(() => json(400, { error: "invalid_scope" }))).err.message).toBe(`Token request to ${TOKEN_URL} failed with 400 (invalid_scope)`);
    const odd = (await grantFailure(() => json(400, { error: 7, error_description: { text: "x" } }))).err;
    expect(odd.message).toBe(`Token request to ${TOKEN_URL} failed with 400`);
    expect(odd.oauthError).toBeUndefined();
  });

  it("cut a long code to 64 characters and a long description to 200", async () => {
    const code = "c".repeat(100);
    const detail = "d".repeat(500);
    const { err } = await grantFailure(() => json(400, { error: code, error_description: detail }));
    expect(err.message).toBe(`Token request to ${TOKEN_URL} failed with 400 (${"c".repeat(64)}): ${"d".repeat(200)}`);
    expect(err.oauthError).toBe("c".repeat(64));
  });

  it("are not taken for a grant even when they carry an access_token", async () => {
    const { err, apiCalls } = await grantFailure(() => json(400, { access_token: "tok", token_type: "Bearer", error: "invalid_request" }));
    expect(err).toBeInstanceOf(ApticTokenError);
    expect(err.status).toBe(400);
    expect(apiCalls).toBe(0);
  });

  it.each(["null", "[]", "7", '"text"', "{not json", ""])("with the body %j still say the status", async (body) => {
    const { err } = await grantFailure(text(401, body));
    expect(err).toBeInstanceOf(ApticTokenError);
    expect(err.message).toBe(`Token request to ${TOKEN_URL} failed with 401`);
  });
});

describe("grants that cannot be used", () => {
  it.each([
    ["no access_token", { token_type: "Bearer" }],
    ["an empty access_token", { access_token: "" }],
    ["a numeric access_token", { access_token: 12345 }],
    ["an access_token with a space", { access_token: "tok en" }],
    ["an access_token with a control character", { access_token: "tok\u0007" }],
    ["an access_token beyond ASCII", { access_token: "tøk" }],
  ])("%s: no usable access_token", async (_, body) => {
    const { err, apiCalls } = await grantFailure(() => json(200, body));
    expect(err).toBeInstanceOf(ApticTokenError);
    expect(err.message).toBe(`Token response from ${TOKEN_URL} has no usable access_token`);
    expect(err.status).toBe(200);
    expect(apiCalls).toBe(0);
  });

  it.each(["null", "[]", "{not json", "7"])("a 2xx body %j: no usable access_token", async (body) => {
    const { err } = await grantFailure(text(200, body));
    expect(err).toBeInstanceOf(ApticTokenError);
    expect(err.message).toBe(`Token response from ${TOKEN_URL} has no usable access_token`);
  });

  it("any 2xx is a grant", async () => {
    const { err, apiCalls } = await grantFailure(() => json(299, { access_token: "tok-299" }));
    expect(err).toBeUndefined();
    expect(apiCalls).toBe(1);
  });

  it("a token_type other than Bearer is refused, cut to 32 characters (README: only Bearer tokens are supported)", async () => {
    const { err } = await grantFailure(() => json(200, { access_token: "tok", token_type: "DPoP" }));
    expect(err.message).toBe(`Token response from ${TOKEN_URL} has token_type "DPoP"; only Bearer tokens are supported`);
    expect(err.status).toBe(200);
    const long = (await grantFailure(() => json(200, { access_token: "tok", token_type: "X".repeat(50) }))).err;
    expect(long.message).toBe(`Token response from ${TOKEN_URL} has token_type "${"X".repeat(32)}"; only Bearer tokens are supported`);
  });

  it("a grant without token_type is taken as Bearer", async () => {
    const { err, fetch } = await grantFailure(() => json(200, { access_token: "tok-untyped" }));
    expect(err).toBeUndefined();
    expect(fetch.seen.at(-1)?.headers.get("authorization")).toBe("Bearer tok-untyped");
  });

  it("a body over 64 KiB is refused, read no further", async () => {
    const big = JSON.stringify({ access_token: "tok", padding: "x".repeat(70_000) });
    const { err } = await grantFailure(text(200, big));
    expect(err).toBeInstanceOf(ApticTokenError);
    expect(err.message).toBe(`Token response from ${TOKEN_URL} exceeds 65536 bytes`);
    expect(err.status).toBe(200);
  });
});

describe("redirects are never followed", () => {
  it.each([300, 301, 302, 303, 307, 308, 399])("a %i is an ApticTokenError saying why", async (status) => {
    const { err, fetch } = await grantFailure(() => new Response(null, { status, headers: { location: "https://elsewhere.example/token" } }), { retries: 2 });
    expect(err).toBeInstanceOf(ApticTokenError);
    expect(err.message).toBe(
      `Token endpoint ${TOKEN_URL} answered with a redirect (${status}); it is not followed, so the client secret stays where it was sent`,
    );
    expect(err.status).toBe(status);
    expect(fetch.seen).toHaveLength(1);
  });

  it("a redirect with a body is refused too (and its body left unread)", async () => {
    const { err } = await grantFailure(text(302, '{"access_token":"tok"}', { location: "/elsewhere" }));
    expect(err.message).toContain("answered with a redirect (302)");
  });

  it("a browser's opaque redirect (status 0) is named as such", async () => {
    const opaque: Handler = () => {
      const response = new Response(null, { status: 200 });
      Object.defineProperties(response, { type: { value: "opaqueredirect" }, status: { value: 0 } });
      return response;
    };
    const { err } = await grantFailure(opaque);
    expect(err).toBeInstanceOf(ApticTokenError);
    expect(err.message).toBe(`Token endpoint ${TOKEN_URL} answered with a redirect (opaque); it is not followed, so the client secret stays where it was sent`);
    expect(err.status).toBe(0);
  });

  it("a 400 is a refusal, not a redirect", async () => {
    const { err } = await grantFailure(() => json(400, { error: "invalid_grant" }));
    expect(err.message).toBe(`Token request to ${TOKEN_URL} failed with 400 (invalid_grant)`);
  });
});

describe("time limits of the token request", () => {
  it("hold against a fetch that ignores its signal and never answers", async () => {
    const { err } = await grantFailure(() => new Promise<Response>(() => {}), { tokenTimeoutMs: 20 });
    expect(err).toBeInstanceOf(ApticTimeoutError);
    expect((err as unknown as Error).message).toBe(`POST ${TOKEN_URL}: timed out after 20 ms`);
    expect(err).toMatchObject({ method: "POST", url: TOKEN_URL, timeoutMs: 20 });
  });

  it("hold against a body that never ends, from a fetch that ignores its signal", async () => {
    const stalled: Handler = () => new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"access_')) }), { status: 200 });
    const { err } = await grantFailure(stalled, { tokenTimeoutMs: 20 });
    expect(err).toBeInstanceOf(ApticTimeoutError);
    expect(err).toMatchObject({ method: "POST", url: TOKEN_URL, timeoutMs: 20 });
  });

  it("stop reading a body that keeps dripping after the time ran out", async () => {
    let pulls = 0;
    const drip: Handler = () =>
      new Response(
        new ReadableStream({
          async pull(controller) {
            pulls++;
            await new Promise((resolve) => setTimeout(resolve, 5));
            controller.enqueue(new Uint8Array([0x20]));
          },
        }),
        { status: 200 },
      );
    const { err } = await grantFailure(drip, { tokenTimeoutMs: 30 });
    expect(err).toBeInstanceOf(ApticTimeoutError);
    const atTimeout = pulls;
    await new Promise((resolve) => setTimeout(resolve, 150));
    // The stream may already have one chunk queued ahead; nothing beyond that is pulled.
    expect(pulls - atTimeout).toBeLessThanOrEqual(2);
  });

  it("are cleared once the grant is read: the signal given to fetch is never aborted afterwards", async () => {
    let signal: AbortSignal | undefined;
    const { err } = await grantFailure(
      (_, init) => {
        signal = init?.signal ?? undefined;
        return json(200, { access_token: "tok" });
      },
      { tokenTimeoutMs: 20 },
    );
    expect(err).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signal?.aborted).toBe(false);
  });

  it("a body lost halfway is a connection error naming the token request", async () => {
    const broken: Handler = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"access_'));
            controller.error(new TypeError("terminated"));
          },
        }),
        { status: 200 },
      );
    const { err } = await grantFailure(broken);
    expect(err).toBeInstanceOf(ApticConnectionError);
    expect((err as unknown as Error).message).toBe(`POST ${TOKEN_URL}: connection lost while reading the body`);
  });
});
