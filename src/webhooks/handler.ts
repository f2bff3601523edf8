import { BodyTooLarge, readBody } from "../body/read.js";
import { parseWebhookEvent } from "./parse-event.js";
import { resolveHandlerOptions, type HandlerEvent, type WebhookHandlerOptions, type WebhookVerifier } from "./handler-options.js";
import { secretMatcher } from "./secret.js";
import { ApticWebhookError, type WebhookFailureReason } from "./webhook-error.js";
import { handleOnce } from "./handle-once.js";

/**
 * A delivery's body as UTF-8 text, read by the one bounded reader: over `maxBytes` is `too_large`
 * (a declared Content-Length refused unread), still incomplete after `timeoutMs` `body_timeout`
 * (the stream is cancelled, so a dribbling sender holds nothing for long), not UTF-8 `malformed`.
 */
async function readDelivery(request: Request, maxBytes: number, timeoutMs: number): Promise<string> {
  if (request.bodyUsed) throw new ApticWebhookError("malformed", "Webhook body was already read (a body parser ran before the handler?)");
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new ApticWebhookError("body_timeout", `Webhook body did not arrive within ${timeoutMs} ms`)), timeoutMs);
  let bytes: Uint8Array;
  try {
    bytes = await readBody(request.body, { limit: maxBytes, declared: request.headers.get("content-length"), signal: controller.signal });
  } catch (err) {
    if (err instanceof BodyTooLarge) throw new ApticWebhookError("too_large", `Webhook body exceeds the limit of ${maxBytes} bytes`);
    if (err instanceof ApticWebhookError) throw err;
    throw new ApticWebhookError("malformed", "Webhook body could not be read", { cause: err });
  } finally {
    clearTimeout(timer);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (err) {
    throw new ApticWebhookError("malformed", "Webhook body is not valid UTF-8", { cause: err });
  }
}

/**
 * What a handler returns for one request: the parsed event, or the typed rejection. Either way
 * `response` is ready to send (204 on success; RFC 9457 problem+json otherwise). `replay` is true
 * when replay protection recognised the delivery as already handled (`onEvent` was not called).
 *
 * @example
 * ```ts
 * const result = await handler(request);
 * if (result.ok) console.log(result.event.name);
 * else console.warn(result.error.reason, result.status);
 * return result.response;
 * ```
 */
export type WebhookHandlerResult<E> =
  | { ok: true; event: E; status: 204; response: Response; replay: boolean }
  | { ok: false; error: ApticWebhookError; status: number; response: Response };

/**
 * A framework-agnostic webhook receiver: takes a Web `Request`, never rejects.
 *
 * @example
 * ```ts
 * const handler: WebhookHandler<WebhookEvent> = createWebhookHandler({ secret });
 * export const POST = async (request: Request) => (await handler(request)).response; // e.g. a Next.js route
 * ```
 */
export type WebhookHandler<E> = (request: Request) => Promise<WebhookHandlerResult<E>>;

function secretCheck(auth: { secret: string; secretHeader: string }): (request: Request) => Promise<void> {
  const matches = secretMatcher(auth.secret);
  return async (request) => {
    // Only this header counts: a secret in the query string (or any other header) is ignored.
    // Repeated headers arrive joined with ", ", which never matches: an ambiguous secret is refused.
    const provided = request.headers.get(auth.secretHeader);
    if (!provided) throw new ApticWebhookError("missing_secret", `Webhook secret header "${auth.secretHeader}" is missing`);
    if (!(await matches(provided))) throw new ApticWebhookError("bad_secret", "Webhook secret does not match");
  };
}

function signatureCheck(verify: WebhookVerifier): (request: Request, body: string) => Promise<void> {
  return async (request, body) => {
    let verified: unknown;
    try {
      verified = await verify({ headers: request.headers, body, request });
    } catch (err) {
      throw new ApticWebhookError("bad_signature", "Webhook verifier refused the delivery (it threw)", { cause: err });
    }
    // Only `true` accepts: a verifier that forgets to return must not let everything through.
    if (verified !== true) throw new ApticWebhookError("bad_signature", "Webhook verifier refused the delivery");
  };
}

