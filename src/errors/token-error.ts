import { ApticError } from "./aptic-error.js";

/**
 * No OAuth2 token could be obtained: the token endpoint refused the client credentials, answered
 * something that is not a usable token (no `access_token`, an unsupported `token_type` such as
 * DPoP, a redirect), or failed after retries. Carries the OAuth2 `error` code when the endpoint
 * sent one — never the client secret. (A 401 from the gateway itself is
 * {@link ApticUnauthorizedError}; a token request that ran out of time is an ApticTimeoutError.)
 *
 * @example
 * ```ts
 * if (err instanceof ApticTokenError) console.error(err.status, err.oauthError);
 * ```
 */
export class ApticTokenError extends ApticError {
  override name = "ApticTokenError";
  readonly status: number | undefined;
  readonly oauthError: string | undefined;

  constructor(message: string, init: { status?: number | undefined; oauthError?: string | undefined; cause?: unknown } = {}) {
    super(message, { cause: init.cause });
    this.status = init.status;
    this.oauthError = init.oauthError;
  }
}
