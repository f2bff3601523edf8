// Shared by the webhook adversarial tests: a real node:http receiver on 127.0.0.1 and a raw TCP
// client that can send exactly the bytes an attacker would (lying headers, dribbled bodies).
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { toNodeListener } from "../../src/node/webhook-listener.js";
import { createWebhookHandler } from "../../src/webhooks/handler.js";
import type { WebhookHandlerCommonOptions } from "../../src/webhooks/handler-options.js";

export const SECRET = "whsec-adv-3b9f1c7e5a2d";

export const envelope = (event: Record<string, unknown> = {}, data: unknown = {}) =>
  JSON.stringify({ event: { dt: "2024-03-14T09:26:53+01:00", events_id: "payment", object_id: 42, ...event }, data });

export interface Receiver {
  port: number;
  url: string;
  results: { ok: boolean; status: number; replay?: boolean; error?: { reason: string } }[];
  /** Sockets the server accepted and whether each is closed now. */
  sockets: { destroyed: boolean }[];
  close(): Promise<void>;
}

/** A receiver: createWebhookHandler behind toNodeListener on a node:http server. */
export async function startReceiver(options: WebhookHandlerCommonOptions & { secretHeader?: string } = {}): Promise<Receiver> {
  const results: Receiver["results"] = [];
  const handler = createWebhookHandler({ secret: SECRET, ...options });
  const server: Server = createServer(toNodeListener(handler, { onResult: (r) => void results.push(r as Receiver["results"][number]) }));
  const sockets: Receiver["sockets"] = [];
  server.on("connection", (socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/aptic/webhooks`,
    results,
    sockets,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface RawOutcome {
  /** Everything the server sent back (status line, headers, body). */
  response: string;
  /** The status code from the status line, if one arrived. */
  status: number | undefined;
  /** Body bytes written after the head before the server hung up. */
  bodyBytesSent: number;
  /** How the connection ended: "closed" (FIN/RST from the server) or a socket error code. */
  end: string;
}

/**
 * Sends a raw HTTP/1.1 request head, then `body` at once, then — if `dribble` is set — one byte of
 * it every `dribble.everyMs` until the server hangs up. Resolves when the connection is gone, so a
 * server that never closes makes the test time out.
 */
export function rawRequest(port: number, head: string, options: { body?: string; dribble?: { everyMs: number; max?: number } } = {}): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let response = "";
    let bodyBytesSent = 0;
    let end = "closed";
    let timer: ReturnType<typeof setInterval> | undefined;
    socket.on("data", (chunk) => (response += chunk.toString("latin1")));
    socket.on("error", (err: NodeJS.ErrnoException) => (end = err.code ?? "error"));
    socket.on("close", () => {
      clearInterval(timer);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(response)?.[1];
      resolve({ response, status: status === undefined ? undefined : Number(status), bodyBytesSent, end });
    });
    socket.write(head.replace(/\n/g, "\r\n") + "\r\n\r\n");
    if (options.body) {
      socket.write(options.body);
      bodyBytesSent += Buffer.byteLength(options.body);
    }
    const { dribble } = options;
    if (dribble) {
      timer = setInterval(() => {
        if (socket.destroyed || (dribble.max !== undefined && bodyBytesSent >= dribble.max)) return;
        socket.write(" ");
        bodyBytesSent += 1;
      }, dribble.everyMs);
    }
  });
}

/** A request head for `rawRequest`. */
export const head = (headers: Record<string, string | number>, method = "POST", path = "/aptic/webhooks") =>
  [`${method} ${path} HTTP/1.1`, "Host: 127.0.0.1", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join("\n");
