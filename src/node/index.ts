// `aptic-gateway-client/node`: adapters for Node's http server (usable with Express, Fastify's raw
// mode, Koa's req/res). Kept apart from `/webhooks`, whose handler works on any runtime's Request.
export { toNodeListener } from "./webhook-listener.js";
export type { NodeListenerOptions, NodeIncomingMessage, NodeServerResponse } from "./webhook-listener.js";
