// Reading bodies (src/body/read.ts, the one bounded reader) through the client: the size limit at its exact edge,
// declared and streamed; bodies split into chunks anywhere (inside a UTF-8 character too); empty
// bodies in every parseAs; a stream that breaks; and the excerpt in a typed error, which must not
// show part of a secret however the body is laid out.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ApticConnectionError, ApticResponseError, bearer, createApticClient } from "../../src/index.js";
import { pingDebtors } from "../../src/operations/index.js";
import { BodyTooLarge, readBody } from "../../src/body/read.js";
import { MAX_ERROR_BODY_BYTES } from "../../src/client/response.js";

const BASE = "https://gateway.invalid";
const URL_PING = `${BASE}${pingDebtors.path}`;

/** A stream of the given chunks (no Content-Length, so only a running count can bound it). */
function chunked(chunks: Uint8Array[], end: "close" | "error" = "close") {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (end === "close") controller.close();
      else controller.error(new TypeError("other side closed"));
    },
  });
}

const bytes = (text: string) => new TextEncoder().encode(text);

function client(answer: () => Response, extra: { maxResponseBytes?: number; token?: string } = {}) {
  return createApticClient({
    baseUrl: BASE,
    auth: bearer(extra.token ?? "tok-read-body"),
    fetch: async () => answer(),
    retry: false,
    ...(extra.maxResponseBytes ? { maxResponseBytes: extra.maxResponseBytes } : {}),
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe("maxResponseBytes at its edge", () => {
  const body = JSON.stringify({ debtorGuid: "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90" });
  const size = bytes(body).byteLength;

  it("a declared Content-Length equal to the limit is read", async () => {
    const aptic = client(() => new Response(body, { headers: { "content-type": "application/json", "content-length": String(size) } }), {
      maxResponseBytes: size,
    });
    expect((await aptic.GET(pingDebtors.path)).data).toEqual(JSON.parse(body));
  });

  it("a streamed body of exactly the limit is read", async () => {
    const aptic = client(() => new Response(chunked([bytes(body.slice(0, 10)), bytes(body.slice(10))]), { headers: { "content-type": "application/json" } }), {
      maxResponseBytes: size,
    });
    expect((await aptic.GET(pingDebtors.path)).data).toEqual(JSON.parse(body));
  });

  it("one byte more, streamed, is a too_large ApticResponseError with no request id invented", async () => {
    const aptic = client(() => new Response(chunked([bytes(body), bytes("x")])), { maxResponseBytes: size });
    const err = await failure(aptic.GET(pingDebtors.path));
    expect(err).toBeInstanceOf(ApticResponseError);
    expect(err).toMatchObject({ reason: "too_large", status: 200, requestId: undefined, bodyExcerpt: undefined, url: URL_PING, method: "GET" });
    expect((err as Error).message).toBe(`GET ${URL_PING}: 200 response body exceeds maxResponseBytes (${size})`);
  });

  it("an error response declaring a length over the limit is refused even when it has no body stream", async () => {
    const aptic = client(() => new Response(null, { status: 502, headers: { "content-length": "1000000", "x-request-id": "req-9" } }), {
      maxResponseBytes: 1000,
    });
    const err = await failure(aptic.GET(pingDebtors.path));
    expect(err).toBeInstanceOf(ApticResponseError);
    expect(err).toMatchObject({ reason: "too_large", status: 502, requestId: "req-9" });
  });
});

describe("bodies in pieces", () => {
  it("a character split across chunks is decoded whole (text and JSON)", async () => {
    const text = JSON.stringify({ lastname: "Ærø Østergård – ünïcødé 🙂" });
    const all = bytes(text);
    // Cut inside multi-byte characters: every 3 bytes.
    const pieces = () => Array.from({ length: Math.ceil(all.length / 3) }, (_, i) => all.slice(i * 3, i * 3 + 3));
    const asText = client(() => new Response(chunked(pieces())));
    expect((await asText.GET(pingDebtors.path, { parseAs: "text" })).data).toBe(text);
    const asJson = client(() => new Response(chunked(pieces()), { headers: { "content-type": "application/json" } }));
    expect((await asJson.GET(pingDebtors.path)).data).toEqual(JSON.parse(text));
  });

  it("an array buffer and a blob hold every chunk, in order", async () => {
    const parts = [bytes("alpha-"), bytes("beta-"), bytes("gamma")];
    const aptic = client(() => new Response(chunked(parts), { headers: { "content-type": "application/pdf" } }));
    const buffer = (await aptic.GET(pingDebtors.path, { parseAs: "arrayBuffer" })).data as ArrayBuffer;
    expect(new TextDecoder().decode(buffer)).toBe("alpha-beta-gamma");
    const blob = (await aptic.GET(pingDebtors.path, { parseAs: "blob" })).data as Blob;
    expect(await blob.text()).toBe("alpha-beta-gamma");
    expect(blob.type).toBe("application/pdf");
  });

  it("a single-chunk array buffer is exactly its bytes", async () => {
    const aptic = client(() => new Response(chunked([bytes("only")])));
    const buffer = (await aptic.GET(pingDebtors.path, { parseAs: "arrayBuffer" })).data as ArrayBuffer;
    expect(new TextDecoder().decode(buffer)).toBe("only");
  });

  it("a body that ends without a single chunk is empty in every form", async () => {
    const empty = () => new Response(chunked([]), { headers: { "content-type": "application/json" } });
    const aptic = client(empty);
    expect((await aptic.GET(pingDebtors.path, { parseAs: "text" })).data).toBe("");
    expect((await aptic.GET(pingDebtors.path)).data).toBeUndefined();
    expect(((await aptic.GET(pingDebtors.path, { parseAs: "arrayBuffer" })).data as ArrayBuffer).byteLength).toBe(0);
    expect(((await aptic.GET(pingDebtors.path, { parseAs: "blob" })).data as Blob).size).toBe(0);
  });
});

describe("a stream that breaks", () => {
  it.each(["json", "text", "arrayBuffer"] as const)("mid-body is an ApticConnectionError saying so (parseAs %s)", async (parseAs) => {
    const aptic = client(() => new Response(chunked([bytes('{"debtorGuid":"')], "error")));
    const err = await failure(aptic.GET(pingDebtors.path, { parseAs }));
    expect(err).toBeInstanceOf(ApticConnectionError);
    expect(err).toMatchObject({ method: "GET", url: URL_PING });
    expect((err as Error).message).toBe(`GET ${URL_PING}: connection lost while reading the body`);
    expect(String((err as Error).cause)).toMatch(/other side closed/);
  });
});

describe("the excerpt of a body that is not JSON", () => {
  it("shows no part of a long token, even one cut where a shorter scan would stop", async () => {
    // A 3000-character token echoed twice: the second copy straddles the 4096th character.
    const token = randomBytes(2250).toString("base64url");
    const aptic = client(() => new Response(`x${token}${token} trailing`, { headers: { "content-type": "application/json" } }), { token });
    const err = await failure(aptic.GET(pingDebtors.path));
    expect(err).toBeInstanceOf(ApticResponseError);
    const { bodyExcerpt } = err as ApticResponseError;
    expect(bodyExcerpt?.startsWith("x[REDACTED][REDACTED]")).toBe(true);
    for (let i = 0; i + 12 <= token.length; i += 12) expect(bodyExcerpt).not.toContain(token.slice(i, i + 12));
  });

  it("is the first 200 characters, scrubbed", async () => {
    const text = `<html>${"y".repeat(400)}</html>`;
    const aptic = client(() => new Response(text, { headers: { "content-type": "application/json" } }));
    const err = (await failure(aptic.GET(pingDebtors.path))) as ApticResponseError;
    expect(err.bodyExcerpt).toBe(text.slice(0, 200));
  });
});

describe("error bodies keep a bounded prefix", () => {
  it("keeps the first MAX_ERROR_BODY_BYTES (64 KiB) of a large error body, however it is chunked", async () => {
    const chunk = bytes("e".repeat(10_000));
    const aptic = client(() => new Response(chunked(Array.from({ length: 100 }, () => chunk)), { status: 500, headers: { "content-type": "text/plain" } }));
    const result = await aptic.GET(pingDebtors.path);
    expect(result.response.status).toBe(500);
    expect(typeof result.error).toBe("string");
    expect(String(result.error).length).toBe(MAX_ERROR_BODY_BYTES);
    expect(MAX_ERROR_BODY_BYTES).toBe(65_536);
  });

  it("an error body under the prefix size is kept whole", async () => {
    const aptic = client(() => new Response("x".repeat(MAX_ERROR_BODY_BYTES), { status: 502, headers: { "content-type": "text/plain" } }));
    expect(String((await aptic.GET(pingDebtors.path)).error).length).toBe(MAX_ERROR_BODY_BYTES);
  });

  it("an error body past maxResponseBytes is still too_large", async () => {
    const aptic = client(() => new Response(chunked([bytes("x".repeat(70_000)), bytes("y".repeat(70_000))]), { status: 500 }), { maxResponseBytes: 100_000 });
    const error = await failure(aptic.GET(pingDebtors.path));
    expect(error).toBeInstanceOf(ApticResponseError);
    expect((error as ApticResponseError).reason).toBe("too_large");
  });
});

describe("readBody", () => {
  const stream = (...parts: string[]) => chunked(parts.map(bytes));
  const text = (b: Uint8Array) => new TextDecoder().decode(b);

  it("reads every chunk up to the limit, and keeps only `keep` bytes of it", async () => {
    expect(text(await readBody(stream("ab", "cd", "e"), { limit: 5 }))).toBe("abcde");
    expect(text(await readBody(stream("ab", "cd", "e"), { limit: 5, keep: 3 }))).toBe("abc");
    expect((await readBody(null, { limit: 5 })).byteLength).toBe(0);
  });

  it("refuses a declared length over the limit without touching the stream, and a streamed one past it", async () => {
    const untouched = stream("abc");
    await expect(readBody(untouched, { limit: 2, declared: "3" })).rejects.toBeInstanceOf(BodyTooLarge);
    expect(untouched.locked).toBe(false);
    await expect(readBody(stream("ab", "c"), { limit: 2 })).rejects.toMatchObject({ limit: 2 });
    expect(text(await readBody(stream("ab"), { limit: 2, declared: "not a number" }))).toBe("ab");
  });

  it("an abort cancels a pending read and rejects with the signal's reason", async () => {
    let cancelled: unknown;
    const pending = new ReadableStream<Uint8Array>({ cancel: (reason) => void (cancelled = reason) });
    const controller = new AbortController();
    const read = readBody(pending, { limit: 10, signal: controller.signal });
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(read).rejects.toBe(reason);
    expect(cancelled).toBe(reason);
    await expect(readBody(stream("a"), { limit: 10, signal: controller.signal })).rejects.toBe(reason);
  });

  it("a broken stream rejects with its own error", async () => {
    await expect(readBody(chunked([bytes("a")], "error"), { limit: 10 })).rejects.toThrow("other side closed");
  });
});

describe("readBody on its own", () => {
  const text = async (body: Promise<Uint8Array>) => new TextDecoder().decode(await body);

  it("refuses a declared length over the limit before reading; a length within it, or not a number, is read", async () => {
    const over = chunked([bytes("abc")]);
    const refused = readBody(over, { limit: 3, declared: "4" });
    await expect(refused).rejects.toThrow(new BodyTooLarge(3));
    await expect(refused).rejects.toThrow("body exceeds 3 bytes");
    // Left untouched for the caller to cancel or hand on.
    expect(over.locked).toBe(false);
    expect(await text(readBody(chunked([bytes("abc")]), { limit: 3, declared: "3" }))).toBe("abc");
    expect(await text(readBody(chunked([bytes("abc")]), { limit: 3, declared: "12abc" }))).toBe("abc");
    expect(await text(readBody(chunked([bytes("ab"), bytes("cd"), bytes("ef")]), { limit: 6, keep: 3 }))).toBe("abc");
  });

  it("a signal aborted before reading: throws its reason and cancels the stream with it (also without a stream)", async () => {
    const reason = new Error("caller gave up");
    const signal = AbortSignal.abort(reason);
    let cancelled: unknown;
    const stream = new ReadableStream<Uint8Array>({ cancel: (why) => void (cancelled = why) });
    await expect(readBody(stream, { limit: 10, signal })).rejects.toBe(reason);
    expect(cancelled).toBe(reason);
    await expect(readBody(null, { limit: 10, signal })).rejects.toBe(reason);
  });

  it("an abort while reading ends it with the signal's reason, not the reader's cancellation error", async () => {
    const reason = new Error("deadline");
    const controller = new AbortController();
    let cancelled: unknown;
    const endless = new ReadableStream<Uint8Array>({
      start: (c) => c.enqueue(bytes("first")),
      cancel: (why) => void (cancelled = why),
    });
    const reading = readBody(endless, { limit: 100, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 5));
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
    expect(cancelled).toBe(reason);
  });
});
