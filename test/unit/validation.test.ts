// Opt-in response validation against a gateway that drifted from the spec: the fake gateway's
// answers, with one field changed on the way (the fake itself never sends a body the spec refuses).
import { describe, expect, it } from "vitest";
import { ApticApiError, type ApticEvent, unwrap } from "../../src/index.js";
import { createDebtor, getDebtor } from "../../src/operations/index.js";
import { createFakeGateway, type FakeGateway } from "../../src/testing/index.js";
import { ApticResponseValidationError, responseValidation } from "../../src/validation/index.js";
import { fakeClient } from "../fake/support/client.js";
import { debtorScenario, MOVED } from "../fake/support/moved-routes.js";
import { defineRoutes } from "../../src/routes/index.js";
import { usageError } from "../support/usage-errors.js";
import { pathOf } from "../support/operation-url.js";

type Drift = (body: Record<string, unknown>, request: Request) => unknown;

/** The fake's fetch, with `drift` applied to every JSON body it answers. */
function drifting(fake: FakeGateway, drift: Drift) {
  return async (input: Request, init?: RequestInit) => {
    const response = await fake.fetch(input, init);
    if (!/json/.test(response.headers.get("content-type") ?? "")) return response;
    const body = drift((await response.json()) as Record<string, unknown>, input);
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
  };
}

async function setup(mode: "warn" | "throw", drift: Drift) {
  const fake = await createFakeGateway();
  const events: ApticEvent[] = [];
  const aptic = fakeClient(fake, {
    authMode: "apiKey",
    fetch: drifting(fake, drift),
    validateResponses: responseValidation(mode),
    onEvent: (e) => events.push(e),
  });
  const created = await unwrap(aptic.POST(createDebtor.path, { body: { lastname: "Lindqvist", juridicalType: 0 } }));
  return { fake, aptic, events, debtorGuid: created.debtorGuid ?? "" };
}

const guidToNumber: Drift = (body, request) => (request.method === "GET" && "debtorGuid" in body ? { ...body, debtorGuid: 7 } : body);
const validationEvents = (events: ApticEvent[]) => events.filter((e) => e.type === "validation");

