import { bodyStream } from "./body-stream.js";
import type { NodeIncomingMessage, NodeServerResponse } from "./types.js";

export type { NodeIncomingMessage, NodeServerResponse } from "./types.js";

// This module has no runtime dependency on Node (it only calls methods of the objects
// it is given), so it bundles anywhere; it is only useful with Node's http server.
type IncomingMessage = NodeIncomingMessage;
type ServerResponse = NodeServerResponse;

/**
 * Options of {@link toNodeListener}.
 *
 * @example
 * ```ts
 * const options: NodeListenerOptions<WebhookHandlerResult<WebhookEvent>> = { onResult: (r) => r.ok || log.warn(r.error.message) };
 * ```
 */
export interface NodeListenerOptions<R> {
  /** Called with every handler result after the response is sent (for logging rejections); errors it throws are ignored. */
  onResult?: ((result: R) => void) | undefined;
}

const BAD_HEADERS = JSON.stringify({
  type: "about:blank",
  title: "Bad Request",
  status: 400,
  detail: "Webhook request headers could not be read",
  reason: "malformed",
});

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    // Throws a TypeError for a name or value a Web Headers refuses (NUL, CR, LF, chars over 0xFF).
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  let url: URL;
  try {
    // No path resolves to the base's "/".
    url = new URL(req.url ?? "", `http://${req.headers.host ?? "localhost"}`);
  } catch {
    // A bad Host header or path should not turn a delivery into a crash; the URL is informational.
    url = new URL("http://localhost/");
  }
  const hasBody = method !== "GET" && method !== "HEAD";
  // `duplex` is required by Node's fetch for streamed bodies but missing from the DOM typings.
  const init: RequestInit & { duplex?: "half" } = hasBody ? { method, headers, body: bodyStream(req), duplex: "half" } : { method, headers };
  return new Request(url, init);
}

/**
 * Writes the response. When the sender is still sending a body nobody will read (a rejection
 * before or during the read: slow, oversized, unauthenticated), the connection is closed: marked
 * `connection: close`, and the socket destroyed once the response is flushed, so a sender cannot
 * keep it open by dribbling bytes.
 */
async function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Uint8Array | string | undefined,
): Promise<void> {
  const hangUp = !req.readableEnded;
  if (hangUp) headers["connection"] = "close";
  res.writeHead(status, headers);
  await new Promise<void>((resolve) => {
    res.end(body, () => {
      if (hangUp) hangUpAfter(req);
      resolve();
    });
  });
}

/** How long a sender gets to read the answer and close, before the socket is destroyed regardless. */
const LINGER_MS = 1000;

// Destroying at once, with the sender's unread bytes still arriving, makes the kernel answer with
// a reset that can wipe the answer from the sender's buffer before it reads it. So: FIN after the
// answer, drain what still comes, and destroy when the sender closes or the linger ends.
function hangUpAfter(req: IncomingMessage): void {
  const socket = req.socket;
  if (!socket?.end || !socket.once) return void socket?.destroy();
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
  socket.once("end", () => socket.destroy());
  socket.end();
  req.resume();
}

async function sendResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const body = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
  await send(req, res, response.status, headers, body);
}

/**
 * Adapts a webhook handler to Node's `http` request listener signature, so it mounts on
 * `http.createServer`, Express, Connect or Fastify's raw server. The body is streamed to the
 * handler (never buffered beyond its size limit or past its `bodyTimeoutMs`). A rejected sender
 * that is still sending a body (too slow, too large, unauthenticated) gets `connection: close`
 * and its socket is destroyed once the answer is flushed. Senders that stall before the body are
 * Node's to cut off: set `server.headersTimeout` and `server.requestTimeout` (defaults 60 s and
 * 300 s) to what your deliveries need. With Express, do not let `express.json()`
 * (or any body parser) run on this route first: it would consume the raw body the handler
 * needs. Register the route before `app.use(express.json())`, or scope the parser to other routes.
 *
 * @example
 * ```ts
 * import express from "express";
 * import { createWebhookHandler } from "aptic-gateway-client/webhooks";
 * import { toNodeListener } from "aptic-gateway-client/node";
 *
 * const app = express();
 * app.post("/aptic/webhooks", toNodeListener(createWebhookHandler({ secret, onEvent })));
 * app.use(express.json()); // after the webhook route
 * ```
 */
export function toNodeListener<R extends { ok: boolean; status: number; response: Response }>(
  handler: (request: Request) => Promise<R>,
  options: NodeListenerOptions<R> = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const { onResult = () => undefined } = options;
  return (req, res) => {
    void (async () => {
      let request: Request;
      try {
        request = toRequest(req);
      } catch {
        await send(req, res, 400, { "content-type": "application/problem+json", "cache-control": "no-store" }, BAD_HEADERS).catch(() => req.socket?.destroy());
        return;
      }
      let result: R;
      try {
        result = await handler(request);
        await sendResponse(req, res, result.response);
      } catch {
        // Handlers built by createWebhookHandler never reject; this guards custom ones and I/O errors.
        if (res.headersSent) req.socket?.destroy();
        else await send(req, res, 500, { "content-type": "text/plain" }, undefined).catch(() => req.socket?.destroy());
        return;
      }
      try {
        onResult(result);
      } catch {
        // A failing logger must not become an unhandled rejection that takes the process down.
      }
    })();
  };
}
