// Registration helpers through an injected fetch: the exact request bodies, input validation
// (no request sent), typed errors, and the secret kept out of logs and errors.
import { describe, expect, it } from "vitest";
import { bearer } from "../../src/auth/bearer.js";
import { createApticClient } from "../../src/client/create-client.js";
import { ApticBadRequestError, ApticApiError } from "../../src/errors/api-error.js";
import { ApticUsageError } from "../../src/errors/aptic-error.js";
import { listWebhooks, registerWebhook, unregisterWebhook } from "../../src/webhooks/registration.js";
import * as operations from "../../src/operations/index.js";
import { fakeFetch, fakeTiming, json, problem, type Handler } from "../support/fake-fetch.js";
import { pathOf } from "../support/operation-url.js";

const BASE = "http://127.0.0.1:9";
const SECRET = "whsec-9c4e1f7a2b8d4e6f";
const HOOK_URL = "https://hooks.example.se/aptic/debtors?tenant=nordbank";
const registered = { url: HOOK_URL, events: ["debtorinsert", "payment"], method: "POST" };

function setup(...handlers: Handler[]) {
  const fetch = fakeFetch(...handlers);
  const lines: string[] = [];
  const log = (level: string) => (meta: object, message: string) => void lines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
  const logger = { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
  const aptic = createApticClient({ baseUrl: BASE, auth: bearer("tok-123"), fetch, logger, timing: fakeTiming().timing });
  return { aptic, fetch, lines };
}

describe("registerWebhook", () => {
  it("POSTs to registerWebhook's path with url, events, secret and method, and returns the 201 body", async () => {
    const { aptic, fetch } = setup(() => json(201, registered));
    const hook = await registerWebhook(aptic, { url: HOOK_URL, events: ["debtorinsert", "payment"], secret: SECRET, method: "post" });
    expect(hook).toEqual(registered);
    expect(fetch.seen).toHaveLength(1);
    expect(fetch.seen[0]?.method).toBe(operations.registerWebhook.method);
    expect(fetch.seen[0]?.url).toBe(BASE + pathOf(operations.registerWebhook));
    expect(JSON.parse(fetch.seen[0]?.body ?? "")).toEqual({ url: HOOK_URL, events: ["debtorinsert", "payment"], secret: SECRET, method: "POST" });
  });

  it("takes a single event name, removes duplicates and omits absent secret/method", async () => {
    const { aptic, fetch } = setup(() => json(201, registered));
    await registerWebhook(aptic, { url: HOOK_URL, events: "payment" });
    await registerWebhook(aptic, { url: HOOK_URL, events: ["payment", "disbursement", "payment"] });
    expect(JSON.parse(fetch.seen[0]?.body ?? "")).toEqual({ url: HOOK_URL, events: ["payment"] });
    expect(JSON.parse(fetch.seen[1]?.body ?? "")).toEqual({ url: HOOK_URL, events: ["payment", "disbursement"] });
  });

  it.each([
    ["a relative URL", { url: "/aptic/webhooks", events: ["payment"] }, /absolute http\(s\) URL/],
    ["a non-http URL", { url: "ftp://hooks.example.se/x", events: ["payment"] }, /http or https/],
    ["an empty URL", { url: "", events: ["payment"] }, /url must be a non-empty string/],
    ["no events", { url: HOOK_URL, events: [] }, /non-empty array/],
    ["events missing", { url: HOOK_URL }, /non-empty array/],
    ["an unknown event", { url: HOOK_URL, events: ["payment", "debtorcreated"] }, /Unknown webhook event "debtorcreated"/],
    ["a non-string event", { url: HOOK_URL, events: [42] }, /Unknown webhook event number/],
    ["an empty secret", { url: HOOK_URL, events: ["payment"], secret: "" }, /secret must be a non-empty string/],
    ["a bad method", { url: HOOK_URL, events: ["payment"], method: "PO ST" }, /method must be an HTTP method/],
  ])("rejects %s with ApticUsageError before any request", async (_, input, message) => {
    const { aptic, fetch } = setup(() => json(201, registered));
    const call = registerWebhook(aptic, input as unknown as Parameters<typeof registerWebhook>[1]);
    await expect(call).rejects.toBeInstanceOf(ApticUsageError);
    await expect(call).rejects.toThrow(message);
    expect(fetch.seen).toHaveLength(0);
  });

  it("redacts secret-looking query values of a bad URL in the message", async () => {
    const { aptic } = setup(() => json(201, registered));
    const call = registerWebhook(aptic, { url: "hooks.example.se/x?token=abc123&tenant=n", events: ["payment"], secret: SECRET });
    await expect(call).rejects.toThrow(ApticUsageError);
    await call.catch((err: Error) => {
      expect(err.message).not.toContain("abc123");
      expect(err.message).not.toContain(SECRET);
    });
  });

  it("throws the typed ApticApiError with the secret scrubbed when the gateway echoes it", async () => {
    const echo = () => problem(400, "Bad Request", { detail: `secret '${SECRET}' is too short`, errors: { secret: [SECRET] } });
    const { aptic } = setup(echo);
    const err = await registerWebhook(aptic, { url: HOOK_URL, events: ["payment"], secret: SECRET }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticBadRequestError);
    const apiError = err as ApticApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.message).toContain("[REDACTED]");
    for (const text of [apiError.message, JSON.stringify(apiError), String(apiError.stack), JSON.stringify(apiError.problem)]) {
      expect(text).not.toContain(SECRET);
    }
  });

  it("keeps a gateway error untouched when it does not contain the secret", async () => {
    const { aptic } = setup(() => problem(409, "Conflict", { detail: "Already registered" }));
    await expect(registerWebhook(aptic, { url: HOOK_URL, events: ["payment"], secret: SECRET })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("Already registered"),
    });
  });

  it("never logs the secret, across a failed attempt, a retry and success", async () => {
    const { aptic, fetch, lines } = setup(
      () => problem(503, `unavailable for ${SECRET}`),
      () => json(201, registered),
    );
    const hook = await registerWebhook(aptic, { url: HOOK_URL, events: ["payment"], secret: SECRET }, { idempotencyKey: "reg-1", retry: { unsafe: true } });
    expect(hook).toEqual(registered);
    expect(fetch.seen).toHaveLength(2); // POST retried only because of the idempotency key
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(SECRET);
  });
});

