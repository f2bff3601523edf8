import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { importNode } from "./node-builtins.js";

/** Options of {@link startTokenServer}. */
export interface TokenServerOptions {
  clientId: string;
  clientSecret: string;
  /** Lifetime of issued tokens in seconds. @default 3600 */
  expiresIn?: number | undefined;
}

/** A running local OAuth2 token endpoint (client credentials grant only). */
export interface TokenServer {
  /** Full token URL, e.g. `http://127.0.0.1:40123/connect/token`. */
  tokenUrl: string;
  /** How many tokens were issued so far (useful to assert caching). */
  readonly issued: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      // A token request is tiny; refuse floods instead of buffering them.
      if (body.length > 16_384) req.destroy();
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

/** Client id/secret from HTTP Basic (RFC 6749 §2.3.1) or, as a fallback, from the form body. */
function credentials(req: IncomingMessage, form: URLSearchParams): [string, string] {
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? "");
  if (basic?.[1]) {
    const [id = "", secret = ""] = new TextDecoder().decode(Uint8Array.from(atob(basic[1]), (c) => c.charCodeAt(0))).split(":");
    return [decodeURIComponent(id), decodeURIComponent(secret)];
  }
  return [form.get("client_id") ?? "", form.get("client_secret") ?? ""];
}

/**
 * Starts a minimal OAuth2 token endpoint on 127.0.0.1 — Prism does not mock token URLs, so the
 * testing kit serves one itself. Issues opaque bearer tokens for the configured client only.
 *
 * @example
 * ```ts
 * const tokens = await startTokenServer({ clientId: "demo", clientSecret: "s3cret" });
 * // POST tokens.tokenUrl with grant_type=client_credentials …
 * await tokens.close();
 * ```
 */
export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  // Imported when called, so the testing entry stays importable in browsers and workers.
  const { createServer } = await importNode("http");
  let issued = 0;
  const server = createServer(async (req, res) => {
    const reply = (status: number, body: object) => {
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || !req.url?.startsWith("/connect/token")) return reply(404, { error: "not_found" });
    const form = new URLSearchParams(await readBody(req));
    if (form.get("grant_type") !== "client_credentials") return reply(400, { error: "unsupported_grant_type" });
    const [id, secret] = credentials(req, form);
    if (id !== options.clientId || secret !== options.clientSecret) return reply(401, { error: "invalid_client" });
    issued += 1;
    reply(200, {
      access_token: `mock-token-${issued}-${Math.random().toString(36).slice(2)}`,
      token_type: "Bearer",
      expires_in: options.expiresIn ?? 3600,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    tokenUrl: `http://127.0.0.1:${port}/connect/token`,
    get issued() {
      return issued;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
