// Middleware through `aptic.use()` behaves exactly as openapi-fetch documents it, and the
// client's per-call options survive whatever a middleware does to the Request.
import { describe, expect, it } from "vitest";
import type { Middleware } from "openapi-fetch";
import { bearer, createApticClient, unwrap } from "../../src/index.js";
import { fakeTiming, GUID, json } from "../support/fake-fetch.js";
import { createDebtor, getDebtor } from "../../src/operations/index.js";

const BASE = "https://gateway.invalid";

function recording(...answers: Array<(request: Request) => Response>) {
  const seen: Request[] = [];
  const fetch = async (request: Request) => {
    seen.push(request.clone());
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
    if (!answer) throw new Error("no answer");
    return answer(request);
  };
  return { seen, fetch };
}

const ok = () => json(200, { debtorGuid: GUID, lastname: "Lindqvist" });

describe("openapi-fetch middleware through aptic.use()", () => {
  it("an onRequest that returns new Request(request) is allowed and its request is the one sent", async () => {
    const { seen, fetch } = recording(ok);
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok"), fetch });
    aptic.use({ onRequest: ({ request }) => new Request(request, { headers: { ...Object.fromEntries(request.headers), "x-tenant": "nordbank" } }) });
    const debtor = await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } }));
    expect(debtor.lastname).toBe("Lindqvist");
    expect(seen[0]?.headers.get("x-tenant")).toBe("nordbank");
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer tok");
  });

  it("per-call options survive a middleware that replaces the Request (idempotencyKey, retry, timeoutMs)", async () => {
    const { timing } = fakeTiming();
    const { seen, fetch } = recording(
      () => json(503, {}),
      () => json(201, { debtorGuid: GUID }),
    );
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok"), fetch, timing });
    aptic.use({ onRequest: ({ request }) => new Request(request) });
    const created = await unwrap(
      aptic.POST(createDebtor.path, { body: { firstname: "Ola", lastname: "Nordmann" }, idempotencyKey: "order-1001", retry: { retries: 1, unsafe: true } }),
    );
    expect(created.debtorGuid).toBe(GUID);
    expect(seen).toHaveLength(2);
    expect(seen.map((r) => r.headers.get("idempotency-key"))).toEqual(["order-1001", "order-1001"]);
    expect(await seen[1]?.text()).toBe(JSON.stringify({ firstname: "Ola", lastname: "Nordmann" }));
  });

  it("per-call options never ride on the Request a middleware sees", async () => {
    const { fetch } = recording(ok);
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok"), fetch });
    let keys: string[] = [];
    aptic.use({ onRequest: ({ request }) => void (keys = Object.keys(request)) });
    await aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } }, timeoutMs: 5000, idempotencyKey: "k", requestId: "r" });
    expect(keys).toEqual([]);
  });

  it("runs once per call, outside the retries: onRequest before the first attempt, onResponse with the final response", async () => {
    const { timing } = fakeTiming();
    const { seen, fetch } = recording(
      () => json(503, {}),
      () => json(502, {}),
      ok,
    );
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok"), fetch, timing });
    const calls: string[] = [];
    aptic.use({
      onRequest: () => void calls.push("request"),
      onResponse: ({ response }) => void calls.push(`response ${response.status}`),
    });
    await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } }));
    expect(seen).toHaveLength(3);
    expect(calls).toEqual(["request", "response 200"]);
  });

  it("an onResponse may replace the response, and the client reads the replacement", async () => {
    const { fetch } = recording(ok);
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok"), fetch });
    aptic.use({ onResponse: () => json(200, { debtorGuid: GUID, lastname: "Replaced" }) });
    expect((await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } }))).lastname).toBe("Replaced");
  });

  it("onError sees the typed transport error after retries and may answer with a Response", async () => {
    const { timing } = fakeTiming();
    const fetch = async () => {
      throw new TypeError("fetch failed");
    };
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok"), fetch, timing, retry: { retries: 1 } });
    const errors: unknown[] = [];
    const fallback: Middleware = { onError: ({ error }) => (errors.push(error), json(200, { debtorGuid: GUID, lastname: "Cached" })) };
    aptic.use(fallback);
    const debtor = await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } }));
    expect(debtor.lastname).toBe("Cached");
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).name).toBe("ApticConnectionError");
    aptic.eject(fallback);
    await expect(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } })).rejects.toMatchObject({ name: "ApticConnectionError" });
  });

  it("an onRequest that returns a Response short-circuits the network", async () => {
    const { seen, fetch } = recording(ok);
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok"), fetch });
    aptic.use({ onRequest: () => json(200, { debtorGuid: GUID, lastname: "FromCache" }) });
    expect((await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } }))).lastname).toBe("FromCache");
    expect(seen).toHaveLength(0);
  });
});
