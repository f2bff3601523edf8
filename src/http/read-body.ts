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
 * A typed error about a response body (too large, not JSON), with the request id and a short
 * scrubbed excerpt.
 *
 * @example
 * ```ts
 * throw responseError(state, response, "too_large", "exceeds maxResponseBytes", scrub);
 * ```
 */
export function responseError(state: BodyContext, response: Response, reason: ApticResponseError["reason"], message: string, scrub: Scrub, text?: string, cause?: unknown): ApticResponseError {
  return new ApticResponseError(
    { method: state.method, url: state.url(), reason, status: response.status, requestId: scrub(requestIdFrom(response.headers) ?? "") || undefined, bodyExcerpt: text === undefined ? undefined : scrub(text.slice(0, 200)), cause: safeCause(cause, scrub) },
    message,
  );
}

/**
 * Reads a response body as UTF-8 text under the call's timer, at most `state.maxResponseBytes`:
 * a declared `Content-Length` over the limit is refused before any byte is read, and a stream
 * is cancelled as soon as its running total passes the limit. A stop (timeout, abort) cancels
 * the read and rejects with its typed error; a broken stream is an ApticConnectionError.
 *
 * @example
 * ```ts
 * const text = await readText(state, response, scrub);
 * ```
 */
export async function readText(state: BodyContext, response: Response, scrub: Scrub): Promise<string> {
  const limit = state.maxResponseBytes;
  const tooLarge = () => responseError(state, response, "too_large", `body exceeds maxResponseBytes (${limit})`, scrub);
  if (Number(response.headers.get("content-length")) > limit) {
    response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  state.body = reader;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (state.halted) throw state.halted;
      if (done) break;
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
  if (chunks.length === 1) return DECODER.decode(chunks[0]);
  const decoder = new TextDecoder();
  let text = "";
  for (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
