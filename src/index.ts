// Public entry point. Everything here is named, typed and documented at its definition.
export { createApticClient } from "./client/create-client.js";
export type { ApticClientOptions } from "./client/options.js";
export type { ApticClient, ApticMethod, ApticPath } from "./client/types.js";
export { unwrap, toApiError } from "./client/unwrap.js";
export type { ApticRequestOptions } from "./http/request-options.js";
export type { Logger } from "./http/logger.js";
export type { Timing } from "./http/timing.js";
export { DEFAULT_RETRY } from "./retry/options.js";
export type { RetryOptions } from "./retry/options.js";
export type { AuthOption, ApiKeyAuth, BearerAuth, ClientCredentialsAuth, CustomAuthProvider } from "./auth/types.js";
export { ApticError, ApticUsageError } from "./errors/aptic-error.js";
export {
  ApticApiError,
  ApticBadRequestError,
  ApticUnauthorizedError,
  ApticForbiddenError,
  ApticNotFoundError,
  ApticConflictError,
  ApticUnprocessableEntityError,
  ApticRateLimitError,
  ApticServerError,
} from "./errors/api-error.js";
export { ApticConnectionError, ApticTimeoutError, ApticAbortError, ApticAuthenticationError } from "./errors/transport-errors.js";
export type { ProblemDetails } from "./errors/problem.js";
export { VERSION } from "./version.js";
export type { paths, components, operations, webhooks } from "../generated/aptic.js";
export { paginate, paginatePages } from "./pagination/paginate.js";
export type { ListInit, ListItem, ListPage, ListPath, PaginateOptions } from "./pagination/types.js";
export {
  invokeService,
  invokeDebtorService,
  invokeDebtorAreaService,
  invokeCustomerService,
  invokeCustomerAreaService,
  invokeCallback,
} from "./services/invoke.js";
export type { InvokeOptions, ServiceMethod } from "./services/invoke.js";
export * from "./odata/index.js";
export { WEBHOOK_EVENT_NAMES, isWebhookEventName } from "./webhooks/event-names.js";
export type { WebhookEventName } from "./webhooks/event-names.js";
export { isEvent } from "./webhooks/event.js";
export type { WebhookEvent, WebhookEventOf, UnknownWebhookEvent, AnyWebhookEvent, RawWebhookDelivery } from "./webhooks/event.js";
export { createWebhookHandler } from "./webhooks/handler.js";
export type { WebhookHandler, WebhookHandlerResult } from "./webhooks/handler.js";
export type { WebhookHandlerOptions, HandlerEvent } from "./webhooks/handler-options.js";
export { toNodeListener } from "./webhooks/node-listener.js";
export type { NodeListenerOptions, NodeIncomingMessage, NodeServerResponse } from "./webhooks/node-listener.js";
export { parseWebhookEvent } from "./webhooks/parse-event.js";
export { registerWebhook, listWebhooks, unregisterWebhook } from "./webhooks/registration.js";
export type { Webhook, RegisterWebhookInput, UnregisterWebhookInput, WebhookCallOptions } from "./webhooks/registration.js";
export type { WebhookEvents } from "./webhooks/registration-input.js";
export { ApticWebhookError, isWebhookError, WEBHOOK_ERROR_STATUS } from "./webhooks/webhook-error.js";
export type { WebhookFailureReason } from "./webhooks/webhook-error.js";
