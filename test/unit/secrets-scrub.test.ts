// Scrubbing as a caller sees it in errors: which forms of a secret are replaced, what is left
// alone (too short to be a secret), that no fragment of a longer secret survives a shorter one,
// how deep an echoed body is walked, and what an error's cause chain keeps.
import { describe, expect, it } from "vitest";
import {
  apiKey,
  ApticConnectionError,
  ApticResponseError,
  bearer,
  createApticClient,
  unwrap,
  type ApticApiError,
  type ApticClientOptions,
} from "../../src/index.js";
import { fakeFetch, json, type Handler } from "../support/fake-fetch.js";
import { pingDebtors } from "../../src/operations/index.js";

const BASE = "http://127.0.0.1:9";

async function failure(handler: Handler, options: Partial<ApticClientOptions>): Promise<unknown> {
  const aptic = createApticClient({ baseUrl: BASE, retry: false, fetch: fakeFetch(handler), ...options });
  return unwrap(aptic.GET(pingDebtors.path)).then(
    () => undefined,
    (err: unknown) => err,
  );
}

/** JSON text as Python's json.dumps writes it by default: every non-ASCII character as a lower-case \uXXXX. */
const pythonJson = (value: string) => JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

describe("forms of a secret in a body the client cannot parse", () => {
  it("a non-ASCII key echoed with \\u escapes (Python's JSON) in a text body is replaced, escapes and all", async () => {
    const key = "clé-secrète-42";
    const escaped = pythonJson(key).slice(1, -1);
    expect(escaped).toBe("cl\\u00e9-secr\\u00e8te-42");
    const body = `upstream said: {"key": "${escaped}"} (truncated`;
    const err = (await failure(() => new Response(body, { status: 502, headers: { "content-type": "text/plain" } }), { auth: apiKey(key) })) as ApticApiError;
    expect(err.rawBody).toBe('upstream said: {"key": "[REDACTED]"} (truncated');
    expect(err.message).toContain('{"key": "[REDACTED]"}');
  });

  it("a key with quotes and backslashes echoed JSON-escaped is replaced whole, leaving no stray escape", async () => {
    const key = 'k"ey\\42';
    const body = `rejected ${JSON.stringify(key).slice(1, -1)} and ${key}`;
    const err = (await failure(() => new Response(body, { status: 401 }), { auth: apiKey(key) })) as ApticApiError;
    expect(err.rawBody).toBe("rejected [REDACTED] and [REDACTED]");
  });
});

describe("what is too short to scrub", () => {
  it("a two-character credential is not scrubbed (it would garble every message); three characters are", async () => {
    const body = { title: "about the tab", detail: "key ab is not valid" };
    const short = (await failure(() => json(403, body), { auth: apiKey("ab") })) as ApticApiError;
    expect(short.problem).toMatchObject(body);
    const three = (await failure(() => json(403, { title: "about the tab", detail: "key abc is not valid" }), { auth: apiKey("abc") })) as ApticApiError;
    expect(three.problem).toMatchObject({ title: "about the tab", detail: "key [REDACTED] is not valid" });
  });
});

describe("secrets that contain one another", () => {
  it("the longest is replaced first, so no tail of a longer secret is left after a shorter one", async () => {
    // A custom provider's values all count as secrets; the second is a prefix of the first.
    const auth = () => ({ "x-session": "s-123-and-the-rest-of-it", "x-key": "s-123" });
    const echo: Handler = (request) => new Response(`saw ${request.headers.get("x-session")} / ${request.headers.get("x-key")}`, { status: 401 });
    const err = (await failure(echo, { auth })) as ApticApiError;
    expect(err.rawBody).toBe("saw [REDACTED] / [REDACTED]");
  });
});

