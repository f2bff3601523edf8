// The client follows redirects itself (src/http/send.ts): what a cross-origin hop keeps, which
// targets it refuses (and that a refusal is final, never retried), which statuses count as a
// redirect, and how the method changes. An injected fetch stands in for both origins, so https
// targets can be tested too; every error is checked for the method, the redacted URL and why.
import { describe, expect, it } from "vitest";
import { ApticConnectionError, bearer, createApticClient } from "../../src/index.js";
import { createDebtor, invokeServicePut, pingDebtors } from "../../src/operations/index.js";
import { fakeFetch, fakeTiming, json } from "../support/fake-fetch.js";

const BASE = "https://gateway.invalid";
const OTHER = "https://other.invalid";

const redirect = (status: number, location: string) => () => new Response(null, { status, headers: { location } });
const ok = () => json(200, { landed: true });

/** A client that would retry a connection failure twice (so "not retried" is a real claim). */
function clientWith(fetch: ReturnType<typeof fakeFetch>, baseUrl = BASE) {
  const { timing, sleeps } = fakeTiming();
  const aptic = createApticClient({ baseUrl, auth: bearer("tok-redirect-secret"), fetch, timing, retry: { retries: 2 } });
  return { aptic, sleeps };
}

async function rejectionOf(promise: Promise<unknown>): Promise<ApticConnectionError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApticConnectionError);
  return err as ApticConnectionError;
}

