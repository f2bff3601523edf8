// Webhook registration: event names are typed (the documented list); the secret is never logged.
import { createApticClientFromEnv } from "aptic-gateway-client";
import { listWebhooks, registerWebhook, unregisterWebhook, webhookSecretFromEnv } from "aptic-gateway-client/webhooks";

const aptic = createApticClientFromEnv();
const url = "https://erp.example.org/aptic/webhooks";

await registerWebhook(aptic, { url, events: ["debtorinsert", "debtorupdate", "payment"], secret: webhookSecretFromEnv() });

for (const hook of await listWebhooks(aptic)) console.log(hook.url, hook.events);

await unregisterWebhook(aptic, { url, events: ["payment"] }); // omit events to remove all
