// Type-only: this module has no runtime dependency on Node (it only calls methods of the objects
// it is given), so it bundles anywhere; it is only useful with Node's http server.
/**
 * The parts of Node's `http.IncomingMessage` the adapter uses. Declared structurally (rather than
 * imported from "node:http") so the main entry's types need no @types/node in browser projects.
 */
export interface NodeIncomingMessage {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  readableEnded: boolean;
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  off(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  once(event: "end" | "close", listener: () => void): unknown;
  once(event: "error", listener: (err: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** The parts of Node's `http.ServerResponse` the adapter uses (see {@link NodeIncomingMessage}). */
export interface NodeServerResponse {
  headersSent: boolean;
  writeHead(status: number, headers?: Record<string, string | string[]>): unknown;
  end(body?: Uint8Array | string): unknown;
}
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
  onResult?: (result: R) => void;
}

/**
 * Streams an IncomingMessage into a Web ReadableStream with backpressure: Node data is paused
 * whenever the Web side has a chunk it has not pulled yet, so nothing is buffered beyond one
 * chunk, and cancelling (the handler hit its size limit) stops reading altogether.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  // Once closed, errored or cancelled, later Node events must not touch the controller (it throws).
  let settled = false;
  let onData: ((chunk: Uint8Array | string) => void) | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // A body parser (e.g. express.json()) that ran first has already drained the stream and
        // 'end' will not fire again: close now so the handler reports an empty body, not a hang.
        if (req.readableEnded) return controller.close();
        onData = (chunk) => {
          controller.enqueue(typeof chunk === "string" ? new TextEncoder().encode(chunk) : new Uint8Array(chunk));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        };
        req.on("data", onData);
        const settle = (finish: () => void) => {
          if (settled) return;
          settled = true;
          finish();
        };
        req.once("end", () => settle(() => controller.close()));
        req.once("error", (err) => settle(() => controller.error(err)));
        // A sender that disconnects mid-body may only produce 'close'; fail the read, do not hang.
        req.once("close", () => settle(() => controller.error(new Error("Request closed before its body ended"))));
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        settled = true;
        // Pause, not destroy: destroying the request would kill the socket before the 413 is sent.
        req.pause();
        if (onData) req.off("data", onData);
      },
    },
    { highWaterMark: 1 },
  );
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  let url: URL;
  try {
    url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  } catch {
    // A bad Host header should not turn a delivery into a crash; the URL is informational.
    url = new URL(req.url ?? "/", "http://localhost");
  }
  const hasBody = method !== "GET" && method !== "HEAD";
  // `duplex` is required by Node's fetch for streamed bodies but missing from the DOM typings.
  const init: RequestInit & { duplex?: "half" } = hasBody ? { method, headers, body: bodyStream(req), duplex: "half" } : { method, headers };
  return new Request(url, init);
}

async function send(res: ServerResponse, response: Response, closeConnection: boolean): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  // After a refused body the rest of it is still on the socket; closing is cheaper than draining it.
  if (closeConnection) headers["connection"] = "close";
  const body = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * Adapts a webhook handler to Node's `http` request listener signature, so it mounts on
 * `http.createServer`, Express, Connect or Fastify's raw server. The body is streamed to the
 * handler (never buffered beyond its size limit). With Express, do not let `express.json()`
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
  return (req, res) => {
    void (async () => {
      let result: R | undefined;
      try {
        result = await handler(toRequest(req));
        await send(res, result.response, !result.ok && !req.readableEnded);
      } catch {
        // Handlers built by createWebhookHandler never reject; this guards custom ones and I/O errors.
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain", connection: "close" });
        res.end();
        return;
      }
      try {
        options.onResult?.(result);
      } catch {
        // A failing logger must not become an unhandled rejection that takes the process down.
      }
    })();
  };
}
