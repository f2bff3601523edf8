import type { IncomingMessage, ServerResponse } from "node:http";
import { importNode } from "../node-builtins.js";
import type { Outcome } from "./core.js";

/**
 * A running HTTP mount of a fake on 127.0.0.1.
 *
 * @example
 * ```ts
 * const server = await fake.listen();
 * // another process: APTIC_BASE_URL=${server.url} APTIC_TOKEN_URL=${server.tokenUrl} …
 * await server.close();
 * ```
 */
export interface FakeServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (plus the fake's base path). */
  url: string;
  tokenUrl: string;
  /** Stops listening and drops open connections (stalled ones too). Safe to call twice. */
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | "too-large"> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_BODY) return "too-large";
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) res.write(chunk.value);
    res.end();
  } catch {
    res.destroy();
  }
}

/**
 * Serves a fake over real HTTP (Node's `http`, also in Bun and Deno). `node:http` is imported
 * here, when called, so the testing entry stays importable in browsers and workers.
 *
 * @example
 * ```ts
 * const server = await listenFake((request, signal) => core.handle(request, signal), 0, "", "/connect/token");
 * ```
 */
export async function listenFake(
  handle: (request: Request, signal: AbortSignal) => Promise<Outcome>,
  port: number,
  basePath: string,
  tokenPath: string,
): Promise<FakeServer> {
  const { createServer } = await importNode("http");
  let origin = "";
  const server = createServer(async (req, res) => {
    const controller = new AbortController();
    res.once("close", () => controller.abort(new Error("client disconnected")));
    try {
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
      if (body === "too-large") {
        res
          .writeHead(413, { "content-type": "application/problem+json", connection: "close" })
          .end(JSON.stringify({ title: "Content Too Large", status: 413 }));
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      const request = new Request(`${origin}${req.url ?? "/"}`, {
        method: req.method ?? "GET",
        headers,
        body: body && body.byteLength > 0 ? body : null,
        signal: controller.signal,
      });
      const outcome = await handle(request, controller.signal);
      if (outcome.kind === "reset") req.socket.destroy();
      else if (outcome.kind === "response") await send(res, outcome.response);
      // "stall": answer nothing; close() or the client's abort ends the socket.
    } catch {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("fake gateway error");
      else res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}`;
  let closed: Promise<void> | undefined;
  return {
    url: `${origin}${basePath}`,
    tokenUrl: `${origin}${basePath}${tokenPath}`,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}
