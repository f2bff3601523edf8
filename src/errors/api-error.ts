import { ApticError } from "./aptic-error.js";
import type { ProblemDetails } from "./problem.js";

/** What an {@link ApticApiError} is built from (every field already free of secrets). */
export interface ApiErrorInit {
  status: number;
  method: string;
  /** Request URL, redacted. */
  url: string;
  problem: ProblemDetails | undefined;
  /** Response headers, redacted. */
  headers: Record<string, string>;
  /** The body text when it was not a JSON object (first 1 kB). */
  rawBody?: string | undefined;
  requestId?: string | undefined;
}

/**
 * A non-2xx response from the gateway. Subclasses narrow by status; all carry the parsed
 * RFC 9457 problem (extension members kept), the request id, method, URL and response headers.
 * Nothing secret is kept: URL and headers are redacted, and known secrets are scrubbed from the
 * problem and raw body even when a server echoes them back.
 *
 * @example
 * ```ts
 * try {
 *   await unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } }));
 * } catch (err) {
 *   if (err instanceof ApticApiError) console.log(err.status, err.problem?.title, err.requestId);
 * }
 * ```
 */
export class ApticApiError extends ApticError {
  override name = "ApticApiError";
  readonly status: number;
  readonly problem: ProblemDetails | undefined;
  /** From `X-Request-Id` (or `Request-Id`, `X-Correlation-Id`), else the problem's `traceId`. */
  readonly requestId: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The body text when it was not problem JSON (first 1 kB), e.g. a proxy's HTML page. */
  readonly rawBody: string | undefined;

  constructor(init: ApiErrorInit) {
    const p = init.problem;
    const what = [p?.title, p?.detail].filter((s) => typeof s === "string" && s).join(": ") || init.rawBody?.slice(0, 200) || "no error body";
    super(`${init.method} ${init.url} failed with ${init.status}: ${what}`);
    this.status = init.status;
    this.problem = p;
    this.method = init.method;
    this.url = init.url;
    this.headers = init.headers;
    this.rawBody = init.rawBody;
    const fromProblem = p?.["traceId"] ?? p?.["requestId"];
    this.requestId = init.requestId ?? (typeof fromProblem === "string" ? fromProblem : undefined);
  }
}

/** 400 Bad Request. @example `if (err instanceof ApticBadRequestError) fixInput(err.problem);` */
export class ApticBadRequestError extends ApticApiError {
  override name = "ApticBadRequestError";
}
/**
 * 401 Unauthorized: the gateway refused the credentials (after one refresh). Not to be confused
 * with {@link ApticTokenError}, which means no credentials could be obtained at all.
 * @example `if (err instanceof ApticUnauthorizedError) checkCredentials();`
 */
export class ApticUnauthorizedError extends ApticApiError {
  override name = "ApticUnauthorizedError";
}
/** 403 Forbidden. @example `if (err instanceof ApticForbiddenError) askForAccess();` */
export class ApticForbiddenError extends ApticApiError {
  override name = "ApticForbiddenError";
}
/** 404 Not Found. @example `if (err instanceof ApticNotFoundError) return null;` */
export class ApticNotFoundError extends ApticApiError {
  override name = "ApticNotFoundError";
}
/** 409 Conflict. @example `if (err instanceof ApticConflictError) reload();` */
export class ApticConflictError extends ApticApiError {
  override name = "ApticConflictError";
}
/** 422 Unprocessable Entity. @example `if (err instanceof ApticUnprocessableEntityError) show(err.problem);` */
export class ApticUnprocessableEntityError extends ApticApiError {
  override name = "ApticUnprocessableEntityError";
}
/** 429 Too Many Requests (after retries). @example `if (err instanceof ApticRateLimitError) console.log(err.headers["retry-after"]);` */
export class ApticRateLimitError extends ApticApiError {
  override name = "ApticRateLimitError";
}
/** 5xx server errors (after retries). @example `if (err instanceof ApticServerError) alertOps(err.requestId);` */
export class ApticServerError extends ApticApiError {
  override name = "ApticServerError";
}

const BY_STATUS: Record<number, typeof ApticApiError> = {
  400: ApticBadRequestError,
  401: ApticUnauthorizedError,
  403: ApticForbiddenError,
  404: ApticNotFoundError,
  409: ApticConflictError,
  422: ApticUnprocessableEntityError,
  429: ApticRateLimitError,
};

/**
 * Builds the most specific {@link ApticApiError} subclass for a status.
 *
 * @example
 * ```ts
 * const err = createApiError({ status: 404, method: "GET", url, problem, headers: {} });
 * err instanceof ApticNotFoundError; // true
 * ```
 */
export function createApiError(init: ApiErrorInit): ApticApiError {
  const ErrorClass = init.status >= 500 ? ApticServerError : (BY_STATUS[init.status] ?? ApticApiError);
  return new ErrorClass(init);
}
