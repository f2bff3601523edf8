// What the typed errors carry beyond the problem: field errors of a validation problem in every
// shape handled, and the Retry-After wait of a 429/503 (seconds or an HTTP date).
import { describe, expect, it } from "vitest";
import {
  ApticBadRequestError,
  ApticRateLimitError,
  ApticServerError,
  ApticUnprocessableEntityError,
  createApiError,
  createApticClient,
  fieldErrorsOf,
  toApiError,
} from "../../src/index.js";
import { pingDebtors } from "../../src/operations/index.js";
import { fakeFetch, problem } from "../support/fake-fetch.js";

const init = { method: "POST", url: "https://gw.example/debtors", headers: {} };

describe("fieldErrors", () => {
  it.each<[string, Record<string, unknown>, Record<string, string[]> | undefined]>([
    ["ASP.NET errors map", { errors: { Email: ["required", "not an email"], Zip: ["too long"] } }, { Email: ["required", "not an email"], Zip: ["too long"] }],
    ["a single message per field", { errors: { Email: "required" } }, { Email: ["required"] }],
    [
      "an array of { field, message } / { name, detail } / { propertyName, errorMessage }",
      { errors: [{ field: "a", message: "m1" }, { name: "b", detail: "m2" }, { propertyName: "a", errorMessage: "m3" }, "junk", null] },
      { a: ["m1", "m3"], b: ["m2"] },
    ],
    ["RFC 7807 invalid-params", { "invalid-params": [{ name: "age", reason: "must be positive" }] }, { age: ["must be positive"] }],
    ["no errors member", { title: "Bad" }, undefined],
    ["messages that are not strings are skipped", { errors: { a: [1, null] } }, undefined],
  ])("%s", (_, body, expected) => {
    expect(fieldErrorsOf(body)).toEqual(expected);
    const err = createApiError({ ...init, status: 422, problem: body });
    expect(err).toBeInstanceOf(ApticUnprocessableEntityError);
    expect((err as ApticUnprocessableEntityError).fieldErrors).toEqual(expected);
    expect((createApiError({ ...init, status: 400, problem: body }) as ApticBadRequestError).fieldErrors).toEqual(expected);
  });

  it("comes through a call, scrubbed like the problem it is read from", async () => {
    const fetch = fakeFetch(() => problem(422, "Invalid", { errors: { Email: ["is required"] } }));
    const result = await createApticClient({ baseUrl: "http://127.0.0.1:9", fetch }).GET(pingDebtors.path);
    const err = toApiError(result);
    expect(err?.status).toBe(422);
    if (err?.status === 422) expect(err.fieldErrors).toEqual({ Email: ["is required"] });
  });
});

describe("retryAfterMs", () => {
  it("a 429 and a 503 read Retry-After seconds; an HTTP date is the time until then", () => {
    const seconds = createApiError({ ...init, status: 429, problem: undefined, headers: { "retry-after": "7" } }) as ApticRateLimitError;
    expect(seconds.retryAfterMs).toBe(7000);
    const date = new Date(Date.now() + 60_000).toUTCString();
    const unavailable = createApiError({ ...init, status: 503, problem: undefined, headers: { "retry-after": date } }) as ApticServerError;
    expect(unavailable).toBeInstanceOf(ApticServerError);
    expect(unavailable.retryAfterMs).toBeGreaterThan(55_000);
    expect(unavailable.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it("is undefined without a Retry-After, or with a malformed one", () => {
    expect((createApiError({ ...init, status: 429, problem: undefined }) as ApticRateLimitError).retryAfterMs).toBeUndefined();
    expect((createApiError({ ...init, status: 503, problem: undefined, headers: { "retry-after": "soon" } }) as ApticServerError).retryAfterMs).toBeUndefined();
  });

  it("comes through a call that ran out of retries", async () => {
    const fetch = fakeFetch(() => problem(429, "slow down", {}, { "retry-after": "120" }));
    const result = await createApticClient({ baseUrl: "http://127.0.0.1:9", fetch }).GET(pingDebtors.path);
    const err = toApiError(result);
    expect(err).toBeInstanceOf(ApticRateLimitError);
    expect((err as ApticRateLimitError).retryAfterMs).toBe(120_000);
    expect(err?.name).toBe("ApticRateLimitError");
  });
});