describe("registerWebhook with allowUnknownEvents", () => {
  it("refuses an undocumented name by default and says how to opt in", async () => {
    const { aptic, fetch } = setup(() => json(201, registered));
    const call = registerWebhook(aptic, { url: HOOK_URL, events: ["invoicepaid"] } as unknown as Parameters<typeof registerWebhook>[1]);
    await expect(call).rejects.toBeInstanceOf(ApticUsageError);
    await expect(call).rejects.toThrow(/Unknown webhook event "invoicepaid".*allowUnknownEvents: true/);
    expect(fetch.seen).toHaveLength(0);
  });

  it("refuses an undocumented name with allowUnknownEvents: false", async () => {
    const { aptic, fetch } = setup(() => json(201, registered));
    await expect(
      registerWebhook(aptic, { url: HOOK_URL, events: ["invoicepaid"], allowUnknownEvents: false } as unknown as Parameters<typeof registerWebhook>[1]),
    ).rejects.toThrow(/Unknown webhook event "invoicepaid"/);
    expect(fetch.seen).toHaveLength(0);
  });

  it("sends documented and undocumented names when opted in, de-duplicated, without the option in the body", async () => {
    const { aptic, fetch } = setup(() => json(201, { ...registered, events: ["debtorinsert", "invoicepaid", "clients.create"] }));
    const hook = await registerWebhook(aptic, {
      url: HOOK_URL,
      events: ["debtorinsert", "invoicepaid", "clients.create", "invoicepaid"],
      secret: SECRET,
      allowUnknownEvents: true,
    });
    expect(hook.events).toEqual(["debtorinsert", "invoicepaid", "clients.create"]);
    expect(fetch.seen).toHaveLength(1);
    const body = JSON.parse(fetch.seen[0]?.body ?? "") as Record<string, unknown>;
    expect(body).toEqual({ url: HOOK_URL, events: ["debtorinsert", "invoicepaid", "clients.create"], secret: SECRET });
    expect(body).not.toHaveProperty("allowUnknownEvents");
  });

  it("takes a single undocumented name", async () => {
    const { aptic, fetch } = setup(() => json(201, registered));
    await registerWebhook(aptic, { url: HOOK_URL, events: "invoicepaid", allowUnknownEvents: true });
    expect(JSON.parse(fetch.seen[0]?.body ?? "")).toEqual({ url: HOOK_URL, events: ["invoicepaid"] });
  });

  it.each([
    ["an empty name", ""],
    ["a name with a space", "invoice paid"],
    ["a name with a newline", "invoice\npaid"],
    ["a name with a non-ASCII character", "betalning\u00e5"],
    ["a 201-character name", "x".repeat(201)],
    ["a number", 42],
    ["null", null],
    ["an object", { toString: () => "payment" }],
  ])("still refuses %s when opted in, before any request", async (_, name) => {
    const { aptic, fetch } = setup(() => json(201, registered));
    const call = registerWebhook(aptic, { url: HOOK_URL, events: ["payment", name], allowUnknownEvents: true } as unknown as Parameters<
      typeof registerWebhook
    >[1]);
    await expect(call).rejects.toBeInstanceOf(ApticUsageError);
    await expect(call).rejects.toThrow(/Invalid webhook event name/);
    expect(fetch.seen).toHaveLength(0);
  });

  it("accepts a 200-character name (the limit is inclusive)", async () => {
    const { aptic, fetch } = setup(() => json(201, registered));
    await registerWebhook(aptic, { url: HOOK_URL, events: "y".repeat(200), allowUnknownEvents: true });
    expect(JSON.parse(fetch.seen[0]?.body ?? "").events).toEqual(["y".repeat(200)]);
  });

  it.each([
    ['the string "true"', "true"],
    ["1", 1],
    ["null", null],
  ])("refuses allowUnknownEvents given as %s", async (_, value) => {
    const { aptic, fetch } = setup(() => json(201, registered));
    const call = registerWebhook(aptic, { url: HOOK_URL, events: ["invoicepaid"], allowUnknownEvents: value } as unknown as Parameters<
      typeof registerWebhook
    >[1]);
    await expect(call).rejects.toThrow(/allowUnknownEvents must be a boolean/);
    expect(fetch.seen).toHaveLength(0);
  });

  it("unregisters an undocumented name only when opted in", async () => {
    const { aptic, fetch } = setup(() => new Response(null, { status: 204 }));
    await expect(unregisterWebhook(aptic, { url: HOOK_URL, events: ["invoicepaid"] } as unknown as Parameters<typeof unregisterWebhook>[1])).rejects.toThrow(
      /Unknown webhook event "invoicepaid"/,
    );
    expect(fetch.seen).toHaveLength(0);
    await unregisterWebhook(aptic, { url: HOOK_URL, events: ["invoicepaid"], allowUnknownEvents: true });
    expect(JSON.parse(fetch.seen[0]?.body ?? "")).toEqual({ url: HOOK_URL, events: ["invoicepaid"] });
  });
});

