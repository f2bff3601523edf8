// `aptic-gateway-client/testing`: test your integration without an Aptic account.
// Kept out of the main entry: it needs Node and @stoplight/prism-cli.
export { startMockServer, bundledSpecPath } from "./mock-server.js";
export type { MockServer, MockServerOptions } from "./mock-server.js";
export { startPrism } from "./prism.js";
export type { PrismOptions, PrismServer } from "./prism.js";
export { startTokenServer } from "./token-server.js";
export type { TokenServer, TokenServerOptions } from "./token-server.js";
export { buildWebhookDelivery, deliverWebhook } from "./webhook-simulator.js";
export type { WebhookDelivery, WebhookDeliveryOptions } from "./webhook-simulator.js";
