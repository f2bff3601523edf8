// Every accepted duration works at its documented maximum (2^31−1 ms) and one below: the call
// runs (it used to fail after ~40 ms when a shared timer rounded the limit past the maximum) and
// Node never warns about a timer overflow.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bearer, clientCredentials, createApticClient } from "../../src/index.js";
import { pingDebtors } from "../../src/operations/index.js";

const MAX = 2 ** 31 - 1;
const BASE = "https://gateway.invalid";
const TOKEN_URL = "https://login.invalid/connect/token";

let warnings: string[] = [];
const onWarning = (warning: Error) => void warnings.push(`${warning.name}: ${warning.message}`);
beforeEach(() => {
  warnings = [];
  process.on("warning", onWarning);
});
afterEach(() => {
  process.off("warning", onWarning);
});

/** Answers after `ms` real milliseconds: a limit that fired early would beat it. */
const later = (ms: number, response: () => Response) => new Promise<Response>((resolve) => setTimeout(() => resolve(response()), ms));
const ok = () => new Response(JSON.stringify({ ok: true }), { headers: { "content-type": "application/json" } });
const token = () => new Response(JSON.stringify({ access_token: "tok-durations", expires_in: 3600 }), { headers: { "content-type": "application/json" } });
/** Lets Node deliver any pending process warning. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe.each([MAX, MAX - 1])("durations of %i ms", (ms) => {
  it("client-wide timeoutMs and deadlineMs", async () => {
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("t"), timeoutMs: ms, deadlineMs: ms, fetch: () => later(60, ok) });
    const result = await aptic.GET(pingDebtors.path);
    expect(result.response.status).toBe(200);
    await settle();
    expect(warnings).toEqual([]);
  });

  it("per-call timeoutMs and deadlineMs, across a retry", async () => {
    let calls = 0;
    const fetch = () => later(30, () => (++calls === 1 ? new Response(null, { status: 503 }) : ok()));
    const aptic = createApticClient({ baseUrl: BASE, fetch, timing: { sleep: async () => {} } });
    const result = await aptic.GET(pingDebtors.path, { timeoutMs: ms, deadlineMs: ms });
    expect([result.response.status, calls]).toEqual([200, 2]);
    await settle();
    expect(warnings).toEqual([]);
  });

  it("the token request's timeoutMs and refreshSkewMs", async () => {
    const seen: string[] = [];
    const fetch = (request: Request) => {
      seen.push(request.url);
      return later(60, request.url === TOKEN_URL ? token : ok);
    };
    const auth = clientCredentials({ clientId: "erp", clientSecret: "s3cret-durations", tokenUrl: TOKEN_URL, timeoutMs: ms, refreshSkewMs: ms });
    const aptic = createApticClient({ baseUrl: BASE, auth, fetch, timeoutMs: ms });
    expect((await aptic.GET(pingDebtors.path)).response.status).toBe(200);
    expect(seen).toEqual([TOKEN_URL, `${BASE}${pingDebtors.path}`]);
    await settle();
    expect(warnings).toEqual([]);
  });
});
