// Every documented failure, told apart by class: what the app logs and whether it retries later.
import {
  ApticAbortError,
  ApticApiError,
  ApticBadRequestError,
  ApticConflictError,
  ApticConnectionError,
  ApticError,
  ApticForbiddenError,
  ApticNotFoundError,
  ApticRateLimitError,
  ApticResponseError,
  ApticServerError,
  ApticTimeoutError,
  ApticTokenError,
  ApticUnauthorizedError,
  ApticUnprocessableEntityError,
  ApticUsageError,
} from "aptic-gateway-client";
import { ApticWebhookError } from "aptic-gateway-client/webhooks";

export interface Outcome {
  /** What happened, for the log. */
  summary: string;
  /** Whether trying again later may succeed. */
  retryLater: boolean;
}

/** Classifies anything a call (or the receiver) can throw. Subclasses come before their bases. */
export function classify(err: unknown): Outcome {
  if (err instanceof ApticNotFoundError) return { summary: `not found: ${err.problem?.detail ?? err.url}`, retryLater: false };
  if (err instanceof ApticBadRequestError) return { summary: `bad request (${err.status}): ${err.problem?.title ?? err.message}`, retryLater: false };
  if (err instanceof ApticUnprocessableEntityError) return { summary: `refused (${err.status}): ${err.problem?.title ?? err.message}`, retryLater: false };
  if (err instanceof ApticConflictError) return { summary: `conflict: ${err.problem?.detail ?? err.message}`, retryLater: false };
  if (err instanceof ApticUnauthorizedError) return { summary: "credentials refused", retryLater: false };
  if (err instanceof ApticForbiddenError) return { summary: "not allowed for these credentials", retryLater: false };
  if (err instanceof ApticRateLimitError) return { summary: `rate limited (retry-after ${err.headers["retry-after"] ?? "?"})`, retryLater: true };
  if (err instanceof ApticServerError) return { summary: `gateway failed (${err.status}), request ${err.requestId ?? "?"}`, retryLater: true };
  if (err instanceof ApticApiError) return { summary: `HTTP ${err.status} ${err.method} ${err.url}`, retryLater: err.status >= 500 };
  if (err instanceof ApticTokenError) return { summary: `token endpoint: ${err.oauthError ?? err.message}`, retryLater: err.status === undefined };
  if (err instanceof ApticTimeoutError) return { summary: `timed out after ${err.timeoutMs} ms${err.deadline ? " (deadline)" : ""}`, retryLater: true };
  if (err instanceof ApticConnectionError) return { summary: `no connection: ${err.method} ${err.url}`, retryLater: true };
  if (err instanceof ApticAbortError) return { summary: "cancelled", retryLater: false };
  if (err instanceof ApticResponseError)
    return { summary: `unreadable response (${err.reason}, HTTP ${err.status})`, retryLater: err.reason === "invalid_json" };
  if (err instanceof ApticWebhookError) return { summary: `webhook refused: ${err.reason} (${err.status})`, retryLater: err.status >= 500 };
  if (err instanceof ApticUsageError) return { summary: `programming error: ${err.message}`, retryLater: false };
  if (err instanceof ApticError) return { summary: err.message, retryLater: false };
  throw err;
}