describe("responseValidation()", () => {
  it('"warn": a body that breaks the spec becomes a validation event; the call still answers', async () => {
    const { aptic, events, debtorGuid } = await setup("warn", guidToNumber);
    // The first test to load the validator (it is loaded once per process) calls both ways: by
    // operation, and by path literal, which the validator finds by its generated method and path.
    const data = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
    expect(data.debtorGuid).toBe(7);
    await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid } } }));
    expect(validationEvents(events)).toHaveLength(2);
    expect(validationEvents(events)[1]).toMatchObject({ operationId: "getDebtor", status: 200 });
    expect(validationEvents(events).slice(0, 1)).toEqual([
      expect.objectContaining({
        type: "validation",
        method: "GET",
        operationId: "getDebtor",
        schemaPath: getDebtor.path,
        status: 200,
        errorMessage: "The 200 body of getDebtor does not match its response schema",
        errors: { debtorGuid: [expect.stringMatching(/^type: /)] },
      }),
    ]);
    // winston reserves `message` (messageFirst passes the event as its meta): the event has none.
    expect(validationEvents(events)[0]).not.toHaveProperty("message");
  });

  it("a logger gets the validation event at warn level, its text in errorMessage and in the log line", async () => {
    const fake = await createFakeGateway();
    const warned: [ApticEvent, string][] = [];
    const aptic = fakeClient(fake, {
      authMode: "apiKey",
      fetch: drifting(fake, guidToNumber),
      validateResponses: responseValidation("warn"),
      logger: { warn: (fields, message) => warned.push([fields, message]) },
    });
    const { debtorGuid = "" } = await unwrap(aptic.call(createDebtor, { body: { lastname: "Lindqvist", juridicalType: 0 } }));
    await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
    const [[fields, line] = []] = warned.filter(([e]) => e.type === "validation");
    expect(fields).toMatchObject({ type: "validation", errorMessage: "The 200 body of getDebtor does not match its response schema" });
    expect(fields).not.toHaveProperty("message");
    expect(line).toMatch(/ 200: The 200 body of getDebtor does not match its response schema$/);
  });

  it('"throw": a 2xx body that breaks the spec rejects with ApticResponseValidationError (operation, status, JSON path)', async () => {
    const { aptic, events, debtorGuid } = await setup("throw", guidToNumber);
    // A path-literal call is found by its generated method and path.
    const error = await aptic.GET(getDebtor.path, { params: { path: { debtorGuid } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApticResponseValidationError);
    expect(error).toMatchObject({ name: "ApticResponseValidationError", operationId: "getDebtor", status: 200, path: "debtorGuid" });
    expect((error as Error).message).toMatch(/^The 200 body of getDebtor does not match its response schema at debtorGuid: type: /);
    expect(JSON.stringify(error)).not.toContain("Lindqvist");
    expect(events.map((e) => e.type).slice(-3)).toEqual(["response", "validation", "failed"]);
  });

  it('"throw": an error response that breaks the spec stays an error result and is reported as an event', async () => {
    const { aptic, events } = await setup("throw", (body) => (body["status"] === 404 ? { ...body, status: "404" } : body));
    const missing = "6f9619ff-8b86-d011-b42d-00cf4fc964ff";
    await expect(unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid: missing } } }))).rejects.toBeInstanceOf(ApticApiError);
    expect(validationEvents(events)).toMatchObject([{ operationId: "getDebtor", status: 404, errors: { status: [expect.stringMatching(/^type: /)] } }]);
  });

  it("responses that match the spec pass a whole scenario without an event; non-JSON parseAs is not checked", async () => {
    const { aptic, events, debtorGuid } = await setup("throw", (body) => body);
    await debtorScenario(aptic);
    const text = await aptic.call(getDebtor, { params: { path: { debtorGuid } }, parseAs: "text" });
    expect(typeof text.data).toBe("string");
    expect(validationEvents(events)).toEqual([]);
  });

  it("a logger hears the mismatch at warn level, in one line", async () => {
    const fake = await createFakeGateway();
    const warned: string[] = [];
    const aptic = fakeClient(fake, {
      authMode: "apiKey",
      fetch: drifting(fake, guidToNumber),
      validateResponses: responseValidation(),
      // Whichever argument order the logger shape has: the one-line summary is the string.
      logger: { warn: (...args: unknown[]) => warned.push(String(args.find((a) => typeof a === "string"))) },
    });
    const created = await unwrap(aptic.POST(createDebtor.path, { body: { lastname: "Lindqvist", juridicalType: 0 } }));
    await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid: created.debtorGuid ?? "" } } }));
    expect(warned).toEqual([
      `GET ${fake.baseUrl}${pathOf(getDebtor, { debtorGuid: created.debtorGuid ?? "" })} 200: The 200 body of getDebtor does not match its response schema`,
    ]);
  });

  it("checks nothing the spec does not cover: a path outside it, an undocumented status", async () => {
    const { aptic, events } = await setup("throw", (body) => body);
    const outside = await aptic.GET("/not-in-the-spec" as never, {} as never);
    expect(outside.response.status).toBe(404);
    // The fake answers only what the spec documents: a teapot comes from a fetch of its own.
    const teapot = async () => Response.json({ title: "I'm a teapot" }, { status: 418 });
    const client = fakeClient(await createFakeGateway(), {
      authMode: "apiKey",
      fetch: teapot,
      validateResponses: responseValidation("throw"),
      onEvent: (e) => events.push(e),
    });
    const answer = await client.call(getDebtor, { params: { path: { debtorGuid: "6f9619ff-8b86-d011-b42d-00cf4fc964ff" } } });
    expect(answer.response.status).toBe(418);
    expect(validationEvents(events)).toEqual([]);
  });

  it("an empty body is no body: a 404 without one is reported as missing its problem details", async () => {
    const fake = await createFakeGateway();
    const events: ApticEvent[] = [];
    const empty = async () => new Response("", { status: 404, headers: { "content-type": "application/problem+json" } });
    const aptic = fakeClient(fake, { authMode: "apiKey", fetch: empty, validateResponses: responseValidation("throw"), onEvent: (e) => events.push(e) });
    const result = await aptic.call(getDebtor, { params: { path: { debtorGuid: "6f9619ff-8b86-d011-b42d-00cf4fc964ff" } } });
    expect(result.response.status).toBe(404);
    expect(validationEvents(events)).toMatchObject([
      { operationId: "getDebtor", status: 404, errorMessage: "getDebtor documents a body for status 404, but none was produced", errors: {} },
    ]);
  });

  it('"throw" without a listener still rejects; a 2xx mismatch without field errors is the message alone', async () => {
    const fake = await createFakeGateway();
    const noBody = async () => new Response(null, { status: 200, headers: { "content-length": "0" } });
    const aptic = fakeClient(fake, { authMode: "apiKey", fetch: noBody, validateResponses: responseValidation("throw") });
    const error = await aptic.call(getDebtor, { params: { path: { debtorGuid: "6f9619ff-8b86-d011-b42d-00cf4fc964ff" } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApticResponseValidationError);
    expect((error as Error).message).toBe("getDebtor documents a body for status 200, but none was produced");
    const quiet = fakeClient(fake, { authMode: "apiKey", fetch: drifting(fake, guidToNumber), validateResponses: responseValidation("warn") });
    const { debtorGuid = "" } = await unwrap(quiet.call(createDebtor, { body: { lastname: "Lindqvist", juridicalType: 0 } }));
    expect((await unwrap(quiet.call(getDebtor, { params: { path: { debtorGuid } } }))).debtorGuid).toBe(7);
  });

  it('"throw": every message of the first field that breaks the spec is in the error message', async () => {
    const { aptic, debtorGuid } = await setup("throw", (body, request) =>
      request.method === "GET" && "debtorGuid" in body ? { ...body, juridicalType: 7.5 } : body,
    );
    const error = await aptic.call(getDebtor, { params: { path: { debtorGuid } } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ path: "juridicalType", errors: { juridicalType: [expect.stringMatching(/^type: /), expect.stringMatching(/^enum: /)] } });
    const [type, enumeration] = (error as ApticResponseValidationError).errors["juridicalType"] ?? [];
    expect((error as Error).message).toBe(`The 200 body of getDebtor does not match its response schema at juridicalType: ${type}; ${enumeration}`);
  });

  it("checks a call re-pointed by routes against its operation, by name and by path literal", async () => {
    const routes = defineRoutes(MOVED);
    const fake = await createFakeGateway({ routes });
    const events: ApticEvent[] = [];
    const aptic = fakeClient(fake, {
      authMode: "apiKey",
      routes,
      fetch: drifting(fake, guidToNumber),
      validateResponses: responseValidation("warn"),
      onEvent: (e) => events.push(e),
    });
    const { debtorGuid = "" } = await unwrap(aptic.call(createDebtor, { body: { lastname: "Lindqvist", juridicalType: 0 } }));
    await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
    await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid } } }));
    expect(validationEvents(events).map((e) => [e.operationId, e.schemaPath])).toEqual([
      ["getDebtor", MOVED.getDebtor.path],
      ["getDebtor", MOVED.getDebtor.path],
    ]);
  });

  it("refuses an unknown mode", () => {
    expect(usageError(() => responseValidation("loud" as never))).toBe('responseValidation mode must be "warn" or "throw" (got "loud")');
  });
});