/** Refuses an event whose time lies outside `[now - pastMs, now + futureMs]` (both ends included). */
function checkTimestamp(occurredAt: Date, tolerance: { pastMs: number; futureMs: number }): void {
  const age = Date.now() - occurredAt.getTime();
  if (age > tolerance.pastMs) {
    throw new ApticWebhookError("timestamp", `Webhook event.dt is ${age} ms old, more than the tolerance of ${tolerance.pastMs} ms`);
  }
  if (-age > tolerance.futureMs) {
    throw new ApticWebhookError(
      "timestamp",
      `Webhook event.dt is ${-age} ms ahead of this receiver's clock, more than the tolerance of ${tolerance.futureMs} ms`,
    );
  }
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

// Per reason (not per status) so every reason has a title by type, with no fallback to test.
const TITLES: Readonly<Record<WebhookFailureReason, string>> = {
  method: "Method Not Allowed",
  content_type: "Unsupported Media Type",
  too_large: "Content Too Large",
  body_timeout: "Request Timeout",
  missing_secret: "Unauthorized",
  bad_secret: "Unauthorized",
  bad_signature: "Unauthorized",
  timestamp: "Bad Request",
  malformed: "Bad Request",
  unknown_event: "Bad Request",
  handler_failed: "Internal Server Error",
  store_failed: "Service Unavailable",
};

function problemResponse(error: ApticWebhookError, allow: string): Response {
  const headers = new Headers({ "content-type": "application/problem+json", "cache-control": "no-store" });
  if (error.reason === "method") headers.set("allow", allow);
  if (error.reason === "content_type") headers.set("accept-post", "application/json");
  // The rest of a slow or oversized body may still be on its way: ask the server to hang up.
  if (error.reason === "body_timeout" || error.reason === "too_large") headers.set("connection", "close");
  // The detail is our own message, which never carries the secret, the provided header value or the body.
  const body = { type: "about:blank", title: TITLES[error.reason], status: error.status, detail: error.message, reason: error.reason };
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

/**
 * Creates a webhook receiver that checks, in order: the method (405), the shared secret in
 * constant time (401), the JSON content type (415), the size — declared and streamed (413) —,
 * the time the body takes to arrive (408), your `verify` callback instead of the secret when given
 * (401 `bad_signature`), the envelope (400; unknown event names too unless `allowUnknownEvents`)
 * and, with `tolerance` (on by default with `replay`), the age of `event.dt` (400 `timestamp`).
 * `event.data` stays untyped: the gateway documents no per-event payload. With `replay`, a delivery already handled is acknowledged (204,
 * `replay: true`) without calling `onEvent`. Then it calls `onEvent` (a throw becomes a 500 so the
 * gateway can retry; a failing replay store a 503). It never rejects and works on any
 * runtime with Web `Request` and `crypto.subtle`; for Node's `http`/Express see `toNodeListener`.
 *
 * @example
 * ```ts
 * import { createWebhookHandler, isEvent } from "aptic-gateway-client/webhooks";
 *
 * const handler = createWebhookHandler({
 *   secret: process.env.APTIC_WEBHOOK_SECRET ?? "",
 *   onEvent: async (event) => {
 *     if (isEvent(event, "debtorinsert")) await syncDebtor(String(event.objectId));
 *   },
 * });
 * // Deno.serve / Bun.serve / Cloudflare Workers / Next.js route handlers:
 * export default { fetch: async (request: Request) => (await handler(request)).response };
 * ```
 */
export function createWebhookHandler<AllowUnknown extends boolean = false>(
  options: WebhookHandlerOptions<AllowUnknown>,
): WebhookHandler<HandlerEvent<AllowUnknown>> {
  const settings = resolveHandlerOptions(options);
  const { onEvent } = options;
  const { auth, tolerance } = settings;
  // The secret is checked before the body is read (cheap refusals first); a verifier needs the body.
  const checkSecret = "secret" in auth ? secretCheck(auth) : async () => undefined;
  const checkSignature = "verify" in auth ? signatureCheck(auth.verify) : async () => undefined;
  const allow = [...settings.methods].join(", ");
  const handle = async (event: HandlerEvent<AllowUnknown>, request: Request) => {
    if (!onEvent) return;
    try {
      await onEvent(event, request);
    } catch (err) {
      throw new ApticWebhookError("handler_failed", "The onEvent callback failed", { cause: err });
    }
  };

  async function accept(request: Request): Promise<{ event: HandlerEvent<AllowUnknown>; replay: boolean }> {
    if (!settings.methods.has(request.method.toUpperCase())) {
      throw new ApticWebhookError("method", `Method ${request.method} is not allowed for webhook deliveries (use ${allow})`);
    }
    await checkSecret(request);
    // A missing header reads as "null", which is no JSON type either.
    if (!JSON_TYPE.test(String(request.headers.get("content-type")))) {
      throw new ApticWebhookError("content_type", "Webhook Content-Type must be application/json");
    }
    const body = await readDelivery(request, settings.maxBodyBytes, settings.bodyTimeoutMs);
    await checkSignature(request, body);
    // The parser yields AnyWebhookEvent; without allowUnknownEvents it throws before returning an unknown one.
    const event = parseWebhookEvent(body, { allowUnknownEvents: settings.allowUnknownEvents }) as HandlerEvent<AllowUnknown>;
    if (tolerance) checkTimestamp(event.occurredAt, tolerance);
    if (!settings.replay) {
      await handle(event, request);
      return { event, replay: false };
    }
    const replay = await handleOnce(settings.replay, event, () => handle(event, request));
    return { event, replay };
  }

  return async (request) => {
    try {
      const { event, replay } = await accept(request);
      return { ok: true, event, status: 204, replay, response: new Response(null, { status: 204 }) };
    } catch (err) {
      const error =
        err instanceof ApticWebhookError ? err : new ApticWebhookError("handler_failed", "Unexpected failure while handling a webhook", { cause: err });
      return { ok: false, error, status: error.status, response: problemResponse(error, allow) };
    }
  };
}
