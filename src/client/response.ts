import type { Call } from "../attempt/call.js";
import { requestIdFrom } from "../attempt/send.js";
import { BodyTooLarge, readBody } from "../body/read.js";
import { createApiError, type AnyApticApiError } from "../errors/api-error.js";
import { toProblem } from "../errors/problem.js";
import { ApticConnectionError, ApticResponseError } from "../errors/transport-errors.js";
import { redactHeaders, redactUrl } from "../secrets/redact.js";
import { excerpt, safeCause, scrubDeep, type Scrub } from "../secrets/scrub.js";

/** Enough for any problem document; a huge error page costs no more memory than this. */
export const MAX_ERROR_BODY_BYTES = 65_536;

export interface Origin {
  method: string;
  url: string;
  secretHeaders: readonly string[];
  scrub: Scrub;
}

/** A symbol, so the origin never shows in JSON or clashes with a field. */
export const ORIGIN: unique symbol = Symbol("aptic origin");

type Result = { data?: unknown; error?: unknown; response: Response; [ORIGIN]?: Origin };
type DataOf<R> = R extends { data: unknown } ? ([R["data"]] extends [never] ? undefined : R["data"]) : never;

const DECODER = new TextDecoder();
const scrubOptional = (value: string | undefined, scrub: Scrub) => (value === undefined ? undefined : scrub(value));

interface Reading {
  call: Call;
  limit: number;
  scrub: Scrub;
}

function responseError(r: Reading, response: Response, reason: ApticResponseError["reason"], message: string, text?: string, cause?: unknown) {
  const { call, scrub } = r;
  return new ApticResponseError(
    {
      method: call.method,
      url: call.url(),
      reason,
      status: response.status,
      requestId: scrub(requestIdFrom(response.headers) ?? "") || undefined,
      bodyExcerpt: text === undefined ? undefined : excerpt(text, scrub),
      cause: safeCause(cause, scrub),
    },
    message,
  );
}

async function bytesOf(r: Reading, response: Response, keep?: number): Promise<Uint8Array<ArrayBuffer>> {
  const { call, limit, scrub } = r;
  try {
    return await readBody(response.body, { limit, keep, declared: response.headers.get("content-length"), signal: call.signal });
  } catch (cause) {
    if (call.halted) throw call.halted;
    if (cause instanceof BodyTooLarge) {
      response.body?.cancel().catch(() => {});
      throw responseError(r, response, "too_large", `body exceeds maxResponseBytes (${limit})`);
    }
    throw new ApticConnectionError({ method: call.method, url: call.url(), cause: safeCause(cause, scrub) }, "connection lost while reading the body");
  }
}

/** An error response made safe to hand to openapi-fetch: body read (bounded) and scrubbed. */
export async function errorResponse(r: Reading, response: Response): Promise<Response> {
  const text = DECODER.decode(await bytesOf(r, response, MAX_ERROR_BODY_BYTES));
  // Empty is rebuilt as null: a Response with status 304 may not have a body.
  return new Response(text ? r.scrub(text) : null, response);
}

// The cause is our own SyntaxError: V8's quotes the body's start, maybe an echoed secret too short to recognise.
function parseJson(r: Reading, response: Response, text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(String(error))?.[1];
    const cause = new SyntaxError(`Unexpected token in JSON${at === undefined ? "" : ` at position ${at}`}`);
    throw responseError(r, response, "invalid_json", "body is not valid JSON", text, cause);
  }
}

export async function readData(r: Reading, response: Response, parseAs: string): Promise<unknown> {
  const bytes = await bytesOf(r, response);
  if (parseAs === "json" || parseAs === "text") {
    const text = DECODER.decode(bytes);
    return parseAs === "text" ? text : parseJson(r, response, text);
  }
  return parseAs === "blob"
    ? new Blob([bytes], { type: response.headers.get("content-type") ?? "" })
    : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

/**
 * The gateway's request id of a result (`X-Request-Id`, `Request-Id` or `X-Correlation-Id`).
 *
 * @example
 * ```ts
 * const result = await aptic.GET("/debtors/ping");
 * console.log("request id", requestIdOf(result));
 * ```
 */
export function requestIdOf(result: { response: Response } | Response): string | undefined {
  return requestIdFrom((result instanceof Response ? result : result.response).headers);
}

/**
 * The typed, scrubbed {@link AnyApticApiError} of a non-2xx result without throwing; undefined for a 2xx.
 *
 * @example
 * ```ts
 * const result = await aptic.GET("/debtors/ping");
 * const error = toApiError(result);
 * if (error) console.warn(error.status, error.problem?.title);
 * ```
 */
export function toApiError(result: { error?: unknown; response: Response }): AnyApticApiError | undefined {
  const { response } = result;
  if (response.ok) return undefined;
  const origin = (result as Result)[ORIGIN];
  const scrub = origin?.scrub ?? String;
  const problem = toProblem(scrubDeep(result.error, scrub));
  const raw = result.error;
  const headers = redactHeaders(response.headers, origin?.secretHeaders, scrub);
  return createApiError({
    status: response.status,
    method: origin?.method ?? "REQUEST",
    url: origin?.url ?? redactUrl(response.url),
    problem,
    headers,
    rawBody: problem === undefined && raw !== undefined && raw !== "" ? scrub((typeof raw === "string" ? raw : JSON.stringify(raw)).slice(0, 1024)) : undefined,
    requestId: origin ? scrubOptional(requestIdFrom(response.headers), scrub) : requestIdFrom(response.headers),
  }) as AnyApticApiError;
}

/**
 * Awaits a call and returns its data (`undefined` for a 204), or throws the typed
 * {@link ApticApiError} for a non-2xx response (404 → ApticNotFoundError, …).
 *
 * @example
 * ```ts
 * const debtor = await unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } }));
 * ```
 */
export async function unwrap<R>(call: Promise<R> | R): Promise<DataOf<R>> {
  // R is unconstrained on purpose: a constraint doubles an app's type-check cost (every error body resolved per call).
  const result = (await call) as Result;
  const error = toApiError(result);
  if (error) throw error;
  return result.data as DataOf<R>;
}
