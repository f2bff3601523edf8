import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ApticApiError,
  ApticBadRequestError,
  ApticConflictError,
  ApticError,
  ApticForbiddenError,
  ApticNotFoundError,
  ApticRateLimitError,
  ApticServerError,
  ApticUnauthorizedError,
  ApticUnprocessableEntityError,
  apiKey,
  bearer,
  clientCredentials,
  createApticClient,
  toApiError,
  unwrap,
  type ApticEvent,
} from "../../src/index.js";
import { redactUrl } from "../../src/secrets/redact.js";
import { fakeFetch, GUID, json, problem } from "../support/fake-fetch.js";
import { getDebtor as getDebtorOp, listDebtors, pingDebtors } from "../../src/operations/index.js";
import { pathOf } from "../support/operation-url.js";

const BASE = "http://127.0.0.1:9";
const noRetry = { baseUrl: BASE, auth: bearer("tok"), retry: false as const };

const getDebtor = (fetch: (r: Request, init?: RequestInit) => Promise<Response>) =>
  unwrap(createApticClient({ ...noRetry, fetch }).GET(getDebtorOp.path, { params: { path: { debtorGuid: GUID } } }));

describe("error classes by status", () => {
  it.each([
    [400, ApticBadRequestError],
    [401, ApticUnauthorizedError],
    [403, ApticForbiddenError],
    [404, ApticNotFoundError],
    [409, ApticConflictError],
    [422, ApticUnprocessableEntityError],
    [429, ApticRateLimitError],
    [500, ApticServerError],
    [502, ApticServerError],
    [503, ApticServerError],
  ] as const)("%i → %o", async (status, ErrorClass) => {
    const err = await getDebtor(fakeFetch(() => problem(status, "Problem title"))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ErrorClass);
    expect(err).toBeInstanceOf(ApticApiError);
    expect(err).toBeInstanceOf(ApticError);
    expect(err).toMatchObject({ status, method: "GET", url: `${BASE}${pathOf(getDebtorOp, { debtorGuid: GUID })}`, name: ErrorClass.name });
  });

  it("an unlisted 4xx is a plain ApticApiError", async () => {
    const err = await getDebtor(fakeFetch(() => problem(418, "teapot"))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticApiError);
    expect(err).not.toBeInstanceOf(ApticBadRequestError);
  });
});

describe("problem details", () => {
  it("keeps the five members and every extension member", async () => {
    const body = {
      type: "https://aptic.example/probs/dup",
      title: "Duplicate",
      status: 409,
      detail: "Debtor exists",
      instance: listDebtors.path,
      traceId: "00-abc",
      errors: { idNumber: ["taken"] },
    };
    const err = (await getDebtor(fakeFetch(() => problem(409, "x", body))).catch((e: unknown) => e)) as ApticApiError;
    expect(err.problem).toEqual(body);
    expect(err.message).toContain("Duplicate: Debtor exists");
    expect(err.requestId).toBe("00-abc");
  });

  it("prefers a request-id response header", async () => {
    const err = (await getDebtor(fakeFetch(() => problem(500, "x", {}, { "x-request-id": "req-77" }))).catch((e: unknown) => e)) as ApticApiError;
    expect(err.requestId).toBe("req-77");
    expect(err.headers["x-request-id"]).toBe("req-77");
  });

  it("a non-JSON body still gives a useful error", async () => {
    const html = new Response("<html><body>502 Bad Gateway (nginx)</body></html>", { status: 502, headers: { "content-type": "text/html" } });
    const err = (await getDebtor(fakeFetch(() => html)).catch((e: unknown) => e)) as ApticApiError;
    expect(err).toBeInstanceOf(ApticServerError);
    expect(err.problem).toBeUndefined();
    expect(err.rawBody).toContain("502 Bad Gateway");
    expect(err.message).toContain("502");
  });

  it("an empty error body still gives a useful error", async () => {
    const err = (await getDebtor(fakeFetch(() => new Response(null, { status: 404 }))).catch((e: unknown) => e)) as ApticApiError;
    expect(err).toBeInstanceOf(ApticNotFoundError);
    expect(err.message).toContain(`GET ${BASE}${pathOf(getDebtorOp, { debtorGuid: GUID })} failed with 404`);
  });

  it("the result style stays available, and toApiError maps it without throwing", async () => {
    const aptic = createApticClient({ ...noRetry, fetch: fakeFetch(() => problem(404, "Not Found")) });
    const result = await aptic.GET(getDebtorOp.path, { params: { path: { debtorGuid: GUID } } });
    expect(result.data).toBeUndefined();
    expect(result.error).toMatchObject({ title: "Not Found", status: 404 });
    expect(toApiError(result)).toBeInstanceOf(ApticNotFoundError);
    const ok = await createApticClient({ ...noRetry, fetch: fakeFetch(() => json(200, {})) }).GET(pingDebtors.path);
    expect(toApiError(ok)).toBeUndefined();
  });
});

