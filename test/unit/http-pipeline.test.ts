// The per-call fetch (src/http/pipeline.ts) as an integrator sees it: what each attempt carries,
// what is retried and what is not, what happens to the bodies of responses it throws away, when
// a 2xx is handed over, and what the events say about each attempt.
import { describe, expect, it } from "vitest";
import { ApticUsageError, bearer, clientCredentials, createApticClient, type ApticEvent } from "../../src/index.js";
import { fakeFetch, fakeTiming, json } from "../support/fake-fetch.js";
import { createDebtor, pingDebtors } from "../../src/operations/index.js";

const BASE = "https://gateway.invalid";
const TOKEN_URL = "https://login.invalid/connect/token";
const BODY = { firstname: "Ola", lastname: "Nordmann", countryCode: "NO", currencyCode: "NOK" };

function client(fetch: (r: Request, init?: RequestInit) => Promise<Response>, extra: Parameters<typeof createApticClient>[0] | object = {}) {
  const t = fakeTiming();
  const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok-pipeline"), fetch, timing: t.timing, ...extra });
  return { aptic, ...t };
}

/** A body that records whether the client cancelled it (so its connection can be reused). */
function trackedBody(text: string) {
  const state = { cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe("what an attempt carries", () => {
  it("sends X-Request-Id only when the call gives a requestId", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    const { aptic } = client(fetch);
    await aptic.GET(pingDebtors.path, { requestId: "trace-7" });
    await aptic.GET(pingDebtors.path);
    expect(fetch.seen[0]?.headers.get("x-request-id")).toBe("trace-7");
    expect(fetch.seen[1]?.headers.has("x-request-id")).toBe(false);
  });

  it("the first attempt sends the very Request a middleware returned; a retry sends a fresh copy with the same body", async () => {
    const got: Request[] = [];
    const fetch = fakeFetch(
      (request) => {
        got.push(request);
        return json(503, {});
      },
      (request) => {
        got.push(request);
        return json(201, { debtorGuid: "g" });
      },
    );
    const { aptic } = client(fetch);
    let built: Request | undefined;
    aptic.use({ onRequest: ({ request }) => (built = new Request(request)) });
    const result = await aptic.POST(createDebtor.path, { body: BODY, idempotencyKey: "order-1", retry: { unsafe: true } });

    expect(result.response.status).toBe(201);
    expect(got[0]).toBe(built);
    expect(got[1]).not.toBe(built);
    expect(fetch.seen.map((s) => s.body)).toEqual([JSON.stringify(BODY), JSON.stringify(BODY)]);
    expect(fetch.seen.map((s) => s.headers.get("idempotency-key"))).toEqual(["order-1", "order-1"]);
  });
});

describe("a fetch that does not resolve to a Response", () => {
  it.each([
    ["undefined (a wrapper without return)", undefined],
    ["null", null],
    ["a plain object", { status: 200 }],
  ])("%s is an ApticUsageError at once, not retried", async (_, value) => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      return value as unknown as Response;
    };
    const { aptic, sleeps } = client(fetch);
    const err = await aptic.GET(pingDebtors.path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticUsageError);
    expect((err as Error).message).toMatch(/fetch resolved to something that is not a Response/);
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });
});