describe("a cross-origin hop keeps exactly the non-credential headers", () => {
  it("keeps Accept, Accept-Language, Content-Type, Content-Language, User-Agent, Idempotency-Key, X-Request-Id and trace context; drops the rest", async () => {
    const fetch = fakeFetch(redirect(307, `${OTHER}/landing`), ok);
    const { aptic } = clientWith(fetch);
    const trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const result = await aptic.POST(createDebtor.path, {
      body: { firstname: "Ola", lastname: "Nordmann", countryCode: "NO", currencyCode: "NOK" },
      idempotencyKey: "idem-1",
      requestId: "req-1",
      headers: {
        Accept: "application/json",
        "Accept-Language": "nb-NO",
        "Content-Language": "nb",
        traceparent: trace,
        tracestate: "vendor=1",
        "X-Tenant-Key": "tenant-key-secret",
      },
    });

    expect(result.response.status).toBe(200);
    expect(fetch.seen).toHaveLength(2);
    const [first, landed] = fetch.seen;
    expect(first?.headers.get("authorization")).toBe("Bearer tok-redirect-secret");
    expect(landed?.url).toBe(`${OTHER}/landing`);
    expect(landed?.method).toBe("POST");
    expect(landed?.body).toBe(first?.body);
    const kept = Object.fromEntries(landed?.headers ?? []);
    expect(kept).toEqual({
      accept: "application/json",
      "accept-language": "nb-NO",
      "content-language": "nb",
      "content-type": first?.headers.get("content-type"),
      "user-agent": first?.headers.get("user-agent"),
      "idempotency-key": "idem-1",
      "x-request-id": "req-1",
      traceparent: trace,
      tracestate: "vendor=1",
    });
    expect(kept["user-agent"]).toMatch(/^aptic-gateway-client\//);
  });

  it("a same-origin hop keeps every header, credentials included", async () => {
    const fetch = fakeFetch(redirect(308, `${BASE}/moved`), ok);
    const { aptic } = clientWith(fetch);
    await aptic.GET(pingDebtors.path, { headers: { "X-Tenant-Key": "tenant-key-secret" } });
    expect(fetch.seen[1]?.url).toBe(`${BASE}/moved`);
    expect(fetch.seen[1]?.headers.get("authorization")).toBe("Bearer tok-redirect-secret");
    expect(fetch.seen[1]?.headers.get("x-tenant-key")).toBe("tenant-key-secret");
  });
});

describe("which targets are followed", () => {
  it("follows an https redirect to another https origin (a redirect without a body)", async () => {
    const fetch = fakeFetch(redirect(302, `${OTHER}/landing`), ok);
    const { aptic } = clientWith(fetch);
    const result = await aptic.GET(pingDebtors.path);
    expect(result.response.status).toBe(200);
    expect(fetch.seen.map((s) => s.url)).toEqual([`${BASE}${pingDebtors.path}`, `${OTHER}/landing`]);
  });

  it("follows an http redirect to https", async () => {
    const fetch = fakeFetch(redirect(301, `${OTHER}/secure`), ok);
    const { aptic } = clientWith(fetch, "http://127.0.0.1:9");
    const result = await aptic.GET(pingDebtors.path);
    expect(result.response.status).toBe(200);
    expect(fetch.seen[1]?.url).toBe(`${OTHER}/secure`);
  });

  it("follows a 300 with a Location (RFC 9110 lets a client take the preferred choice)", async () => {
    const fetch = fakeFetch(redirect(300, `${BASE}/choice`), ok);
    const { aptic } = clientWith(fetch);
    expect((await aptic.GET(pingDebtors.path)).response.status).toBe(200);
    expect(fetch.seen[1]?.url).toBe(`${BASE}/choice`);
  });

  it.each([200, 201, 400, 404, 409])("a %i with a Location header is an answer, not a redirect", async (status) => {
    const fetch = fakeFetch(() => json(status, { title: "here" }, { location: `${OTHER}/elsewhere` }), ok);
    const { aptic } = clientWith(fetch);
    const result = await aptic.GET(pingDebtors.path);
    expect(result.response.status).toBe(status);
    expect(fetch.seen).toHaveLength(1);
  });
});

describe("refused redirects are final: a typed error naming why, never retried", () => {
  it.each([
    ["a non-http scheme", `ftp://other.invalid/x`, "redirect to ftp: refused"],
    ["a javascript: URL", "javascript:alert(1)", "redirect to javascript: refused"],
    ["a URL with a user name", "https://user@other.invalid/x", "redirect to a URL with user-info refused"],
    ["a URL with only a password", "https://:pw@other.invalid/x", "redirect to a URL with user-info refused"],
    ["https to http", "http://other.invalid/x", "redirect from https to http refused"],
    ["an unparsable URL", "http://[::1", "redirect to an invalid URL"],
  ])("%s", async (_, location, why) => {
    const fetch = fakeFetch(redirect(302, location), ok);
    const { aptic, sleeps } = clientWith(fetch);
    const err = await rejectionOf(aptic.GET(pingDebtors.path));
    expect(err.message).toBe(`GET ${BASE}${pingDebtors.path}: ${why}`);
    expect(err.method).toBe("GET");
    expect(err.url).toBe(`${BASE}${pingDebtors.path}`);
    expect(fetch.seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("more than 10 redirects", async () => {
    let n = 0;
    const fetch = fakeFetch(() => new Response(null, { status: 302, headers: { location: `${BASE}/hop/${++n}` } }));
    const { aptic, sleeps } = clientWith(fetch);
    const err = await rejectionOf(aptic.GET(pingDebtors.path));
    expect(err.message).toBe(`GET ${BASE}${pingDebtors.path}: more than 10 redirects`);
    expect(fetch.seen).toHaveLength(11);
    expect(sleeps).toEqual([]);
  });

  it("an opaque redirect (a browser's fetch hides the target of redirect: manual)", async () => {
    const opaque = () => Object.defineProperties(new Response(null, { status: 200 }), { type: { value: "opaqueredirect" }, status: { value: 0 } });
    const fetch = fakeFetch(opaque, ok);
    const { aptic, sleeps } = clientWith(fetch);
    const err = await rejectionOf(aptic.GET(pingDebtors.path));
    expect(err.message).toBe(`GET ${BASE}${pingDebtors.path}: redirect not followed: this runtime hides its target`);
    expect(fetch.seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("whereas a connection failure on the same call is retried", async () => {
    const fetch = fakeFetch(() => Promise.reject(new TypeError("fetch failed")), ok);
    const { aptic, sleeps } = clientWith(fetch);
    expect((await aptic.GET(pingDebtors.path)).response.status).toBe(200);
    expect(fetch.seen).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });
});

describe("the method after a redirect", () => {
  it("a 303 after HEAD stays HEAD, as fetch does (a middleware may send HEAD)", async () => {
    const fetch = fakeFetch(redirect(303, `${BASE}/other`), () => new Response(null, { status: 200 }));
    const { aptic } = clientWith(fetch);
    aptic.use({ onRequest: ({ request }) => new Request(request, { method: "HEAD" }) });
    await aptic.GET(pingDebtors.path, { parseAs: "stream" });
    expect(fetch.seen.map((s) => s.method)).toEqual(["HEAD", "HEAD"]);
  });

  it("a 303 after PUT continues as a GET without body or content headers", async () => {
    const fetch = fakeFetch(redirect(303, `${BASE}/status`), ok);
    const { aptic } = clientWith(fetch);
    await aptic.call(invokeServicePut, {
      params: { path: { serviceDefinition: "Recalculate" } },
      body: { debtorNo: 42 },
      headers: { "Content-Language": "nb" },
    });
    expect(fetch.seen[1]).toMatchObject({ method: "GET", body: "" });
    expect(fetch.seen[1]?.headers.get("content-type")).toBeNull();
    expect(fetch.seen[1]?.headers.get("content-language")).toBeNull();
    expect(fetch.seen[1]?.headers.get("authorization")).toBe("Bearer tok-redirect-secret");
  });
});
