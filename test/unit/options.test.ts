import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { ApticUsageError, createApticClient, VERSION } from "../../src/index.js";
import { fakeFetch, json } from "../support/fake-fetch.js";
import { getDebtor, pingDebtors } from "../../src/operations/index.js";
import { pathWith } from "../support/operation-url.js";

const BASE = "http://127.0.0.1:9";

describe("options fail fast", () => {
  it.each([
    [{}, /baseUrl must be a non-empty URL string/],
    [{ baseUrl: "gateway.example.org" }, /absolute http\(s\) URL/],
    [{ baseUrl: "ftp://gateway.example.org" }, /http or https/],
    [{ baseUrl: "https://user:pw@gateway.example.org" }, /must not contain user-info/],
    [{ baseUrl: BASE, timeoutMs: -1 }, /timeoutMs must be a number of milliseconds from 0 to 2147483647 \(got -1\)/],
    [{ baseUrl: BASE, timeoutMs: Number.NaN }, /timeoutMs/],
    [{ baseUrl: BASE, retry: { retries: -2 } }, /retry.retries/],
    [{ baseUrl: BASE, retry: { maxRetryAfterMs: Infinity } }, /retry.maxRetryAfterMs/],
    [{ baseUrl: BASE, baseURL: BASE }, /Unknown option "baseURL"/],
    // Deliberate change: configuration from the environment moved to createApticClientFromEnv().
    [{ baseUrl: BASE, env: {} }, /Unknown option "env"/],
  ])("%j", (options, message) => {
    expect(() => createApticClient(options as never)).toThrow(ApticUsageError);
    expect(() => createApticClient(options as never)).toThrow(message);
  });

  it("never shows the credentials of a refused baseUrl", () => {
    expect(() => createApticClient({ baseUrl: "https://user:pw-s3cret@gateway.example.org" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("pw-s3cret") }),
    );
  });

  it("rejects a negative per-request timeout before sending", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    await expect(aptic.GET(pingDebtors.path, { timeoutMs: -5 })).rejects.toThrow(ApticUsageError);
    expect(fetch.seen).toHaveLength(0);
  });
});

describe("requests", () => {
  it("sends the default User-Agent and client-wide headers; custom userAgent wins", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    await createApticClient({ baseUrl: BASE, fetch, headers: { "X-Tenant": "nordic" } }).GET(pingDebtors.path);
    await createApticClient({ baseUrl: BASE, fetch, userAgent: "erp-sync/2.1" }).GET(pingDebtors.path);
    expect(fetch.seen[0]?.headers.get("user-agent")).toBe(`aptic-gateway-client/${VERSION}`);
    expect(fetch.seen[0]?.headers.get("x-tenant")).toBe("nordic");
    expect(fetch.seen[1]?.headers.get("user-agent")).toBe("erp-sync/2.1");
  });

  it("VERSION matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it("strips a trailing slash from baseUrl", async () => {
    const fetch = fakeFetch(() => json(200, {}));
    await createApticClient({ baseUrl: `${BASE}/api/`, fetch }).GET(pingDebtors.path);
    expect(fetch.seen[0]?.url).toBe(`${BASE}/api${pingDebtors.path}`);
  });
});

describe("path parameters are percent-encoded and cannot change the path", () => {
  const call = (debtorGuid: string) => {
    const fetch = fakeFetch(() => json(200, {}));
    const aptic = createApticClient({ baseUrl: BASE, fetch });
    return { fetch, done: aptic.GET(getDebtor.path, { params: { path: { debtorGuid } } }) };
  };

  it("encodes slashes, query and fragment characters", async () => {
    for (const [value, encoded] of [
      ["../webhooks", "..%2Fwebhooks"],
      ["a/b?c=d#e", "a%2Fb%3Fc%3Dd%23e"],
      ["x&$expand=all", "x%26%24expand%3Dall"],
    ]) {
      const { fetch, done } = call(value as string);
      await done;
      expect(fetch.seen[0]?.url).toBe(`${BASE}${pathWith(getDebtor, { debtorGuid: encoded as string })}`);
      expect(new URL(fetch.seen[0]?.url ?? "").pathname.split("/")).toHaveLength(getDebtor.path.split("/").length);
    }
  });

  it.each(["", ".", "..", "%2e%2E"])("refuses %j", async (value) => {
    const { fetch, done } = call(value);
    await expect(done).rejects.toThrow(ApticUsageError);
    expect(fetch.seen).toHaveLength(0);
  });

  it("refuses a missing path parameter", async () => {
    const aptic = createApticClient({ baseUrl: BASE, fetch: fakeFetch(() => json(200, {})) });
    // @ts-expect-error — missing path params are a compile error too
    await expect(aptic.GET(getDebtor.path, { params: { path: {} } })).rejects.toThrow(/Path parameter "debtorGuid" is missing/);
  });
});