describe("redaction", () => {
  const SECRETS = ["tok-very-secret", "client-secret-xyz", "api-key-abc"];

  /** A hostile server: every credential it was sent comes back in the problem detail and in a header. */
  const echo = (r: Request) => {
    const sent = [r.headers.get("authorization"), r.headers.get("x-api-key")].filter(Boolean).join(" ");
    return problem(401, "denied", { detail: `you sent ${sent}`, instance: `${pingDebtors.path}?token=${encodeURIComponent(sent)}` }, { "x-echo": sent });
  };

  async function everyFailure(): Promise<unknown[]> {
    const out: unknown[] = [];
    const clients = [
      createApticClient({ ...noRetry, auth: bearer("tok-very-secret"), fetch: fakeFetch(echo) }),
      createApticClient({ ...noRetry, auth: apiKey("api-key-abc"), fetch: fakeFetch(echo) }),
      createApticClient({
        ...noRetry,
        auth: clientCredentials({ clientId: "c", clientSecret: "client-secret-xyz", tokenUrl: `${BASE}/token` }),
        fetch: fakeFetch(() => json(400, { error: "invalid_client", error_description: "secret client-secret-xyz is wrong" })),
      }),
    ];
    for (const aptic of clients) out.push(await unwrap(aptic.GET(pingDebtors.path)).catch((e: unknown) => e));
    return out;
  }

  it("never shows a token, client secret or API key in message, JSON or inspect output", async () => {
    const errors = await everyFailure();
    expect(errors).toHaveLength(3);
    for (const err of errors) {
      expect(err).toBeInstanceOf(ApticError);
      const views = [String(err), (err as Error).message, JSON.stringify(err), inspect(err, { depth: 10 }), (err as Error).stack ?? ""];
      for (const view of views) for (const secret of SECRETS) expect(view).not.toContain(secret);
    }
  });

  it("a request id header that echoes the token is scrubbed from err.requestId (API and response errors)", async () => {
    const echoId = (status: number, body: string) => (r: Request) =>
      new Response(body, { status, headers: { "content-type": "application/json", "x-request-id": r.headers.get("authorization") ?? "" } });
    const apiError = await unwrap(
      createApticClient({ ...noRetry, auth: bearer("tok-very-secret"), fetch: fakeFetch(echoId(401, "{}")) }).GET(pingDebtors.path),
    ).catch((e: unknown) => e);
    const responseError = await createApticClient({ ...noRetry, auth: bearer("tok-very-secret"), fetch: fakeFetch(echoId(200, "{not json")) })
      .GET(pingDebtors.path)
      .catch((e: unknown) => e);
    for (const err of [apiError, responseError]) {
      expect(err).toBeInstanceOf(ApticError);
      expect((err as { requestId?: string }).requestId).toBe("Bearer [REDACTED]");
      expect(JSON.stringify(err) + inspect(err, { depth: 10 })).not.toContain("tok-very-secret");
    }
  });

  it("redacts credentials in URLs (user-info and secret query values)", () => {
    const url = redactUrl("https://erp:pw@gw.example.org/debtors?api_key=k-1&access_token=t-2&%24top=5");
    expect(url).not.toContain("pw");
    expect(url).not.toContain("k-1");
    expect(url).not.toContain("t-2");
    expect(new URL(url).searchParams.get("$top")).toBe("5");
    expect(new URL(url).searchParams.get("api_key")).toBe("[REDACTED]");
  });

  it("log lines and their fields never contain secrets", async () => {
    const lines: string[] = [];
    const events: ApticEvent[] = [];
    const log = (fields: ApticEvent, message: string) => void lines.push(message + JSON.stringify(fields));
    const logger = { debug: log, info: log, warn: log, error: log };
    // The server echoes the token it was sent in its request-id header, which events report.
    const echoed = (status: number, title: string) => (r: Request) => problem(status, title, {}, { "x-request-id": r.headers.get("authorization") ?? "" });
    const fetch = fakeFetch(echoed(401, "x"), echoed(503, "y"), (r) => json(200, {}, { "x-request-id": r.headers.get("authorization") ?? "" }));
    const aptic = createApticClient({
      baseUrl: BASE,
      auth: bearer(async () => "tok-very-secret"),
      fetch,
      logger,
      onEvent: (e) => void events.push(e),
      timing: { sleep: async () => {} },
    });
    await unwrap(aptic.GET(pingDebtors.path));
    expect(lines.length).toBeGreaterThan(2);
    expect(events.map((e) => e.type)).toEqual(["request", "response", "request", "response", "retry", "request", "response", "finished"]);
    for (const line of [...lines, ...events.map((e) => JSON.stringify(e))]) expect(line).not.toContain("tok-very-secret");
  });
});
