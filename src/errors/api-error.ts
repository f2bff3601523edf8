import { ApticError } from "./aptic-error.js";
import { parseRetryAfter } from "./retry-after.js";
import type { ProblemDetails } from "./problem.js";

/** What an {@link ApticApiError} is built from (every field already free of secrets). */
export interface ApiErrorInit {
  status: number;
  method: string;
  url: string;
  problem: ProblemDetails | undefined;
  headers: Record<string, string>;
  /** The body text when it was not a JSON object (first 1 kB). */
  rawBody?: string | undefined;
  requestId?: string | undefined;
}

/**
 * A non-2xx response from the gateway, with the parsed RFC 9457 problem; subclasses narrow by
 * status. URL and headers are redacted, and echoed secrets scrubbed.
 *
 * @example
 * ```ts
 * if (err instanceof ApticApiError) console.log(err.status, err.problem?.title, err.requestId);
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

/**
 * Field → messages of a validation problem, from ASP.NET's `errors: { field: [messages] }` or an
 * array under `errors`, `invalidParams` or `invalid-params` (RFC 7807's example).
 *
 * @example
 * ```ts
 * fieldErrorsOf({ errors: { Email: ["The Email field is required."] } }); // { Email: ["The Email field is required."] }
 * ```
 */
export function fieldErrorsOf(problem: ProblemDetails | undefined): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  const add = (field: unknown, message: unknown) => {
    if (typeof field === "string" && typeof message === "string") (out[field] ??= []).push(message);
  };
  for (const key of ["errors", "invalidParams", "invalid-params"]) {
    const value = problem?.[key];
    if (Array.isArray(value)) {
      for (const item of value as Record<string, unknown>[]) {
        if (typeof item !== "object" || item === null) continue;
        add(
          item["field"] ?? item["name"] ?? item["propertyName"] ?? item["property"],
          item["message"] ?? item["detail"] ?? item["errorMessage"] ?? item["reason"],
        );
      }
    } else if (typeof value === "object" && value !== null) {
      for (const [field, messages] of Object.entries(value)) for (const message of Array.isArray(messages) ? messages : [messages]) add(field, message);
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function retryAfterOf(headers: Record<string, string>): number | undefined {
  return parseRetryAfter(headers["retry-after"], Date.now());
}

/** 400 Bad Request, with the problem's field errors. @example `if (err instanceof ApticBadRequestError) show(err.fieldErrors);` */
export class ApticBadRequestError extends ApticApiError {
  override name = "ApticBadRequestError" as const;
  declare readonly status: 400;
  /** See {@link fieldErrorsOf}. */
  readonly fieldErrors: Record<string, string[]> | undefined = fieldErrorsOf(this.problem);
}
/**
 * 401: the gateway refused the credentials (after one refresh); {@link ApticTokenError} means none could be obtained.
 * @example `if (err instanceof ApticUnauthorizedError) checkCredentials();`
 */
export class ApticUnauthorizedError extends ApticApiError {
  override name = "ApticUnauthorizedError" as const;
  declare readonly status: 401;
}
/** 403 Forbidden. @example `if (err instanceof ApticForbiddenError) askForAccess();` */
export class ApticForbiddenError extends ApticApiError {
  override name = "ApticForbiddenError" as const;
  declare readonly status: 403;
}
/** 404 Not Found. @example `if (err instanceof ApticNotFoundError) return null;` */
export class ApticNotFoundError extends ApticApiError {
  override name = "ApticNotFoundError" as const;
  declare readonly status: 404;
}
/** 409 Conflict. @example `if (err instanceof ApticConflictError) reload();` */
export class ApticConflictError extends ApticApiError {
  override name = "ApticConflictError" as const;
  declare readonly status: 409;
}
/** 422 Unprocessable Entity, with the problem's field errors. @example `if (err instanceof ApticUnprocessableEntityError) show(err.fieldErrors);` */
export class ApticUnprocessableEntityError extends ApticApiError {
  override name = "ApticUnprocessableEntityError" as const;
  declare readonly status: 422;
  /** See {@link fieldErrorsOf}. */
  readonly fieldErrors: Record<string, string[]> | undefined = fieldErrorsOf(this.problem);
}
/** 429 Too Many Requests (after retries). @example `if (err instanceof ApticRateLimitError) await sleep(err.retryAfterMs ?? 1000);` */
export class ApticRateLimitError extends ApticApiError {
  override name = "ApticRateLimitError" as const;
  declare readonly status: 429;
  /** The wait `Retry-After` asked for, in ms. */
  readonly retryAfterMs: number | undefined = retryAfterOf(this.headers);
}
type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
type Num<S> = S extends `${infer N extends number}` ? N : never;

/** The statuses ApticServerError stands for. */
export type ApticServerStatus = Num<`5${Digit}${Digit}`>;

/** 5xx server errors (after retries); a 503 carries `retryAfterMs`. @example `if (err instanceof ApticServerError) alertOps(err.requestId);` */
export class ApticServerError extends ApticApiError {
  override name = "ApticServerError" as const;
  declare readonly status: ApticServerStatus;
  /** The wait `Retry-After` asked for, in ms. */
  readonly retryAfterMs: number | undefined = retryAfterOf(this.headers);
}

/**
 * Every error a non-2xx answer becomes; `switch (err.status)` or `instanceof` narrows it.
 *
 * @example
 * ```ts
 * const err = toApiError(result);
 * switch (err?.status) {
 *   case 404: return null;
 *   case 422: return err.fieldErrors;
 * }
 * ```
 */
export type AnyApticApiError =
  | ApticBadRequestError
  | ApticUnauthorizedError
  | ApticForbiddenError
  | ApticNotFoundError
  | ApticConflictError
  | ApticUnprocessableEntityError
  | ApticRateLimitError
  | ApticServerError
  | (ApticApiError & { readonly status: Exclude<Num<`${1 | 2 | 3 | 4}${Digit}${Digit}`>, 400 | 401 | 403 | 404 | 409 | 422 | 429 | ApticServerStatus> });

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
