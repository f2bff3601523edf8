// Echoing servers: a gateway that sends back everything it received in every place a response
// can carry it (problem members, extension members, `errors`, headers, raw text), and a token
// endpoint that quotes the client credentials in its OAuth2 error. A scrubber that misses any
// form of a secret in any of those places is caught by the tests that use them.
import type { ServerResponse } from "node:http";
import { formEncode } from "./secrets.js";
import { startServer, type Loopback, type Received } from "./loopback.js";

/** How the echo is written. */
export type EchoBody = "problem" | "text" | "html-in-json-array";

/** Response headers that are not worth echoing (hop-by-hop or framing). */
const SKIP = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive"]);

/** The request as a plain object. */
export const echoOf = (req: Received) => ({ method: req.method, url: req.url, headers: req.headers, body: req.body });

/** Every incoming header sent back as `X-Echo-<name>` raw and `X-Echo-Uri-<name>` percent-encoded. */
export function echoHeaders(req: Received): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (SKIP.has(name)) continue;
    out[`x-echo-${name}`] = value;
    out[`x-echo-uri-${name}`] = encodeURIComponent(value);
  }
  const auth = req.headers["authorization"] ?? "";
  out["www-authenticate"] = `Bearer realm="aptic", error="invalid_token", error_description="rejected ${auth.replace(/"/g, "'")}"`;
  return out;
}

/** A problem+json object quoting the request in title, detail, instance, extensions and `errors`. */
export function problemEcho(req: Received, status: number): Record<string, unknown> {
  const echo = echoOf(req);
  const values = Object.values(req.headers);
  return {
    type: "https://gateway.example/problems/echo",
    title: `Rejected: ${req.headers["authorization"] ?? ""} ${req.headers["x-api-key"] ?? ""}`.trim(),
    status,
    detail: `You sent ${JSON.stringify(echo)}`,
    instance: req.url,
    traceId: "00-echo-trace",
    echo,
    errors: Object.fromEntries([...values.map((v) => [v, [`header value ${v}`]]), ["body", [req.body]]]),
    encoded: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, { uri: encodeURIComponent(v), form: formEncode(v), json: JSON.stringify(v) }])),
  };
}

/** A plain-text transcript of the request (what a proxy's debug page would show). */
export function textEcho(req: Received): string {
  const lines = Object.entries(req.headers).map(([k, v]) => `${k}: ${v} | uri ${encodeURIComponent(v)} | form ${formEncode(v)} | json ${JSON.stringify(v)}`);
  return `${req.method} ${req.url}\n${lines.join("\n")}\n\n${req.body}`;
}

export interface EchoGateway extends Loopback {
  /** The bodies it sent, so a test can prove the secret really was echoed. */
  sent: string[];
}

/** A gateway that answers `status` with an echo of the request in body and headers. */
export async function startEchoGateway(status: number, body: EchoBody = "problem"): Promise<EchoGateway> {
  const sent: string[] = [];
  const server = await startServer((req, res) => {
    const headers = echoHeaders(req);
    let text: string;
    if (body === "problem") {
      text = JSON.stringify(problemEcho(req, status));
      headers["content-type"] = "application/problem+json";
    } else if (body === "text") {
      text = textEcho(req);
      headers["content-type"] = "text/plain; charset=utf-8";
    } else {
      text = JSON.stringify([textEcho(req), problemEcho(req, status)]);
      headers["content-type"] = "application/json";
    }
    sent.push(`${JSON.stringify(headers)}\n${text}`);
    write(res, status, text, headers);
  });
  return Object.assign(server, { sent });
}

/** Writes a body with its headers. */
export function write(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The OAuth2 error a careless token endpoint sends: the client credentials it received quoted
 * in `error` and `error_description`, raw and encoded, and in response headers.
 */
export function tokenErrorEcho(req: Received): { body: Record<string, unknown>; headers: Record<string, string> } {
  const form = new URLSearchParams(req.body);
  const secret = form.get("client_secret") ?? decodeBasicLoose(req.headers["authorization"]);
  return {
    body: {
      error: `invalid_client ${secret}`,
      error_description: `Bad credentials ${secret} (${req.headers["authorization"] ?? "no header"}) in ${req.body}`,
      error_uri: `https://login.example/errors?secret=${encodeURIComponent(secret)}`,
      echo: echoOf(req),
    },
    headers: echoHeaders(req),
  };
}

/** The secret inside a Basic header (form-decoded), or "" when there is none. */
function decodeBasicLoose(header: string | undefined): string {
  if (!header?.startsWith("Basic ")) return "";
  const text = Buffer.from(header.slice(6), "base64").toString("utf8");
  return decodeURIComponent(text.slice(text.indexOf(":") + 1).replace(/\+/g, " "));
}

/**
 * JSON written as ASP.NET Core's System.Text.Json writes it by default: every character outside
 * a safe ASCII set (quotes, `+`, `&`, `<`, `>`, `'`, backslash, non-ASCII) as a \uXXXX escape.
 */
export function dotnetJson(value: unknown): string {
  if (typeof value === "string") {
    return `"${[...value]
      .flatMap((ch) => ch.split(""))
      .map((unit) => (/[A-Za-z0-9 \-_.,:;!?()/[\]{}@#$%*=~`^|]/.test(unit) ? unit : `\\u${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`))
      .join("")}"`;
  }
  if (Array.isArray(value)) return `[${value.map(dotnetJson).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.entries(value)
      .map(([k, v]) => `${dotnetJson(k)}:${dotnetJson(v)}`)
      .join(",")}}`;
  return JSON.stringify(value);
}