describe("how deep an echoed JSON body is walked", () => {
  // The token contains "/", which a server may write as "\/": the raw text then does not contain
  // it, and only the scrub of the parsed value can catch it.
  const TOKEN = "tok/abc/secret-value";
  const nest = (levels: number, leaf: unknown): unknown => (levels === 0 ? leaf : { inner: nest(levels - 1, leaf) });
  const escapedEcho =
    (value: unknown): Handler =>
    () =>
      new Response(JSON.stringify({ title: "denied", echo: value }).replaceAll("/", "\\/"), {
        status: 401,
        headers: { "content-type": "application/problem+json" },
      });

  it("32 levels of nesting are walked and kept, the escaped token inside them scrubbed", async () => {
    // The problem is level 0, so the innermost object below is at level 32 and its string at 33.
    const err = (await failure(escapedEcho(nest(31, { token: TOKEN, n: 7, ok: true, none: null })), { auth: bearer(TOKEN) })) as ApticApiError;
    expect(err.problem?.["echo"]).toEqual(nest(31, { token: "[REDACTED]", n: 7, ok: true, none: null }));
  });

  it("anything nested deeper is replaced by [REDACTED] rather than shown unwalked", async () => {
    const err = (await failure(escapedEcho(nest(40, TOKEN)), { auth: bearer(TOKEN) })) as ApticApiError;
    expect(JSON.stringify(err.problem)).not.toContain("secret-value");
    expect(err.problem?.["echo"]).toEqual(nest(31, { inner: "[REDACTED]" }));
  });

  it("the result style's error is scrubbed the same way", async () => {
    const aptic = createApticClient({ baseUrl: BASE, retry: false, auth: bearer(TOKEN), fetch: fakeFetch(escapedEcho(nest(40, TOKEN))) });
    const { error } = await aptic.GET(pingDebtors.path);
    expect(JSON.stringify(error)).not.toContain("secret-value");
    expect(JSON.stringify(error)).toContain('"inner":"[REDACTED]"');
  });
});

describe("the cause of a transport error", () => {
  const TOKEN = "tok-cause-secret-77";
  const auth = bearer(TOKEN);
  const causeOf = async (thrown: unknown) => {
    const err = await failure(() => Promise.reject(thrown), { auth });
    expect(err).toBeInstanceOf(ApticConnectionError);
    return (err as Error).cause;
  };

  it("keeps the class, name, code, message and stack of each error, scrubbed", async () => {
    const inner = Object.assign(new RangeError(`bad frame ${TOKEN}`), { code: "ERR_FRAME" });
    const outer = Object.assign(new TypeError(`fetch failed for ${TOKEN}`, { cause: inner }), { code: "UND_ERR_SOCKET" });
    outer.name = "UndiciError";
    const cause = (await causeOf(outer)) as Error & { code?: unknown };
    expect(cause).toBeInstanceOf(TypeError);
    expect(cause).not.toBe(outer);
    expect(cause).toMatchObject({ name: "UndiciError", message: "fetch failed for [REDACTED]", code: "UND_ERR_SOCKET" });
    expect(cause.stack).toBe(outer.stack?.replaceAll(TOKEN, "[REDACTED]"));
    expect(cause.stack).toContain("fetch failed for [REDACTED]");
    const next = cause.cause as Error & { code?: unknown };
    expect(next).toBeInstanceOf(RangeError);
    expect(next).toMatchObject({ name: "RangeError", message: "bad frame [REDACTED]", code: "ERR_FRAME" });
  });

  it("follows the chain five errors deep, no further", async () => {
    let thrown: Error = new Error(`level 6 ${TOKEN}`);
    for (let level = 5; level >= 0; level--) thrown = new Error(`level ${level} ${TOKEN}`, { cause: thrown });
    const messages: string[] = [];
    for (let cause = await causeOf(thrown); cause instanceof Error; cause = cause.cause) messages.push(cause.message);
    expect(messages).toEqual([0, 1, 2, 3, 4].map((level) => `level ${level} [REDACTED]`));
  });

  it("drops a code that is not a string (it could carry anything)", async () => {
    const cause = (await causeOf(Object.assign(new Error("refused"), { code: { token: TOKEN } }))) as Error & { code?: unknown };
    expect(cause.message).toBe("refused");
    expect(cause).not.toHaveProperty("code");
  });

  it("invents no stack for an error that had none", async () => {
    const stackless = new Error("no stack here");
    delete stackless.stack;
    const cause = (await causeOf(stackless)) as Error;
    expect(cause.stack).toBe("");
  });

  it("turns a thrown non-error into a scrubbed string", async () => {
    expect(await causeOf(`socket hang up (${TOKEN})`)).toBe("socket hang up ([REDACTED])");
    expect(await causeOf(42)).toBe("42");
    expect(await causeOf({ toString: () => `custom ${TOKEN}` })).toBe("custom [REDACTED]");
  });

  it("is undefined when there was none (a body over maxResponseBytes)", async () => {
    const err = await failure(() => json(200, { value: "x".repeat(100) }), { auth, maxResponseBytes: 10 });
    expect(err).toBeInstanceOf(ApticResponseError);
    expect(err).toMatchObject({ reason: "too_large" });
    expect((err as Error).cause).toBeUndefined();
  });
});
