// Structured events for every attempt (onEvent and the logger), with nothing secret in them.
import { describe, expect, it } from "vitest";
import { bearer, clientCredentials, createApticClient, unwrap, type ApticEvent, requestIdOf } from "../../src/index.js";
import { getDebtor, pingDebtors } from "../../src/operations/index.js";
import { fakeTiming, GUID, json } from "../support/fake-fetch.js";
import { pathOf } from "../support/operation-url.js";

const BASE = "https://gateway.invalid";
const TOKEN_URL = "https://login.invalid/connect/token";

function sequence(...answers: Array<(request: Request) => Response | Promise<Response>>) {
  let n = 0;
  return async (request: Request) => {
    const answer = answers[Math.min(n++, answers.length - 1)];
    if (!answer) throw new Error("no answer");
    return answer(request);
  };
}

describe("onEvent", () => {
  it("reports request, response and finished, with the operationId of call(op) and the gateway's request id", async () => {
    const events: ApticEvent[] = [];
    const fetch = sequence(() => json(200, { debtorGuid: GUID }, { "x-request-id": "req-42" }));
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok-secret"), fetch, onEvent: (e) => events.push(e) });
    const result = await aptic.call(getDebtor, { params: { path: { debtorGuid: GUID } } });
    expect(requestIdOf(result)).toBe("req-42");
    expect(events.map((e) => e.type)).toEqual(["request", "response", "finished"]);
    const common = {
      method: "GET",
      url: `${BASE}${pathOf(getDebtor, { debtorGuid: GUID })}`,
      operationId: "getDebtor",
      schemaPath: getDebtor.path,
      attempt: 1,
    };
    expect(events[0]).toEqual({ type: "request", ...common });
    expect(events[1]).toMatchObject({ type: "response", ...common, status: 200, requestId: "req-42" });
    expect(events[2]).toMatchObject({ type: "finished", ...common, status: 200, requestId: "req-42" });
    expect(typeof (events[1] as { durationMs: number }).durationMs).toBe("number");
    expect(JSON.stringify(events)).not.toContain("tok-secret");
  });

  it("reports each retry with its reason and delay, and the attempt number on every event", async () => {
    const { timing } = fakeTiming();
    const events: ApticEvent[] = [];
    const fetch = sequence(
      () => json(503, {}, { "retry-after": "2" }),
      () => json(200, { debtorGuid: GUID }),
    );
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok"), fetch, timing, onEvent: (e) => events.push(e) });
    await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } }));
    expect(events.map((e) => `${e.type}${"attempt" in e ? e.attempt : ""}`)).toEqual(["request1", "response1", "retry1", "request2", "response2", "finished2"]);
    expect(events[2]).toMatchObject({ type: "retry", reason: "503, Retry-After", delayMs: 2000 });
    expect(events[1]).toMatchObject({ status: 503, operationId: undefined });
  });

  it("reports a token fetch and its refresh with duration and expiry, never the token or the secret", async () => {
    const events: ApticEvent[] = [];
    let issued = 0;
    const fetch = async (request: Request) => {
      if (request.url === TOKEN_URL) return json(200, { access_token: `tok-${++issued}-abcdef`, token_type: "Bearer", expires_in: 3600 });
      return request.headers.get("authorization") === "Bearer tok-1-abcdef" ? json(401, {}) : json(200, { debtorGuid: GUID });
    };
    const aptic = createApticClient({
      baseUrl: BASE,
      fetch,
      onEvent: (e) => events.push(e),
      auth: clientCredentials({ clientId: "erp", clientSecret: "client-secret-xyz", tokenUrl: TOKEN_URL }),
    });
    await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } }));
    const tokens = events.filter((e) => e.type === "token");
    expect(tokens).toEqual([
      { type: "token", tokenUrl: TOKEN_URL, durationMs: expect.any(Number), expiresInS: 3600, refreshed: false },
      { type: "token", tokenUrl: TOKEN_URL, durationMs: expect.any(Number), expiresInS: 3600, refreshed: true },
    ]);
    const text = JSON.stringify(events);
    for (const secret of ["tok-1-abcdef", "tok-2-abcdef", "client-secret-xyz"]) expect(text).not.toContain(secret);
  });

  it("reports a failed call with the error's name and a scrubbed message", async () => {
    const events: ApticEvent[] = [];
    const fetch = async () => {
      throw new TypeError("socket hang up, token tok-secret-123 was sent");
    };
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok-secret-123"), fetch, retry: false, onEvent: (e) => events.push(e) });
    await expect(aptic.GET(pingDebtors.path)).rejects.toMatchObject({ name: "ApticConnectionError" });
    const failed = events.find((e) => e.type === "failed");
    expect(failed).toMatchObject({ type: "failed", errorName: "ApticConnectionError", attempt: 1, method: "GET" });
    expect(JSON.stringify(events)).not.toContain("tok-secret-123");
  });

  it("a listener that throws does not break or change the call", async () => {
    const fetch = sequence(() => json(200, { debtorGuid: GUID }));
    const aptic = createApticClient({
      baseUrl: BASE,
      auth: bearer("tok"),
      fetch,
      onEvent: () => {
        throw new Error("listener bug");
      },
    });
    expect((await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } }))).debtorGuid).toBe(GUID);
  });
});

describe("logger", () => {
  it("gets (message, fields) at a level per event type: debug for traffic, warn for retries, error for failures", async () => {
    const { timing } = fakeTiming();
    const lines: Array<[string, string, unknown]> = [];
    const logger = {
      debug: (f: unknown, m: string) => void lines.push(["debug", m, f]),
      info: (f: unknown, m: string) => void lines.push(["info", m, f]),
      warn: (f: unknown, m: string) => void lines.push(["warn", m, f]),
      error: (f: unknown, m: string) => void lines.push(["error", m, f]),
    };
    const fetch = sequence(
      () => json(503, {}),
      () => json(404, { title: "Not Found" }),
    );
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok"), fetch, timing, logger, retry: { retries: 1 } });
    await aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } });
    expect(lines.map(([level, , f]) => `${level}:${(f as ApticEvent).type}`)).toEqual([
      "debug:request",
      "debug:response",
      "warn:retry",
      "debug:request",
      "debug:response",
      "debug:finished",
    ]);
    for (const [, message, fields] of lines) {
      expect(message).toContain(`GET ${BASE}${pathOf(getDebtor, { debtorGuid: GUID })}`);
      expect(message).not.toMatch(/undefined/);
      expect(fields).toMatchObject({ method: "GET" });
    }
  });

  it("works with a logger that has only some levels (console-like objects)", async () => {
    const warned: string[] = [];
    const { timing } = fakeTiming();
    const fetch = sequence(
      () => json(500, {}),
      () => json(200, { debtorGuid: GUID }),
    );
    const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok"), fetch, timing, logger: { warn: (_, m) => void warned.push(m) } });
    await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } }));
    expect(warned.map((m) => m.replace(/ \d+ ms$/, " N ms"))).toEqual([
      `GET ${BASE}${pathOf(getDebtor, { debtorGuid: GUID })}: 500, backoff; retrying in N ms`,
    ]);
  });
});
