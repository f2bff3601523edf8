// Proxies and client certificates: an undici Dispatcher reaches fetch as `init.dispatcher` on every
// attempt (retries and redirects included) and on the token request, per call or client-wide.
import { describe, expect, it } from "vitest";
import { bearer, clientCredentials, createApticClient } from "../../src/index.js";
import { pingDebtors } from "../../src/operations/index.js";
import { json } from "../support/fake-fetch.js";

const BASE = "https://gateway.invalid";
const TOKEN_URL = "https://login.invalid/connect/token";

/** Records which dispatcher each fetch got, answering from the queue (the last repeats). */
function recording(...answers: Array<(request: Request) => Response>) {
  const seen: Array<[string, unknown]> = [];
  const fetch = async (request: Request, init?: RequestInit) => {
    seen.push([request.url, (init as { dispatcher?: unknown } | undefined)?.dispatcher]);
    return (answers[Math.min(seen.length - 1, answers.length - 1)] as (request: Request) => Response)(request);
  };
  return { seen, fetch };
}

describe("dispatcher", () => {
  it("a per-call dispatcher reaches every attempt: the first, a redirect hop and a retry", async () => {
    const proxy = { name: "ProxyAgent" };
    const { seen, fetch } = recording(
      () => new Response(null, { status: 307, headers: { location: `${BASE}/elsewhere` } }),
      () => json(503, {}),
      () => json(200, {}),
    );
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("t"), fetch, timing: { sleep: async () => {} } });
    expect((await aptic.GET(pingDebtors.path, { dispatcher: proxy })).response.status).toBe(200);
    expect(seen.map(([, d]) => d)).toEqual([proxy, proxy, proxy]);
    expect(seen).toHaveLength(3);
  });

  it("reaches the token request the call starts; a client-wide one applies when the call has none", async () => {
    const wide = { name: "client-cert Agent" };
    const own = { name: "per-call ProxyAgent" };
    const token = () => json(200, { access_token: "tok-dispatcher", expires_in: 3600 });
    const { seen, fetch } = recording(token, () => json(200, {}));
    const auth = clientCredentials({ clientId: "erp", clientSecret: "s3cret-dispatcher", tokenUrl: TOKEN_URL });
    const aptic = createApticClient({ baseUrl: BASE, auth, fetch, dispatcher: wide });
    await aptic.GET(pingDebtors.path, { dispatcher: own });
    await aptic.GET(pingDebtors.path);
    expect(seen).toEqual([
      [TOKEN_URL, own],
      [`${BASE}${pingDebtors.path}`, own],
      [`${BASE}${pingDebtors.path}`, wide],
    ]);
  });

  it("no dispatcher: fetch gets none", async () => {
    const { seen, fetch } = recording(() => json(200, {}));
    await createApticClient({ baseUrl: BASE, fetch }).GET(pingDebtors.path);
    expect(seen).toEqual([[`${BASE}${pingDebtors.path}`, undefined]]);
  });

  it("a dispatcher that is not an object is refused before sending", async () => {
    const { seen, fetch } = recording(() => json(200, {}));
    expect(() => createApticClient({ baseUrl: BASE, fetch, dispatcher: "proxy" as never })).toThrow("dispatcher must be an undici Dispatcher");
    await expect(createApticClient({ baseUrl: BASE, fetch }).GET(pingDebtors.path, { dispatcher: 1 as never })).rejects.toThrow(
      "dispatcher must be an undici Dispatcher",
    );
    expect(seen).toHaveLength(0);
  });
});
