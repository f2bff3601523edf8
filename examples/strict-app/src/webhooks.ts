// A receiver for the gateway's deliveries: typed by event name, data read with checks (the gateway
// documents no per-event payload, so `event.data` is `Record<string, unknown>`).
import { createWebhookHandler, type WebhookEvent, type WebhookHandler } from "aptic-gateway-client/webhooks";

export interface Booked {
  debtors: string[];
  payments: number[];
}

/** An optional override of the replay window; `undefined` (the default) when unset. */
function windowFromEnv(): number | undefined {
  const hours = Number(process.env["APTIC_WEBHOOK_REPLAY_HOURS"]);
  return Number.isInteger(hours) && hours > 0 ? hours * 60 * 60 * 1000 : undefined;
}

export function createReceiver(secret: string, booked: Booked): WebhookHandler<WebhookEvent> {
  return createWebhookHandler({
    secret,
    // Unset in most deployments: under exactOptionalPropertyTypes the option still takes `undefined`.
    secretHeader: process.env["APTIC_WEBHOOK_SECRET_HEADER"],
    // Replay protection, and with it the window on event.dt (24 h past / 5 min ahead by default).
    replay: { windowMs: windowFromEnv() },
    onEvent: (event) => {
      switch (event.name) {
        case "debtorinsert":
          booked.debtors.push(String(event.objectId));
          return;
        case "payment": {
          const amount = event.data["amount"];
          if (typeof amount === "number") booked.payments.push(amount);
          return;
        }
        default:
          return;
      }
    },
  });
}
