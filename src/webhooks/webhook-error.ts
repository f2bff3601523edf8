import { ApticError } from "../errors/aptic-error.js";

/**
 * Why a webhook delivery was rejected. Each maps to one HTTP status (see {@link WEBHOOK_ERROR_STATUS}).
 *
 * @example
 * ```ts
 * const retryable: WebhookFailureReason[] = ["handler_failed", "store_failed"];
 * ```
 */
export type WebhookFailureReason =
  | "method"
  | "content_type"
  | "too_large"
  | "body_timeout"
  | "missing_secret"
  | "bad_secret"
  | "bad_signature"
  | "timestamp"
  | "malformed"
  | "unknown_event"
  | "handler_failed"
  | "store_failed";

/**
 * The HTTP status a receiver answers with for each rejection reason.
 *
 * @example
 * ```ts
 * WEBHOOK_ERROR_STATUS.too_large; // 413
 * ```
 */
export const WEBHOOK_ERROR_STATUS: Readonly<Record<WebhookFailureReason, number>> = Object.freeze({
  method: 405,
  content_type: 415,
  too_large: 413,
  body_timeout: 408,
  missing_secret: 401,
  bad_secret: 401,
  bad_signature: 401,
  timestamp: 400,
  malformed: 400,
  unknown_event: 400,
  handler_failed: 500,
  store_failed: 503,
});

/**
 * A rejected webhook delivery. `reason` says why, `status` is what the receiver answers.
 * Messages never contain the configured secret or the value the sender provided; for
 * `handler_failed`, `cause` is what your `onEvent` threw.
 *
 * @example
 * ```ts
 * const result = await handler(request);
 * if (!result.ok && result.error.reason === "bad_secret") console.warn("forged delivery", result.error.status);
 * ```
 */
export class ApticWebhookError extends ApticError {
  override name = "ApticWebhookError";
  readonly reason: WebhookFailureReason;
  readonly status: number;

  constructor(reason: WebhookFailureReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
    this.status = WEBHOOK_ERROR_STATUS[reason];
  }

  /** A plain summary (what `JSON.stringify(error)` prints); `cause` is left out on purpose. */
  override toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, reason: this.reason, status: this.status };
  }
}

/**
 * Whether a value is an {@link ApticWebhookError}, optionally with a given reason.
 *
 * @example
 * ```ts
 * if (isWebhookError(err, "too_large")) console.warn("delivery over the size limit");
 * ```
 */
export function isWebhookError(value: unknown, reason?: WebhookFailureReason): value is ApticWebhookError {
  return value instanceof ApticWebhookError && (reason === undefined || value.reason === reason);
}
