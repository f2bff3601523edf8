import { ApticError } from "./aptic-error.js";

export interface TransportErrorInit {
  method: string;
  url: string;
  cause?: unknown;
}

/**
 * No usable response (DNS, reset, TLS, an unsafe redirect…) after retries; `cause` is scrubbed.
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
 * `timeoutMs` (one attempt) or `deadlineMs` (the whole call) ran out; to the caller also "no response".
 *
 * @example
 * ```ts
 * if (err instanceof ApticTimeoutError) console.error(`gave up after ${err.timeoutMs} ms`);
 * ```
 */
export class ApticTimeoutError extends ApticConnectionError {
  override name = "ApticTimeoutError";
  readonly timeoutMs: number;
  /** True for `deadlineMs`, false for `timeoutMs`. */
  readonly deadline: boolean;

  constructor(init: TransportErrorInit & { timeoutMs: number; deadline?: boolean }) {
    super(init, `${init.deadline ? "deadline" : "timed out"} after ${init.timeoutMs} ms`);
    this.timeoutMs = init.timeoutMs;
    this.deadline = init.deadline === true;
  }
}

/**
 * The caller aborted with its `signal` (never a timeout); `cause` is the signal's reason.
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
 * A response whose body cannot be used: not valid JSON, or larger than `maxResponseBytes`.
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
  /** The body's first 200 characters, scrubbed. */
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
