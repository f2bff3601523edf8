// `aptic-gateway-client/testing`: test your integration without an Aptic account.
// The fake gateway runs in any runtime; nothing here imports a `node:` module at the top level
// (Prism, the token server and `fake.listen()` import Node built-ins when called).
export { createFakeGateway } from "./fake/create-fake-gateway.js";
export type { FakeGateway, FakeGatewayOptions } from "./fake/gateway-types.js";
export { createTestClock } from "./fake/clock.js";
export type { TestClock } from "./fake/clock.js";
export type { FakeClock } from "./fake/context.js";
export type { FakeServer } from "./fake/listen.js";
export type { MswHttp } from "./fake/msw.js";
export type { FailNextOptions, FaultMatch } from "./fake/faults.js";
export type {
  OverrideContext,
  OverrideHandler,
  OverrideResult,
  OverrideBodyOf,
  PathParamsOf,
  QueryParamsOf,
  ReplyBodyOf,
  SuccessBodyOf,
  Reply,
} from "./fake/overrides.js";
export type { LoggedRequest, RequestBodyOf, RequestLog } from "./fake/request-log.js";
export type { SpecViolation } from "./fake/response-check.js";
export type { FieldErrors } from "../schema/checker.js";
export type { InvocationCall, InvocationHandler } from "./fake/services.js";
export type { CreateInput, FakeStoreView, ParentArgs, ResourceItem, ResourceName, StoredItem } from "./fake/types.js";
export type { DeliveryLog, WebhookDeliveryRecord, WebhookReceiver } from "./fake/webhooks.js";
export { WEBHOOK_EVENT_MAPPING } from "./fake/webhook-events.js";
export { SOURCE_HEADER } from "./fake/responses.js";
export type { AnswerSource } from "./fake/responses.js";
export { startMockServer, bundledSpecPath } from "./mock-server.js";
export type { MockServer, MockServerOptions } from "./mock-server.js";
export { startPrism } from "./prism.js";
export type { PrismOptions, PrismServer } from "./prism.js";
export { startTokenServer } from "./token-server.js";
export type { TokenServer, TokenServerOptions } from "./token-server.js";
export { buildWebhookDelivery, deliverWebhook } from "./webhook-simulator.js";
export type { WebhookDelivery, WebhookDeliveryOptions } from "./webhook-simulator.js";
