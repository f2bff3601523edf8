import { ApticError } from "./aptic-error.js";

/** Where a transport error happened (URL already redacted, cause already scrubbed). */
export interface TransportErrorInit {
  method: string;
  url: string;
  cause?: unknown;
}

/**
 * The request got no usable response: DNS, refused connection, reset, TLS, a redirect that
 * cannot be followed safely… (after retries). `cause` is the underlying error, scrubbed.
 *
 * @example
 * ```ts
 * if (err instanceof ApticConnectionError) console.error("gateway unreachable", err.url);
 * ```
 */
export class ApticConnectionError extends ApticError {
  override name = "ApticConnectionError";
  readonly method: string;
  readonly url: string;

  constructor(init: TransportErrorInit, message = "connection failed") {
    super(`${init.method} ${init.url}: ${message}`, { cause: init.cause });
    this.method = init.method;
    this.url = init.url;
  }
}

/**
 * A time limit ran out: the attempt's `timeoutMs` (body included), or the call's `deadlineMs`
 * across all attempts and waits (`deadline: true`). A subclass of the connection error because,
 * to the caller, both mean "no response".
 *
 * @example
 * ```ts
 * if (err instanceof ApticTimeoutError) console.error(`gave up after ${err.timeoutMs} ms`);
 * ```
 */
export class ApticTimeoutError extends ApticConnectionError {
  override name = "ApticTimeoutError";
  readonly timeoutMs: number;
  /** True when the whole call's `deadlineMs` ran out, false for one attempt's `timeoutMs`. */
  readonly deadline: boolean;

  constructor(init: TransportErrorInit & { timeoutMs: number; deadline?: boolean }) {
    super(init, `${init.deadline ? "deadline" : "timed out"} after ${init.timeoutMs} ms`);
    this.timeoutMs = init.timeoutMs;
    this.deadline = init.deadline === true;
  }
}

/**
 * The caller aborted the call with its `signal` (never a timeout: see {@link ApticTimeoutError}).
 * `cause` is the signal's reason, as given.
 *
 * @example
 * ```ts
 * if (err instanceof ApticAbortError) return; // the user navigated away
 * ```
 */
export class ApticAbortError extends ApticError {
  override name = "ApticAbortError";
  readonly method: string;
  readonly url: string;

  constructor(init: TransportErrorInit) {
    super(`${init.method} ${init.url}: aborted by the caller`, { cause: init.cause });
    this.method = init.method;
    this.url = init.url;
  }
}

/**
 * A response came, but its body cannot be used: a 2xx whose body is not valid JSON for a JSON
 * operation (`reason: "invalid_json"`, `cause` is the SyntaxError), or a body larger than
 * `maxResponseBytes` (`reason: "too_large"`, read no further).
 *
 * @example
 * ```ts
 * if (err instanceof ApticResponseError) console.error(err.status, err.reason, err.bodyExcerpt);
 * ```
 */
export class ApticResponseError extends ApticError {
  override name = "ApticResponseError";
  readonly reason: "invalid_json" | "too_large";
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly requestId: string | undefined;
  /** The first 200 characters of the body (scrubbed), when it was read. */
  readonly bodyExcerpt: string | undefined;

  constructor(
    init: TransportErrorInit & { reason: ApticResponseError["reason"]; status: number; requestId?: string | undefined; bodyExcerpt?: string | undefined },
    message: string,
  ) {
    super(`${init.method} ${init.url}: ${init.status} response ${message}`, { cause: init.cause });
    this.reason = init.reason;
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.requestId = init.requestId;
    this.bodyExcerpt = init.bodyExcerpt;
  }
}
