// Token endpoints and client shortcuts shared by the adversarial tests.
import type { ServerResponse } from "node:http";
import { createApticClient, type ApticClientOptions } from "../../../src/index.js";
import { ACCESS_TOKEN } from "./secrets.js";
import { json, startServer, type Loopback, type Received } from "./loopback.js";

/** A token endpoint on loopback; `answer` decides each response (default: a valid Bearer token). */
export async function startTokenEndpoint(
  answer?: (req: Received, res: ServerResponse, index: number) => void | Promise<void>,
): Promise<Loopback & { tokenUrl: string }> {
  let index = 0;
  const server = await startServer((req, res) => (answer ? answer(req, res, index++) : grant(res)));
  return Object.assign(server, { tokenUrl: `${server.origin}/connect/token` });
}

/** Answers a token request with a Bearer token. */
export function grant(res: ServerResponse, token = ACCESS_TOKEN, extra: Record<string, unknown> = {}): void {
  json(res, 200, { access_token: token, token_type: "Bearer", expires_in: 3600, ...extra });
}

/** A client with retries off unless asked for (so no test waits on real backoff). */
export function clientFor(baseUrl: string, options: Partial<ApticClientOptions> = {}) {
  return createApticClient({ baseUrl, retry: false, ...options });
}

/** What a call settled with: the error it rejected with, or undefined when it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return undefined;
}

/**
 * Decodes an HTTP Basic value strictly as RFC 6749 Appendix B prescribes: base64 → split at the
 * first ':' → form-decode each part. Parts must be fully form-encoded (only unreserved
 * characters, '+' and %XX), as a strict authorization server demands; otherwise undefined.
 */
export function decodeBasicStrict(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const text = Buffer.from(match[1], "base64").toString("utf8");
  const colon = text.indexOf(":");
  if (colon < 0) return undefined;
  const parts = [text.slice(0, colon), text.slice(colon + 1)];
  if (!parts.every((p) => /^(?:[A-Za-z0-9*\-._+]|%[0-9A-F]{2})*$/.test(p))) return undefined;
  const decode = (p: string) => decodeURIComponent(p.replace(/\+/g, " "));
  return { id: decode(parts[0] as string), secret: decode(parts[1] as string) };
}
