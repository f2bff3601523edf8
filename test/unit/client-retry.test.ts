import { describe, expect, it } from "vitest";
import { bearer, createApticClient, unwrap, type ApticClient, type ApticClientOptions } from "../../src/index.js";
import { ApticAbortError, ApticConnectionError, ApticRateLimitError, ApticServerError, ApticTimeoutError } from "../../src/index.js";
import { fakeFetch, fakeTiming, GUID, hangingFetch, json, problem } from "../support/fake-fetch.js";
import { createDebtor, getDebtor as getDebtorOp } from "../../src/operations/index.js";

const BASE = "http://127.0.0.1:9";
const debtor = { debtorGuid: GUID, firstname: "Astrid", lastname: "Lindqvist" };

function client(fetch: (r: Request, init?: RequestInit) => Promise<Response>, extra: Partial<ApticClientOptions> = {}) {
  const t = fakeTiming();
  const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok-123"), fetch, timing: t.timing, ...extra });
  return { aptic, sleeps: t.sleeps, t };
}

const getDebtor = (aptic: ApticClient, init: Record<string, unknown> = {}) => aptic.GET(getDebtorOp.path, { params: { path: { debtorGuid: GUID } }, ...init });

describe("retries", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries GET on %i and succeeds", async (status) => {
    const fetch = fakeFetch(
      () => problem(status, "transient"),
      () => json(200, debtor),
    );
    const { aptic, sleeps } = client(fetch);
    expect(await unwrap(getDebtor(aptic))).toEqual(debtor);
    expect(fetch.seen).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it("gives up after the default 2 retries and surfaces the last error", async () => {
    const fetch = fakeFetch(() => problem(503, "Service Unavailable"));
    const { aptic, sleeps } = client(fetch);
    await expect(unwrap(getDebtor(aptic))).rejects.toBeInstanceOf(ApticServerError);
    expect(fetch.seen).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]); // random 0.5 × 500·2^n
  });

  it("does not retry non-retryable statuses", async () => {
    const fetch = fakeFetch(() => problem(404, "Not Found"));
    const { aptic } = client(fetch);
    await expect(unwrap(getDebtor(aptic))).rejects.toMatchObject({ status: 404 });
    expect(fetch.seen).toHaveLength(1);
  });

  it("does not retry POST without an idempotency key", async () => {
    const fetch = fakeFetch(
      () => problem(503, "down"),
      () => json(201, debtor),
    );
    const { aptic } = client(fetch);
    const result = await aptic.POST(createDebtor.path, { body: { firstname: "Astrid" } });
    expect(result.response.status).toBe(503);
    expect(fetch.seen).toHaveLength(1);
    expect(fetch.seen[0]?.headers.get("idempotency-key")).toBeNull();
  });

  it("a POST with an idempotency key and no retry.unsafe opt-in is sent once on 503 (the key alone is only a header)", async () => {
    const fetch = fakeFetch(
      () => problem(503, "down"),
      () => json(201, debtor),
    );
    const { aptic } = client(fetch);
    const result = await aptic.POST(createDebtor.path, { body: { firstname: "Astrid" }, idempotencyKey: "key-41" });
    expect(result.response.status).toBe(503);
    expect(fetch.seen).toHaveLength(1);
    expect(fetch.seen[0]?.headers.get("idempotency-key")).toBe("key-41");
  });

  it("a POST with retry.unsafe but no idempotency key is sent once on 503", async () => {
    const fetch = fakeFetch(() => problem(503, "down"));
    const { aptic } = client(fetch);
    expect((await aptic.POST(createDebtor.path, { body: { firstname: "Astrid" }, retry: { unsafe: true } })).response.status).toBe(503);
    expect(fetch.seen).toHaveLength(1);
  });

  it("retries POST with an idempotency key and retry.unsafe (per call or client-wide), sending the same key and body each time", async () => {
    const fetch = fakeFetch(
      () => problem(503, "down"),
      () => problem(502, "bad gateway"),
      () => json(201, debtor),
    );
    const { aptic } = client(fetch);
    const created = await unwrap(aptic.POST(createDebtor.path, { body: { firstname: "Astrid" }, idempotencyKey: "key-42", retry: { unsafe: true } }));
    expect(created).toEqual(debtor);
    expect(fetch.seen.map((s) => s.headers.get("idempotency-key"))).toEqual(["key-42", "key-42", "key-42"]);
    const wide = fakeFetch(
      () => problem(503, "down"),
      () => json(201, debtor),
    );
    await unwrap(client(wide, { retry: { unsafe: true } }).aptic.POST(createDebtor.path, { body: { firstname: "Astrid" }, idempotencyKey: "k" }));
    expect(wide.seen).toHaveLength(2);
    expect(fetch.seen.map((s) => s.body)).toEqual(Array(3).fill(JSON.stringify({ firstname: "Astrid" })));
  });

  it("honours Retry-After seconds exactly (no jitter)", async () => {
    const fetch = fakeFetch(
      () => problem(429, "slow down", {}, { "retry-after": "7" }),
      () => json(200, debtor),
    );
    const { aptic, sleeps } = client(fetch);
    await unwrap(getDebtor(aptic));
    expect(sleeps).toEqual([7000]);
  });

  it("honours a Retry-After HTTP-date", async () => {
    const { aptic, sleeps, t } = client(
      fakeFetch(
        () => problem(503, "maintenance", {}, { "retry-after": new Date(t.timing.now() + 12_000).toUTCString() }),
        () => json(200, debtor),
      ),
    );
    await unwrap(getDebtor(aptic));
    expect(sleeps).toEqual([12_000]);
  });

  it("surfaces a 429 at once when Retry-After exceeds maxRetryAfterMs", async () => {
    const fetch = fakeFetch(
      () => problem(429, "quota", {}, { "retry-after": "3600" }),
      () => json(200, debtor),
    );
    const { aptic, sleeps } = client(fetch, { retry: { maxRetryAfterMs: 60_000 } });
    const err = await unwrap(getDebtor(aptic)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticRateLimitError);
    expect((err as ApticRateLimitError).headers["retry-after"]).toBe("3600");
    expect(fetch.seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("falls back to backoff on a malformed Retry-After", async () => {
    const fetch = fakeFetch(
      () => problem(503, "x", {}, { "retry-after": "tomorrow-ish" }),
      () => json(200, debtor),
    );
    const { aptic, sleeps } = client(fetch);
    await unwrap(getDebtor(aptic));
    expect(sleeps).toEqual([250]);
  });

  it("per-request retry settings override the client's", async () => {
    const fetch = fakeFetch(() => problem(503, "down"));
    const { aptic } = client(fetch, { retry: { retries: 5 } });
    await getDebtor(aptic, { retry: false });
    expect(fetch.seen).toHaveLength(1);
    await getDebtor(aptic, { retry: { retries: 1 } });
    expect(fetch.seen).toHaveLength(3);
  });

  // Deliberate change: the cause is a scrubbed copy of the fetch error (same name, message and
  // code), no longer the very object, so a secret inside it cannot leak through `err.cause`.
  it("retries connection failures for GET, then throws ApticConnectionError with the cause", async () => {
    const boom = Object.assign(new TypeError("fetch failed"), { code: "ECONNRESET" });
    const fetch = fakeFetch(() => Promise.reject(boom));
    const { aptic, sleeps } = client(fetch);
    const err = await getDebtor(aptic).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticConnectionError);
    expect(err).not.toBeInstanceOf(ApticTimeoutError);
    expect((err as Error).cause).toBeInstanceOf(Error);
    expect((err as Error).cause).toMatchObject({ name: "TypeError", message: "fetch failed", code: "ECONNRESET" });
    expect(fetch.seen).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it("does not retry a POST connection failure without a key", async () => {
    const fetch = fakeFetch(() => Promise.reject(new TypeError("socket hang up")));
    const { aptic } = client(fetch);
    await expect(aptic.POST(createDebtor.path, { body: {} })).rejects.toBeInstanceOf(ApticConnectionError);
    expect(fetch.seen).toHaveLength(1);
  });
});

describe("timeouts and cancellation", () => {
  it("times out an attempt with ApticTimeoutError (not an abort)", async () => {
    const fetch = fakeFetch(hangingFetch);
    const { aptic } = client(fetch, { retry: false });
    const err = await getDebtor(aptic, { timeoutMs: 20 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticTimeoutError);
    expect(err).not.toBeInstanceOf(ApticAbortError);
    expect((err as ApticTimeoutError).timeoutMs).toBe(20);
  });

  it("retries timeouts for idempotent methods", async () => {
    const fetch = fakeFetch(hangingFetch, () => json(200, debtor));
    const { aptic } = client(fetch, { timeoutMs: 20 });
    expect(await unwrap(getDebtor(aptic))).toEqual(debtor);
    expect(fetch.seen).toHaveLength(2);
  });

  it("a caller abort during the request is ApticAbortError, not a timeout, and is not retried", async () => {
    const fetch = fakeFetch(hangingFetch);
    const { aptic } = client(fetch, { timeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 10);
    const err = await getDebtor(aptic, { signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticAbortError);
    expect(err).not.toBeInstanceOf(ApticTimeoutError);
    expect(fetch.seen).toHaveLength(1);
  });

  it("aborting during backoff stops waiting and retrying at once (real sleep)", async () => {
    const fetch = fakeFetch(() => problem(503, "down", {}, { "retry-after": "30" }));
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("t"), fetch });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    const err = await getDebtor(aptic, { signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticAbortError);
    expect(fetch.seen).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5000); // far below the 30 s Retry-After
  });

  it("an already-aborted signal sends nothing", async () => {
    const fetch = fakeFetch(() => json(200, debtor));
    const { aptic, sleeps } = client(fetch);
    await expect(getDebtor(aptic, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(ApticAbortError);
    expect(fetch.seen).toHaveLength(0);
    expect(sleeps).toEqual([]);
  });
});
