import { runAttempts } from "../attempt/attempts.js";
import { Call } from "../attempt/call.js";
import { BodyTooLarge, readBody } from "../body/read.js";
import { ApticTokenError } from "../errors/token-error.js";
import { ApticConnectionError } from "../errors/transport-errors.js";
import { redactUrl } from "../secrets/redact.js";
import { excerpt, safeCause, type Scrub } from "../secrets/scrub.js";
import type { AuthDeps } from "./types.js";

/** A token response is a few hundred bytes; anything past this is not one. */
const MAX_TOKEN_RESPONSE = 65_536;
/** The token request's method (RFC 6749 §4.4.2), named in its errors. */
const METHOD = "POST";
/** Lifetime assumed when `expires_in` is missing or malformed (RFC 6749 lets servers omit it). */
export const DEFAULT_TOKEN_LIFETIME_S = 300;

/** One token request as prepared by the strategy. */
export interface TokenRequest {
  tokenUrl: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  scrub: Scrub;
  /** The undici Dispatcher of the call that needed the token. */
  dispatcher?: object | undefined;
}

/** A granted token. */
export interface Token {
  value: string;
  expiresInS: number;
}

const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === "string" ? (body[name] as string) : undefined);

/** `expires_in` as a number of seconds: a positive number or numeric string, else the default. */
function lifetime(value: unknown): number {
  const seconds = typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  // Number.isFinite is false for anything but a finite number (a string, an array, 1e400's Infinity).
  return Number.isFinite(seconds) && (seconds as number) > 0 ? (seconds as number) : DEFAULT_TOKEN_LIFETIME_S;
}

/** Reads what a token endpoint answered into a token, or a typed error. */
function parseToken(status: number, text: string, where: string, scrub: Scrub): Token {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    // Reported below by status, or as a missing access_token.
  }
  if (status < 200 || status > 299) {
    const code = field(body, "error");
    const detail = field(body, "error_description");
    const message = `Token request to ${where} failed with ${status}${code ? ` (${scrub(code).slice(0, 64)})` : ""}${detail ? `: ${excerpt(detail, scrub)}` : ""}`;
    throw new ApticTokenError(message, { status, oauthError: code === undefined ? undefined : scrub(code).slice(0, 64) });
  }
  const value = field(body, "access_token");
  if (!value || !/^[\x21-\x7e]+$/.test(value)) throw new ApticTokenError(`Token response from ${where} has no usable access_token`, { status });
  const type = field(body, "token_type");
  if (type !== undefined && type.toLowerCase() !== "bearer") {
    throw new ApticTokenError(`Token response from ${where} has token_type ${JSON.stringify(scrub(type.slice(0, 32)))}; only Bearer tokens are supported`, {
      status,
    });
  }
  return { value, expiresInS: lifetime(body["expires_in"]) };
}

/**
 * Runs the client-credentials grant as an attempt with a form body: the one attempt runner, its
 * redirect rule with redirects not followed (they could carry the client secret elsewhere), each
 * attempt under `timeoutMs` (headers and body), 408/429/5xx and connection failures retried with
 * the client's backoff. A refusal or an unusable answer is ApticTokenError; an unreachable endpoint
 * ApticConnectionError and a slow one ApticTimeoutError (naming the token URL); every form of the
 * secret is scrubbed from all of them.
 *
 * @example
 * ```ts
 * const token = await requestToken({ tokenUrl, headers, body: "grant_type=client_credentials", timeoutMs: 30_000, scrub }, deps);
 * ```
 */
export async function requestToken(request: TokenRequest, deps: AuthDeps): Promise<Token> {
  const where = redactUrl(request.tokenUrl);
  const { scrub } = request;
  const call = new Call({ method: METHOD, label: where, timeoutMs: request.timeoutMs, deadlineMs: 0, now: deps.timing.now });
  const init = { method: METHOD, headers: request.headers, body: request.body, redirect: "manual" as const };
  const finish = async (response: Response): Promise<Token> => {
    const { status } = response;
    if (response.type === "opaqueredirect" || (status >= 300 && status < 400)) {
      response.body?.cancel().catch(() => {});
      throw new ApticTokenError(
        `Token endpoint ${where} answered with a redirect (${status || "opaque"}); it is not followed, so the client secret stays where it was sent`,
        { status },
      );
    }
    let bytes: Uint8Array;
    try {
      bytes = await call.race(readBody(response.body, { limit: MAX_TOKEN_RESPONSE, declared: response.headers.get("content-length"), signal: call.signal }));
    } catch (err) {
      if (call.halted) throw call.halted;
      if (err instanceof BodyTooLarge) throw new ApticTokenError(`Token response from ${where} exceeds ${MAX_TOKEN_RESPONSE} bytes`, { status });
      throw new ApticConnectionError({ method: METHOD, url: where, cause: safeCause(err, scrub) }, "connection lost while reading the body");
    }
    return parseToken(status, new TextDecoder().decode(bytes), where, scrub);
  };
  try {
    return await runAttempts(
      { fetch: deps.fetch, dispatcher: request.dispatcher, timing: deps.timing, emit: undefined, scrub },
      {
        call,
        retry: deps.retry,
        repeatable: true,
        follow: false,
        prepare: () => new Request(request.tokenUrl, init),
        body: () => Promise.resolve(null),
        finish,
      },
    );
  } finally {
    call.close();
  }
}