describe("responses the client does not hand over", () => {
  it("cancels the body of a response it retries past", async () => {
    const first = trackedBody('{"title":"busy"}');
    const fetch = fakeFetch(
      () => new Response(first.stream, { status: 503 }),
      () => json(200, { ok: true }),
    );
    const { aptic } = client(fetch);
    expect((await aptic.GET(pingDebtors.path)).response.status).toBe(200);
    expect(first.state.cancelled).toBe(true);
  });

  it("retries past a response without a body", async () => {
    const fetch = fakeFetch(
      () => new Response(null, { status: 503 }),
      () => json(200, { ok: true }),
    );
    const { aptic } = client(fetch);
    expect((await aptic.GET(pingDebtors.path)).response.status).toBe(200);
    expect(fetch.seen).toHaveLength(2);
  });

  it("cancels the body of a 401 it refreshes past, and retries a body-less 401", async () => {
    const first = trackedBody('{"title":"expired"}');
    let issued = 0;
    const fetch = fakeFetch(async (request) => {
      if (request.url === TOKEN_URL) return json(200, { access_token: `tok-${++issued}-abcdef`, token_type: "Bearer", expires_in: 3600 });
      if (request.headers.get("authorization") === "Bearer tok-1-abcdef") return new Response(first.stream, { status: 401 });
      if (request.headers.get("authorization") === "Bearer tok-2-abcdef") return new Response(null, { status: 401 });
      return json(200, { ok: true });
    });
    const { aptic } = client(fetch, { auth: clientCredentials({ clientId: "erp", clientSecret: "secret-xyz", tokenUrl: TOKEN_URL }) });
    const result = await aptic.GET(pingDebtors.path);
    expect(result.response.status).toBe(401);
    expect(first.state.cancelled).toBe(true);
    expect(issued).toBe(2);
  });

  it("a 304 (no body by definition) comes back as a result, not a TypeError", async () => {
    const fetch = fakeFetch(() => new Response(null, { status: 304, headers: { etag: '"v1"' } }));
    const { aptic } = client(fetch);
    const result = await aptic.GET(pingDebtors.path);
    expect(result.response.status).toBe(304);
    expect(result.response.headers.get("etag")).toBe('"v1"');
  });
});

describe("only a 401 refreshes an OAuth2 token", () => {
  it.each([403, 404, 500])("a %i does not fetch a new token or send again", async (status) => {
    let issued = 0;
    const fetch = fakeFetch(async (request) => {
      if (request.url === TOKEN_URL) return json(200, { access_token: `tok-${++issued}-abcdef`, token_type: "Bearer", expires_in: 3600 });
      return json(status, { title: "no" });
    });
    const { aptic } = client(fetch, { auth: clientCredentials({ clientId: "erp", clientSecret: "secret-xyz", tokenUrl: TOKEN_URL }), retry: false });
    expect((await aptic.GET(pingDebtors.path)).response.status).toBe(status);
    expect(issued).toBe(1);
    expect(fetch.seen.filter((s) => s.url !== TOKEN_URL)).toHaveLength(1);
  });
});

describe("a 2xx is handed over as it came", () => {
  it("parseAs stream resolves as soon as the headers are in, with the Response fetch returned", async () => {
    let sent: Response | undefined;
    const fetch = fakeFetch(() => {
      // A body that is never finished: only a client that does not read it can resolve.
      const stream = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode("first chunk")) });
      sent = new Response(stream, { status: 200, headers: { "content-type": "application/x-ndjson" } });
      return sent;
    });
    const { aptic } = client(fetch, { timeoutMs: 0 });
    const result = await aptic.GET(pingDebtors.path, { parseAs: "stream" });
    expect(result.response).toBe(sent);
    const reader = (result.data as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first chunk");
    await reader.cancel();
  });
});

describe("the backoff wait", () => {
  it("is not cut by the attempt's timeoutMs (only a deadline or the caller's signal bound it)", async () => {
    const fetch = fakeFetch(
      () => json(503, {}, { "retry-after": "1" }),
      () => new Response(null, { status: 204 }),
    );
    const waits: number[] = [];
    // A wait that takes longer (in real time) than the attempt's limit, and gives up when told to.
    const sleep = (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        waits.push(ms);
        signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
        setTimeout(resolve, 150);
      });
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok"), fetch, timing: { sleep }, timeoutMs: 20 });
    const result = await aptic.GET(pingDebtors.path, { parseAs: "stream" });
    expect(result.response.status).toBe(204);
    expect(waits).toEqual([1000]);
  });
});

describe("events per attempt", () => {
  it("a response event's durationMs is the attempt's time on the injected clock", async () => {
    const t = fakeTiming();
    const events: ApticEvent[] = [];
    const fetch = fakeFetch(() => {
      t.advance(250);
      return json(200, {});
    });
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok"), fetch, timing: t.timing, onEvent: (e) => events.push(e) });
    await aptic.GET(pingDebtors.path);
    expect(events.find((e) => e.type === "response")).toMatchObject({ durationMs: 250, status: 200 });
  });
});
