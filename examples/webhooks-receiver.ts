// Receiving webhooks with plain node:http (Express: `app.post("/aptic/webhooks", listener)`, with
// no JSON body parser before it — the handler must read the raw body itself).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createWebhookHandler, isEvent, webhookSecretFromEnv } from "aptic-gateway-client/webhooks";
import { toNodeListener } from "aptic-gateway-client/node";
import { deliverWebhook } from "aptic-gateway-client/testing";

const secret = webhookSecretFromEnv(); // APTIC_WEBHOOK_SECRET; missing or empty throws ApticUsageError

const handler = createWebhookHandler({
  secret, // compared in constant time; sent by default in the X-Webhook-Secret header
  maxBodyBytes: 256 * 1024,
  onEvent: async (event) => {
    if (isEvent(event, "payment")) console.log("payment for", event.objectId, event.data);
    else console.log(event.name, event.objectId, event.occurredAt);
  },
});
const listener = toNodeListener(handler, {
  onResult: (result) => {
    if (!result.ok) console.warn("rejected delivery:", result.error.reason, result.status);
  },
});
const server = createServer(listener).listen(0, "127.0.0.1");

// Try it: a correctly signed simulated delivery, then a forged one.
await new Promise((resolve) => server.once("listening", resolve));
const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/aptic/webhooks`;
console.log((await deliverWebhook(target, { event: "payment", secret })).status); // 204
console.log((await deliverWebhook(target, { event: "payment", secret: "wrong" })).status); // 401
server.close();
