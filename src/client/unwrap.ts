import { createApiError, type ApticApiError } from "../errors/api-error.js";
import { toProblem } from "../errors/problem.js";
import { redactHeaders, redactUrl } from "../errors/redact.js";
import { scrubDeep, type Scrub } from "../errors/scrub.js";
import { requestIdFrom } from "../http/read-body.js";

/** The shape of an openapi-fetch result. */
type Result = { data?: unknown; error?: unknown; response: Response };
/** The data of a result's success branch; `undefined` for operations that answer without a body (204). */
type DataOf<R> = R extends { data: unknown } ? ([R["data"]] extends [never] ? undefined : R["data"]) : never;

/** What the client knows of an error response it returned (kept beside it, never on it). */
interface Origin {
  method: string;
  url: string;
  secretHeaders: readonly string[];
  scrub: Scrub;
}
const origins = new WeakMap<Response, Origin>();
const scrubOptional = (value: string | undefined, scrub: Scrub) => (value === undefined ? undefined : scrub(value));

/**
 * Records where an error response came from, for {@link toApiError} (client-internal).
 *
 * @example
 * ```ts
 * rememberOrigin(response, { method: "GET", url: redactedUrl, secretHeaders: ["authorization"], scrub });
 * ```
 */
export function rememberOrigin(response: Response, origin: Origin): void {
  origins.set(response, origin);
}

/**
 * The gateway's request id of a call's response (`X-Request-Id`, `Request-Id` or
 * `X-Correlation-Id`), for success and error results alike.
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
 * Turns a non-2xx result into the matching {@link ApticApiError} subclass (undefined for a 2xx),
 * for the result style: the typed error without throwing. Secrets are scrubbed from it.
 *
 * @example
 * ```ts
 * const result = await aptic.GET("/debtors/ping");
 * const error = toApiError(result);
 * if (error) console.warn(error.status, error.problem?.title);
 * ```
 */
export function toApiError(result: { error?: unknown; response: Response }): ApticApiError | undefined {
  const { response } = result;
  if (response.ok) return undefined;
  const origin = origins.get(response);
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
    // A JSON body that is not an object (an array, a number) is shown as its JSON text.
    rawBody: problem === undefined && raw !== undefined && raw !== "" ? scrub((typeof raw === "string" ? raw : JSON.stringify(raw)).slice(0, 1024)) : undefined,
    requestId: origin ? scrubOptional(requestIdFrom(response.headers), scrub) : requestIdFrom(response.headers),
  });
}

/**
 * Awaits a call and returns its data, or throws the typed {@link ApticApiError} for a non-2xx
 * response (404 → ApticNotFoundError, 429 → ApticRateLimitError, …). Operations that answer
 * 204 resolve to `undefined`. Transport failures already reject with ApticConnectionError /
 * ApticTimeoutError / ApticAbortError.
 *
 * @example
 * ```ts
 * const debtor = await unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } }));
 * ```
 */
export async function unwrap<R>(call: Promise<R> | R): Promise<DataOf<R>> {
  // R is left unconstrained on purpose: a constraint makes the compiler resolve the whole result
  // (every error body type too) for each call, which doubles the type-check cost of an app.
  const result = (await call) as Result;
  const error = toApiError(result);
  if (error) throw error;
  return result.data as DataOf<R>;
}
