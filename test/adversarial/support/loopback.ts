// Real loopback HTTP servers for the adversarial suite: each records every request it receives
// (method, URL, raw headers, body) so a test can assert exactly what reached it — and, as
// important, what did not. Servers listen on 127.0.0.1, port 0; `closeAll()` ends them all.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/** One request as the server received it. */
export interface Received {
  method: string;
  /** The request target as sent (path and query). */
  url: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Raw header lines as sent (name, value, name, value…). */
  rawHeaders: string[];
  body: string;
}

export type Handler = (req: Received, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

export interface Loopback {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  /** Every request received, in order. */
  received: Received[];
  /** Everything received (headers and bodies) as one text, for "never appears" assertions. */
  transcript(): string;
  close(): Promise<void>;
}

const open = new Set<{ close(): Promise<void> }>();

/** Closes every server started by this module (call in afterEach). */
export async function closeAll(): Promise<void> {
  releaseAll();
  const all = [...open];
  open.clear();
  await Promise.all(all.map((s) => s.close()));
}

function listen(server: Server | NetServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Starts an HTTP server on 127.0.0.1 that records each request (body read in full before the
 * handler runs) and answers with `handler` (default: 200 `{}`).
 */
export async function startServer(handler: Handler = (_, res) => json(res, 200, {})): Promise<Loopback> {
  const received: Received[] = [];
  const server = createServer(async (raw, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of raw) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : String(value);
    const req: Received = { method: raw.method ?? "", url: raw.url ?? "", headers, rawHeaders: raw.rawHeaders, body: Buffer.concat(chunks).toString("utf8") };
    received.push(req);
    try {
      await handler(req, res, raw);
    } catch (err) {
      if (!res.headersSent) json(res, 599, { error: String(err) });
      else res.destroy();
    }
  });
  const port = await listen(server);
  const handle: Loopback = {
    origin: `http://127.0.0.1:${port}`,
    port,
    received,
    transcript: () => received.map((r) => `${r.method} ${r.url}\n${r.rawHeaders.join("\n")}\n\n${r.body}`).join("\n----\n"),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.add(handle);
  return handle;
}

/** A raw TCP server for answers no HTTP library would send (garbage, resets, half responses). */
export async function startRawServer(
  onSocket: (socket: Socket, request: string) => void,
): Promise<{ origin: string; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createNetServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let data = "";
    let answered = false;
    socket.on("data", (chunk) => {
      data += chunk.toString("latin1");
      if (!answered && data.includes("\r\n\r\n")) {
        answered = true;
        onSocket(socket, data);
      }
    });
  });
  const port = await listen(server);
  const handle = {
    origin: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  open.add(handle);
  return handle;
}

/** Writes a JSON (or problem+json) answer. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A redirect answer. */
export function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location, "content-length": 0 });
  res.end();
}

/** Resolves after `ms` of real time (for servers that hold an answer). */
export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const holds = new Set<() => void>();

/**
 * A promise a server handler can wait on "forever" (a stalled endpoint); released by
 * `release()` or by `closeAll()`, so no test leaves a pending timer or handler behind.
 */
export function hold(): { wait: Promise<void>; release: () => void } {
  let release: () => void = () => {};
  const wait = new Promise<void>((resolve) => (release = resolve));
  const done = () => {
    holds.delete(done);
    release();
  };
  holds.add(done);
  return { wait, release: done };
}

/** Releases every pending hold (called by closeAll). */
export function releaseAll(): void {
  for (const release of [...holds]) release();
}
