import { ApticConnectionError, ApticResponseError } from "../errors/transport-errors.js";
import { safeCause, type Scrub } from "../errors/scrub.js";

/** What reading a body needs to know of its call (a CallState, or the token grant's own). */
export interface BodyContext {
  readonly method: string;
  url(): string;
  /** Why reading must stop (a typed error), once it must. */
  readonly halted: unknown;
  readonly maxResponseBytes: number;
  /** The reader in use, so a stop can cancel it. */
  body: ReadableStreamDefaultReader<Uint8Array> | undefined;
}

/** Stateless when used without `stream`: one instance serves every single-chunk body. */
const DECODER = new TextDecoder();

/** The response id headers gateways use, in order of preference. */
const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-correlation-id"];

/**
 * The gateway's id for a response, from its headers.
 *
 * @example
 * ```ts
 * requestIdFrom(response.headers); // "0HN4…" or undefined
 * ```
 */
export function requestIdFrom(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/**
 * The first 200 characters, scrubbed before the cut so no secret is left half-shown. The whole
 * text is scrubbed, not a prefix of it: a secret cut at the end of a prefix would not be
 * recognised, and once earlier copies shrink to `[REDACTED]` its start can land in the excerpt.
 */
export const excerpt = (text: string, scrub: Scrub): string => scrub(text).slice(0, 200);

/**
 * A typed error about a response body (too large, not JSON), with the request id and a short
 * scrubbed excerpt.
 *
 * @example
 * ```ts
 * throw responseError(state, response, "too_large", "exceeds maxResponseBytes", scrub);
 * ```
 */
export function responseError(
  state: BodyContext,
  response: Response,
  reason: ApticResponseError["reason"],
  message: string,
  scrub: Scrub,
  text?: string,
  cause?: unknown,
): ApticResponseError {
  return new ApticResponseError(
    {
      method: state.method,
      url: state.url(),
      reason,
      status: response.status,
      requestId: scrub(requestIdFrom(response.headers) ?? "") || undefined,
      bodyExcerpt: text === undefined ? undefined : excerpt(text, scrub),
      cause: safeCause(cause, scrub),
    },
    message,
  );
}

/**
 * Reads a response body's chunks under the call's limit, at most `state.maxResponseBytes`: a
 * declared `Content-Length` over the limit is refused before any byte is read, and a stream is
 * cancelled as soon as its running total passes the limit. A stop (timeout, abort) cancels the
 * read and rejects with its typed error; a broken stream is an ApticConnectionError.
 */
async function readChunks(state: BodyContext, response: Response, scrub: Scrub): Promise<Uint8Array[]> {
  const limit = state.maxResponseBytes;
  const tooLarge = () => responseError(state, response, "too_large", `body exceeds maxResponseBytes (${limit})`, scrub);
  if (Number(response.headers.get("content-length")) > limit) {
    response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  if (!response.body) return chunks;
  const reader = response.body.getReader();
  state.body = reader;
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (state.halted) throw state.halted;
      if (done) return chunks;
      total += value.byteLength;
      if (total > limit) {
        reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (cause) {
    if (state.halted) throw state.halted;
    if (cause instanceof ApticResponseError) throw cause;
    throw new ApticConnectionError({ method: state.method, url: state.url(), cause: safeCause(cause, scrub) }, "connection lost while reading the body");
  } finally {
    state.body = undefined;
  }
}

/**
 * Reads a response body as UTF-8 text, bounded and under the call's limit (see readChunks).
 *
 * @example
 * ```ts
 * const text = await readText(state, response, scrub);
 * ```
 */
export async function readText(state: BodyContext, response: Response, scrub: Scrub): Promise<string> {
  const chunks = await readChunks(state, response, scrub);
  if (chunks.length <= 1) return chunks[0] ? DECODER.decode(chunks[0]) : "";
  const decoder = new TextDecoder();
  let text = "";
  for (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

/**
 * Reads a response body as bytes, bounded and under the call's limit (see readChunks).
 *
 * @example
 * ```ts
 * const bytes = await readBytes(state, response, scrub);
 * ```
 */
export async function readBytes(state: BodyContext, response: Response, scrub: Scrub): Promise<Uint8Array<ArrayBuffer>> {
  const chunks = await readChunks(state, response, scrub);
  // A fetch body's chunks are never shared memory.
  if (chunks.length === 1 && chunks[0]) return chunks[0] as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
