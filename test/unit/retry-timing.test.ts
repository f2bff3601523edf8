import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter } from "../../src/retry/delay.js";
import { DEFAULT_RETRY, resolveRetry, isRepeatable } from "../../src/retry/options.js";
import { decideRetry } from "../../src/retry/policy.js";

const NOW = Date.parse("2026-11-23T10:00:00Z");

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter("120", NOW)).toBe(120_000);
    expect(parseRetryAfter(" 7 ", NOW)).toBe(7000);
  });

  it("reads an HTTP-date relative to now, never negative", () => {
    expect(parseRetryAfter("Mon, 23 Nov 2026 10:00:30 GMT", NOW)).toBe(30_000);
    expect(parseRetryAfter("Mon, 23 Nov 2026 09:00:00 GMT", NOW)).toBe(0);
  });

  it("returns undefined for absent or malformed values", () => {
    for (const bad of [null, undefined, "", "soon", "-5", "1.5", "10 seconds", "2026-11-23T10:00:30Z"]) {
      expect(parseRetryAfter(bad, NOW)).toBeUndefined();
    }
  });
});

describe("backoffDelay (full jitter)", () => {
  it("stays within [0, min(cap, base·2^n)]", () => {
    for (let n = 0; n < 8; n++) {
      const ceiling = Math.min(8000, 500 * 2 ** n);
      expect(backoffDelay(n, 500, 8000, () => 0)).toBe(0);
      expect(backoffDelay(n, 500, 8000, () => 0.999999)).toBeLessThan(ceiling);
      expect(backoffDelay(n, 500, 8000, () => 0.999999)).toBeGreaterThanOrEqual(ceiling - 1);
    }
  });

  it("scales with the random draw", () => {
    expect(backoffDelay(2, 500, 8000, () => 0.5)).toBe(1000);
  });
});

describe("decideRetry", () => {
  const timing = { now: NOW, random: () => 0.5 };
  const base = { retry: 0, repeatable: true };

  it("retries each default retryable status for idempotent methods", () => {
    for (const status of DEFAULT_RETRY.statusCodes) {
      for (const method of ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]) {
        expect(decideRetry({ ...base, repeatable: isRepeatable(method, false, false), status }, resolveRetry(), timing).retry).toBe(true);
      }
    }
  });

  it("never retries other statuses", () => {
    for (const status of [400, 401, 403, 404, 409, 422, 501]) {
      expect(decideRetry({ ...base, status }, resolveRetry(), timing).retry).toBe(false);
    }
  });

  it("retries POST/PATCH only with an Idempotency-Key and retry.unsafe together", () => {
    for (const method of ["POST", "PATCH"]) {
      for (const [key, unsafe] of [
        [false, false],
        [true, false],
        [false, true],
      ] as const)
        expect(decideRetry({ ...base, repeatable: isRepeatable(method, key, unsafe), status: 503 }, resolveRetry(), timing).retry).toBe(false);
      expect(decideRetry({ ...base, repeatable: isRepeatable(method, true, true), status: 503 }, resolveRetry(), timing).retry).toBe(true);
    }
  });

  it("honours Retry-After without jitter, and stops when it exceeds the cap", () => {
    expect(decideRetry({ ...base, status: 429, retryAfter: "3" }, resolveRetry(), timing)).toMatchObject({ retry: true, delayMs: 3000 });
    const capped = decideRetry({ ...base, status: 429, retryAfter: "61" }, resolveRetry(), timing);
    expect(capped.retry).toBe(false);
    expect(decideRetry({ ...base, status: 429, retryAfter: "61" }, resolveRetry({ maxRetryAfterMs: 61_000 }), timing).retry).toBe(true);
  });

  it("falls back to backoff on a malformed Retry-After", () => {
    expect(decideRetry({ ...base, status: 503, retryAfter: "later" }, resolveRetry(), timing)).toMatchObject({ retry: true, delayMs: 250 });
  });

  it("respects the retry budget and retry:false", () => {
    expect(decideRetry({ ...base, status: 503, retry: 2 }, resolveRetry(), timing).retry).toBe(false);
    expect(decideRetry({ ...base, status: 503 }, resolveRetry(false), timing).retry).toBe(false);
    expect(decideRetry({ ...base, status: 503, retry: 3 }, resolveRetry({ retries: 4 }), timing).retry).toBe(true);
  });

  it("retries connection failures (no status) for idempotent methods", () => {
    expect(decideRetry({ ...base }, resolveRetry(), timing).retry).toBe(true);
    expect(decideRetry({ ...base, repeatable: isRepeatable("POST", false, false) }, resolveRetry(), timing).retry).toBe(false);
  });
});
