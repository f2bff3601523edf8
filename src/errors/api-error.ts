import { ApticError } from "./aptic-error.js";
import type { ProblemDetails } from "./problem.js";

/** What an {@link ApticApiError} is built from. */
export interface ApiErrorInit {
  status: number;
  method: string;
  /** Request URL, already redacted. */
  url: string;
  problem: ProblemDetails | undefined;
  /** Response headers, already redacted. */
  headers: Record<string, string>;
  /** Raw body text when it was not problem+json (truncated). */
  rawBody?: string | undefined;
  cause?: unknown;
}

/** Headers gateways commonly use for a request id, in order of preference. */
const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-correlation-id", "traceparent"];

function describe(init: ApiErrorInit): string {
  const p = init.problem;
  const what = [p?.title, p?.detail].filter((s): s is string => typeof s === "string" && s.length > 0);
  const text = what.length ? what.join(": ") : init.rawBody ? init.rawBody.slice(0, 200) : "no error body";
  return `${init.method} ${init.url} failed with ${init.status}: ${text}`;
}

/**
 * A non-2xx response from the gateway. Subclasses narrow by status; all carry the parsed
 * RFC 9457 problem (extension members kept), request id, method, URL and response headers.
 * Nothing secret is stored: URL and headers arrive redacted.
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
  readonly requestId: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The body text when it was not JSON (truncated to 1 kB), for debugging proxies' HTML pages. */
  readonly rawBody: string | undefined;

  constructor(init: ApiErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.problem = init.problem;
    this.method = init.method;
    this.url = init.url;
    this.headers = init.headers;
    this.rawBody = init.rawBody;
    const fromProblem = init.problem?.["traceId"] ?? init.problem?.["requestId"];
    this.requestId =
      REQUEST_ID_HEADERS.map((h) => init.headers[h]).find((v) => v !== undefined) ??
      (typeof fromProblem === "string" ? fromProblem : undefined);
  }

  /** A plain, secret-free summary (what `JSON.stringify(error)` prints). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      url: this.url,
      requestId: this.requestId,
      problem: this.problem,
    };
  }
}

/** 400 Bad Request. @example `if (err instanceof ApticBadRequestError) fixInput(err.problem);` */
export class ApticBadRequestError extends ApticApiError {
  override name = "ApticBadRequestError";
}
/** 401 Unauthorized (after one token refresh). @example `if (err instanceof ApticUnauthorizedError) checkCredentials();` */
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
