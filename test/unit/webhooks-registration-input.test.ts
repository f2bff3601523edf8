// Every check of the webhook registration input, with its exact message, and proof that a
// refused input sends nothing.
import { describe, expect, it } from "vitest";
import { ApticUsageError, bearer, createApticClient } from "../../src/index.js";
import { checkWebhookEvents, checkWebhookMethod, checkWebhookSecret, checkWebhookUrl } from "../../src/webhooks/registration-input.js";
import { registerWebhook, unregisterWebhook } from "../../src/webhooks/registration.js";

function client() {
  const bodies: unknown[] = [];
  const aptic = createApticClient({
    baseUrl: "https://gateway.invalid",
    auth: bearer("tok"),
    retry: false,
    fetch: async (request) => {
      bodies.push(JSON.parse(await request.text()));
      return new Response(JSON.stringify({ url: "https://hooks.example.org/a", events: ["payment"], method: "POST" }), {
        status: request.method === "DELETE" ? 200 : 201,
        headers: { "content-type": "application/json" },
      });
    },
  });
  return { aptic, bodies };
}

describe("checkWebhookUrl", () => {
  it.each([
    [undefined, "url must be a non-empty string"],
    [42, "url must be a non-empty string"],
    ["", "url must be a non-empty string"],
  ])("%j is refused: %s", (url, message) => {
    expect(() => checkWebhookUrl(url)).toThrow(new ApticUsageError(message));
  });

  it("shows what precedes the query and fragment of an unparseable URL, never user-info, cut to 100 characters", () => {
    expect(() => checkWebhookUrl("not a url?token=s3cret#x")).toThrow(new ApticUsageError('url must be an absolute http(s) URL (got "not a url" …)'));
    expect(() => checkWebhookUrl("//user:pass@host/path")).toThrow(new ApticUsageError('url must be an absolute http(s) URL (got "//host/path" …)'));
    expect(() => checkWebhookUrl("relative/path")).toThrow(new ApticUsageError('url must be an absolute http(s) URL (got "relative/path")'));
    const long = `x${"y".repeat(150)}`;
    expect(() => checkWebhookUrl(long)).toThrow(new ApticUsageError(`url must be an absolute http(s) URL (got ${JSON.stringify(long.slice(0, 100))} …)`));
  });

  it("refuses other schemes and keeps http(s) URLs unchanged, query included", () => {
    expect(() => checkWebhookUrl("ftp://hooks.example.org/a")).toThrow(new ApticUsageError("url must use http or https (got ftp:)"));
    expect(() => checkWebhookUrl("javascript:alert(1)")).toThrow(new ApticUsageError("url must use http or https (got javascript:)"));
    expect(checkWebhookUrl("http://hooks.example.org/a?tenant=x")).toBe("http://hooks.example.org/a?tenant=x");
    expect(checkWebhookUrl("https://hooks.example.org/a")).toBe("https://hooks.example.org/a");
  });
});

describe("checkWebhookEvents", () => {
  it("shows a too-long unknown name cut to 64 characters, and a non-string by its type", () => {
    const long = `x${"y".repeat(80)}`;
    expect(() => checkWebhookEvents([long])).toThrow(`Unknown webhook event ${JSON.stringify(long.slice(0, 64))};`);
    expect(() => checkWebhookEvents([42])).toThrow("Unknown webhook event number;");
  });
});

describe("checkWebhookSecret", () => {
  it.each([
    ["", "secret must be a non-empty string when given"],
    [42, "secret must be a non-empty string when given"],
  ])("%j is refused: %s", (secret, message) => {
    expect(() => checkWebhookSecret(secret)).toThrow(new ApticUsageError(message));
  });

  it("refuses a secret no header can carry back, with the reason", () => {
    expect(() => checkWebhookSecret(" s3cret")).toThrow(
      new ApticUsageError("secret must be printable ASCII without leading or trailing spaces (it comes back in an HTTP header)"),
    );
  });

  it("keeps a printable secret as given, single characters included", () => {
    expect(checkWebhookSecret("a")).toBe("a");
    expect(checkWebhookSecret("whsec a b")).toBe("whsec a b");
    expect(checkWebhookSecret(undefined)).toBeUndefined();
  });
});

describe("checkWebhookMethod", () => {
  it("upper-cases a method name and refuses anything else, showing at most 32 characters", () => {
    expect(checkWebhookMethod("post")).toBe("POST");
    expect(checkWebhookMethod(undefined)).toBeUndefined();
    expect(() => checkWebhookMethod(42)).toThrow(new ApticUsageError('method must be an HTTP method name (got "42")'));
    expect(() => checkWebhookMethod("GET /x")).toThrow(new ApticUsageError('method must be an HTTP method name (got "GET /x")'));
    expect(() => checkWebhookMethod("P".repeat(40) + " ")).toThrow(
      new ApticUsageError(`method must be an HTTP method name (got ${JSON.stringify("P".repeat(32))})`),
    );
  });
});

describe("registerWebhook and unregisterWebhook input", () => {
  it.each([null, undefined, "https://hooks.example.org/a", 42])("registerWebhook(%j) is an ApticUsageError and sends nothing", async (input) => {
    const { aptic, bodies } = client();
    await expect(registerWebhook(aptic, input as never)).rejects.toThrow(
      new ApticUsageError("registerWebhook expects { url, events, secret?, method?, allowUnknownEvents? }"),
    );
    expect(bodies).toEqual([]);
  });

  it.each([null, undefined, "https://hooks.example.org/a", 42])("unregisterWebhook(%j) is an ApticUsageError and sends nothing", async (input) => {
    const { aptic, bodies } = client();
    await expect(unregisterWebhook(aptic, input as never)).rejects.toThrow(
      new ApticUsageError("unregisterWebhook expects { url, events?, allowUnknownEvents? }"),
    );
    expect(bodies).toEqual([]);
  });

  it("sends the secret and the method only when given", async () => {
    const { aptic, bodies } = client();
    await registerWebhook(aptic, { url: "https://hooks.example.org/a", events: ["payment"] });
    await registerWebhook(aptic, { url: "https://hooks.example.org/a", events: ["payment"], secret: "s3cret" });
    await registerWebhook(aptic, { url: "https://hooks.example.org/a", events: ["payment"], method: "put" });
    expect(bodies).toEqual([
      { url: "https://hooks.example.org/a", events: ["payment"] },
      { url: "https://hooks.example.org/a", events: ["payment"], secret: "s3cret" },
      { url: "https://hooks.example.org/a", events: ["payment"], method: "PUT" },
    ]);
  });
});
