// scrubSecret: a gateway (or a proxy) that echoes the registration secret back in an error must
// not get it into the error the caller sees, in any field, in any form it was echoed.
import { describe, expect, it } from "vitest";
import { ApticApiError, ApticBadRequestError, ApticServerError, createApiError } from "../../src/errors/api-error.js";
import { scrubSecret } from "../../src/webhooks/scrub-secret.js";

const SECRET = "whsec-scrub-7d1f";

const apiError = (init: Partial<Parameters<typeof createApiError>[0]> = {}) =>
  createApiError({ status: 400, method: "POST", url: "https://gw.example/webhooks", problem: undefined, headers: {}, ...init });

describe("scrubSecret", () => {
  it("returns anything that is not an ApticApiError as it is", () => {
    const plain = new TypeError(`bad ${SECRET}`);
    expect(scrubSecret(plain, SECRET)).toBe(plain);
    expect(scrubSecret("text", SECRET)).toBe("text");
  });

  it("returns the error as it is when there is no secret to look for", () => {
    const err = apiError({ rawBody: "no secret here" });
    expect(scrubSecret(err, undefined)).toBe(err);
    expect(scrubSecret(err, "")).toBe(err);
  });

  it("returns the same error when the secret appears nowhere", () => {
    const err = apiError({ problem: { title: "Bad Request", status: 400, detail: "url is invalid" }, rawBody: "x", headers: { "x-request-id": "r1" } });
    expect(scrubSecret(err, SECRET)).toBe(err);
  });

  it("replaces the secret in the problem (nested values and keys), headers, URL and raw body, keeping the class and status", () => {
    const err = apiError({
      status: 422,
      url: `https://gw.example/webhooks?echo=${SECRET}`,
      problem: { title: "Invalid", status: 422, detail: `secret ${SECRET} is weak`, errors: { [SECRET]: [`${SECRET}!`, 3, null, true] } },
      headers: { "x-echo": `${SECRET},${SECRET}`, "x-request-id": "r1" },
      rawBody: `{"secret":"${SECRET}"}`,
    });
    const scrubbed = scrubSecret(err, SECRET) as ApticApiError;
    expect(scrubbed).not.toBe(err);
    expect(scrubbed).toBeInstanceOf(ApticApiError);
    expect(scrubbed.constructor).toBe(err.constructor);
    expect([scrubbed.status, scrubbed.method]).toEqual([422, "POST"]);
    expect(scrubbed.url).toBe("https://gw.example/webhooks?echo=[REDACTED]");
    expect(scrubbed.problem).toEqual({
      title: "Invalid",
      status: 422,
      detail: "secret [REDACTED] is weak",
      errors: { "[REDACTED]": ["[REDACTED]!", 3, null, true] },
    });
    expect(scrubbed.headers).toEqual({ "x-echo": "[REDACTED],[REDACTED]", "x-request-id": "r1" });
    expect(scrubbed.rawBody).toBe('{"secret":"[REDACTED]"}');
    expect(scrubbed.cause).toBeUndefined();
    expect(JSON.stringify([scrubbed.message, String(scrubbed), scrubbed.stack])).not.toContain(SECRET);
  });

  it("keeps rawBody absent when there was none", () => {
    const scrubbed = scrubSecret(apiError({ problem: { title: "x", detail: SECRET } }), SECRET) as ApticApiError;
    expect(scrubbed.rawBody).toBeUndefined();
    expect(scrubbed.problem?.detail).toBe("[REDACTED]");
  });

  it("finds a secret with quote or backslash characters that only shows up JSON-escaped in the check", () => {
    const secret = 'wh"sec\\9';
    const err = apiError({ status: 500, problem: { title: "x", detail: `got ${secret}` } });
    const scrubbed = scrubSecret(err, secret) as ApticApiError;
    expect(scrubbed).toBeInstanceOf(ApticServerError);
    expect(scrubbed.problem?.detail).toBe("got [REDACTED]");
  });

  it("scrubs the message, which quotes the problem detail", () => {
    const err = apiError({ problem: { title: "Bad Request", detail: `secret '${SECRET}' is too short` } });
    expect(err.message).toContain(SECRET);
    const scrubbed = scrubSecret(err, SECRET) as ApticBadRequestError;
    expect(scrubbed).toBeInstanceOf(ApticBadRequestError);
    expect(scrubbed.message).not.toContain(SECRET);
    expect(scrubbed.message).toContain("[REDACTED]");
  });
});
