import { ApticUsageError } from "../errors/aptic-error.js";
import { createWebhookHandler, type WebhookHandler } from "./handler.js";
import type { HandlerEvent, WebhookHandlerCommonOptions } from "./handler-options.js";

type Env = Record<string, string | undefined>;

function processEnv(): Env {
  // `process` does not exist in browsers and edge runtimes; there nothing is read.
  return typeof process === "object" && process?.env ? process.env : {};
}

/**
 * The webhook secret from `APTIC_WEBHOOK_SECRET` (`env` defaults to `process.env`). Missing or
 * empty is an {@link ApticUsageError} at startup: there is no default secret, and a receiver
 * without one would accept anybody's deliveries. The message names the variable, never a value.
 *
 * @example
 * ```ts
 * import { createWebhookHandler, webhookSecretFromEnv } from "aptic-gateway-client/webhooks";
 *
 * const handler = createWebhookHandler({ secret: webhookSecretFromEnv(), onEvent });
 * ```
 */
export function webhookSecretFromEnv(env: Env = processEnv()): string {
  const secret = env["APTIC_WEBHOOK_SECRET"];
  if (!secret) throw new ApticUsageError("APTIC_WEBHOOK_SECRET is not set (or is empty): the webhook receiver needs the secret given at registration");
  return secret;
}

/**
 * {@link createWebhookHandler} with the secret from `APTIC_WEBHOOK_SECRET` (see
 * {@link webhookSecretFromEnv}); the header stays configurable with `secretHeader`.
 *
 * @example
 * ```ts
 * import { createWebhookHandlerFromEnv } from "aptic-gateway-client/webhooks";
 *
 * const handler = createWebhookHandlerFromEnv({ replay: true, onEvent: async (event) => queue.push(event) });
 * export default { fetch: async (request: Request) => (await handler(request)).response };
 * ```
 */
export function createWebhookHandlerFromEnv<AllowUnknown extends boolean = false>(
  options: WebhookHandlerCommonOptions<AllowUnknown> & { secretHeader?: string | undefined } = {},
  env: Env = processEnv(),
): WebhookHandler<HandlerEvent<AllowUnknown>> {
  return createWebhookHandler<AllowUnknown>({ ...options, secret: webhookSecretFromEnv(env) });
}
