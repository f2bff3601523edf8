import { createApiError, type ApticApiError } from "../errors/api-error.js";
import { toProblem } from "../errors/problem.js";
import { redactHeaders, redactUrl } from "../errors/redact.js";
import { responseOrigin } from "../http/retrying-fetch.js";

/** The shape of an openapi-fetch result. */
type Result = { data?: unknown; error?: unknown; response: Response };
/** The data type of the success branch of a result union. */
type DataOf<R> = R extends { error?: never } ? R extends { data?: infer D } ? D : never : never;

/**
 * Turns a non-2xx openapi-fetch result into the matching {@link ApticApiError} subclass
 * (or returns undefined for a 2xx). Useful with the result style when you want the typed error
 * without throwing.
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
  const origin = responseOrigin(response);
  const problem = toProblem(result.error);
  const rawBody = problem === undefined && result.error !== undefined && result.error !== "" ? String(result.error).slice(0, 1024) : undefined;
  return createApiError({
    status: response.status,
    method: origin?.method ?? "REQUEST",
    url: origin?.url ?? redactUrl(response.url),
    problem,
    headers: redactHeaders(response.headers, origin?.secretHeaders),
    rawBody,
  });
}

/**
 * Awaits a call and returns its data, or throws the typed {@link ApticApiError} for a non-2xx
 * response (404 → ApticNotFoundError, 429 → ApticRateLimitError, …). Transport failures already
 * reject with ApticConnectionError / ApticTimeoutError / ApticAbortError.
 *
 * @example
 * ```ts
 * const debtor = await unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } }));
 * ```
 */
export async function unwrap<R extends Result>(call: Promise<R> | R): Promise<DataOf<R>> {
  const result = await call;
  const error = toApiError(result);
  if (error) throw error;
  return result.data as DataOf<R>;
}
