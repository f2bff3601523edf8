// `aptic-gateway-client/webhooks`: register webhooks and receive deliveries. The receiver takes a
// Web `Request` (any runtime); the Node http adapter lives in `aptic-gateway-client/node`.
export { WEBHOOK_EVENT_NAMES, isWebhookEventName } from "./event-names.js";
export type { WebhookEventName } from "./event-names.js";
export { isEvent } from "./event.js";
export type { WebhookEvent, WebhookEventOf, UnknownWebhookEvent, AnyWebhookEvent, RawWebhookDelivery } from "./event.js";
export { createWebhookHandler } from "./handler.js";
export type { WebhookHandler, WebhookHandlerResult } from "./handler.js";
export type {
  WebhookHandlerOptions,
  WebhookHandlerCommonOptions,
  WebhookSecretAuth,
  WebhookVerifierAuth,
  WebhookVerifier,
  WebhookVerifyInput,
  WebhookToleranceOptions,
  HandlerEvent,
} from "./handler-options.js";
export { webhookSecretFromEnv, createWebhookHandlerFromEnv } from "./from-env.js";
export { parseWebhookEvent } from "./parse-event.js";
export { createMemoryReplayStore } from "./replay.js";
export type { WebhookReplayStore, WebhookReplayOptions, MemoryReplayStoreOptions } from "./replay.js";
export { registerWebhook, listWebhooks, unregisterWebhook } from "./registration.js";
export type { Webhook, RegisterWebhookInput, UnregisterWebhookInput, WebhookCallOptions, EventsInput } from "./registration.js";
export type { WebhookEvents, AnyWebhookEvents } from "./registration-input.js";
export { ApticWebhookError, isWebhookError, WEBHOOK_ERROR_STATUS } from "./webhook-error.js";
export type { WebhookFailureReason } from "./webhook-error.js";