describe("listWebhooks", () => {
  it("GETs listWebhooks' path and returns the list", async () => {
    const { aptic, fetch } = setup(() => json(200, { count: 1, webHooks: [registered] }));
    expect(await listWebhooks(aptic)).toEqual([registered]);
    expect([fetch.seen[0]?.method, fetch.seen[0]?.url]).toEqual([operations.listWebhooks.method, BASE + pathOf(operations.listWebhooks)]);
  });

  it("returns [] when webHooks is null or missing", async () => {
    const { aptic } = setup(
      () => json(200, { count: 0, webHooks: null }),
      () => json(200, {}),
    );
    expect(await listWebhooks(aptic)).toEqual([]);
    expect(await listWebhooks(aptic)).toEqual([]);
  });

  it("throws the typed error for a non-2xx", async () => {
    const { aptic } = setup(() => problem(403, "Forbidden"));
    await expect(listWebhooks(aptic)).rejects.toMatchObject({ name: "ApticForbiddenError", status: 403 });
  });
});

describe("unregisterWebhook", () => {
  it("DELETEs unregisterWebhook's path with url and events", async () => {
    const { aptic, fetch } = setup(() => new Response(null, { status: 204 }));
    await expect(unregisterWebhook(aptic, { url: HOOK_URL, events: ["debtoraddresschange"] })).resolves.toBeUndefined();
    expect([fetch.seen[0]?.method, fetch.seen[0]?.url]).toEqual([operations.unregisterWebhook.method, BASE + pathOf(operations.unregisterWebhook)]);
    expect(JSON.parse(fetch.seen[0]?.body ?? "")).toEqual({ url: HOOK_URL, events: ["debtoraddresschange"] });
  });

  it("omits events to unregister all of them (as documented)", async () => {
    const { aptic, fetch } = setup(() => new Response(null, { status: 204 }));
    await unregisterWebhook(aptic, { url: HOOK_URL });
    expect(JSON.parse(fetch.seen[0]?.body ?? "")).toEqual({ url: HOOK_URL });
  });

  it.each([
    ["an empty events array (ambiguous: omit events for all)", { url: HOOK_URL, events: [] }],
    ["an unknown event", { url: HOOK_URL, events: ["nope"] }],
    ["a relative URL", { url: "webhooks", events: ["payment"] }],
  ])("rejects %s before any request", async (_, input) => {
    const { aptic, fetch } = setup(() => new Response(null, { status: 204 }));
    await expect(unregisterWebhook(aptic, input as unknown as Parameters<typeof unregisterWebhook>[1])).rejects.toBeInstanceOf(ApticUsageError);
    expect(fetch.seen).toHaveLength(0);
  });
});
