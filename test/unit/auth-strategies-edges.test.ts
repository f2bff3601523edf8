// apiKey() and bearer() at their edges: what each refuses (with the exact message, at creation or
// before anything is sent), that a fixed credential is never "refreshed" by a retry after a 401,
// and that a rotating bearer token's previous values stay scrubbed.
import { describe, expect, it } from "vitest";
import { apiKey, ApticUnauthorizedError, ApticUsageError, bearer, createApticClient, unwrap, type ApticApiError } from "../../src/index.js";
import { fakeFetch, json, problem } from "../support/fake-fetch.js";
import { usageError } from "../support/usage-errors.js";
import { pingDebtors } from "../../src/operations/index.js";

const BASE = "http://127.0.0.1:9";
const VALUE_RULE = "must be a header value of visible Latin-1 characters, without CR, LF or other control characters";

describe("apiKey()", () => {
  it.each<[unknown]>([[""], [5], [["k-1"]], [null]])("refuses the key %j: it must be a non-empty string", (key) => {
    expect(usageError(() => apiKey(key as string))).toBe("apiKey must be a non-empty string");
  });

  it("refuses a key no header can carry, without showing it", () => {
    const message = usageError(() => apiKey("k-secret\nX-Evil: 1"));
    expect(message).toBe(`apiKey ${VALUE_RULE} (got a string with one)`);
  });

  it.each<[unknown]>([["X Key"], ["X-Key:"], [":X-Key"], ["(X-Key)"], [""], [5]])("refuses the header name %j", (header) => {
    expect(usageError(() => apiKey("k-1", { header: header as string }))).toBe("apiKey header must be a valid header name");
  });

  it("accepts any HTTP token as the header name", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    await createApticClient({ baseUrl: BASE, fetch, auth: apiKey("k-1", { header: "X_Aptic.Key~1" }) }).GET(pingDebtors.path);
    expect(fetch.seen[0]?.headers.get("x_aptic.key~1")).toBe("k-1");
  });

  it("a 401 is final: the same key is not sent again", async () => {
    const fetch = fakeFetch(() => problem(401, "bad key"));
    const err = await unwrap(createApticClient({ baseUrl: BASE, fetch, auth: apiKey("k-1") }).GET(pingDebtors.path)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticUnauthorizedError);
    expect(fetch.seen).toHaveLength(1);
  });
});

describe("bearer()", () => {
  it.each<[unknown]>([[""], [5], [["tok"]], [null]])("refuses the token %j: it must be a non-empty string", (token) => {
    expect(usageError(() => bearer(token as string))).toBe("bearer token must be a non-empty string");
  });

  it("a fixed token's 401 is final: it is not sent again", async () => {
    const fetch = fakeFetch(() => problem(401, "expired"));
    const err = await unwrap(createApticClient({ baseUrl: BASE, fetch, auth: bearer("tok-1") }).GET(pingDebtors.path)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticUnauthorizedError);
    expect(fetch.seen).toHaveLength(1);
  });

  it.each<[string, () => unknown]>([
    ["an empty string", () => ""],
    ["a number", () => 42],
    ["an array", () => ["tok"]],
    ["a promise of an empty string", async () => ""],
  ])("a token function returning %s is refused before anything is sent", async (_, fn) => {
    const fetch = fakeFetch(() => json(200, {}));
    const err = await createApticClient({ baseUrl: BASE, fetch, auth: bearer(fn as () => string) })
      .GET(pingDebtors.path)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticUsageError);
    expect((err as Error).message).toBe("the bearer token function's result must be a non-empty string");
    expect(fetch.seen).toHaveLength(0);
  });

  it("a token function's result that no header can carry is refused, named as such", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    const err = await createApticClient({ baseUrl: BASE, fetch, auth: bearer(() => "tok\r\nX-Evil: 1") })
      .GET(pingDebtors.path)
      .catch((e: unknown) => e);
    expect((err as Error).message).toBe(`the bearer token function's result ${VALUE_RULE} (got a string with one)`);
    expect(fetch.seen).toHaveLength(0);
  });

  it("a token seen before stays scrubbed however many calls reused the newer one", async () => {
    // The function hands out tok-old once, then tok-new on every call; the gateway's error on the
    // fifth call still quotes the old token (a log line it kept).
    const tokens = ["tok-old-0001", "tok-new-0002", "tok-new-0002", "tok-new-0002", "tok-new-0002"];
    let n = 0;
    const fetch = fakeFetch(
      () => json(200, {}),
      () => json(200, {}),
      () => json(200, {}),
      () => json(200, {}),
      () => problem(400, "bad", { detail: "earlier you sent tok-old-0001, now tok-new-0002" }),
    );
    const aptic = createApticClient({ baseUrl: BASE, fetch, retry: false, auth: bearer(() => tokens[n++] ?? "tok-new-0002") });
    for (let i = 0; i < 4; i++) await unwrap(aptic.GET(pingDebtors.path));
    const err = (await unwrap(aptic.GET(pingDebtors.path)).catch((e: unknown) => e)) as ApticApiError;
    expect(err.problem?.detail).toBe("earlier you sent [REDACTED], now [REDACTED]");
  });
});
