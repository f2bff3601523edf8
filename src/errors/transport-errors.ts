import { ApticError } from "./aptic-error.js";

/** Where a transport error happened (URL already redacted). */
export interface TransportErrorInit {
  method: string;
  url: string;
  cause?: unknown;
}

/**
 * The request never got a response: DNS, refused connection, reset, TLS… (after retries).
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

  constructor(init: TransportErrorInit, message = `${init.method} ${init.url}: connection failed`) {
    super(message, { cause: init.cause });
    this.method = init.method;
    this.url = init.url;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, method: this.method, url: this.url };
  }
}

/**
 * An attempt took longer than `timeoutMs` (after retries). A subclass of the connection error
 * because, to the caller, both mean "no response".
 *
 * @example
 * ```ts
 * if (err instanceof ApticTimeoutError) console.error(`gave up after ${err.timeoutMs} ms`);
 * ```
 */
export class ApticTimeoutError extends ApticConnectionError {
  override name = "ApticTimeoutError";
  readonly timeoutMs: number;

  constructor(init: TransportErrorInit & { timeoutMs: number }) {
    super(init, `${init.method} ${init.url}: timed out after ${init.timeoutMs} ms`);
    this.timeoutMs = init.timeoutMs;
  }
}

/**
 * The caller aborted the request with its `signal` (never a timeout: see {@link ApticTimeoutError}).
 * `cause` is the signal's reason.
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
 * Getting an OAuth2 token failed (bad client credentials, unreachable or broken token endpoint).
 * Carries the OAuth2 `error` code when the endpoint sent one — never the client secret.
 *
 * @example
 * ```ts
 * if (err instanceof ApticAuthenticationError) console.error(err.status, err.oauthError);
 * ```
 */
export class ApticAuthenticationError extends ApticError {
  override name = "ApticAuthenticationError";
  readonly status: number | undefined;
  readonly oauthError: string | undefined;

  constructor(message: string, init: { status?: number; oauthError?: string; cause?: unknown } = {}) {
    super(message, { cause: init.cause });
    this.status = init.status;
    this.oauthError = init.oauthError;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, status: this.status, oauthError: this.oauthError };
  }
}
