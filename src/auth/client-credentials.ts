import { ApticAuthenticationError } from "../errors/transport-errors.js";
import { redactUrl } from "../errors/redact.js";
import type { AuthStrategy, ClientCredentialsAuth } from "./types.js";

interface Deps {
  fetch: (input: Request) => Promise<Response>;
  now: () => number;
  timeoutMs: number;
}

interface CachedToken {
  value: string;
  refreshAt: number;
}

/** Without `expires_in` we still cache briefly rather than hit the token endpoint per request. */
const DEFAULT_LIFETIME_S = 300;

function scrub(text: string, secret: string): string {
  return secret ? text.split(secret).join("[REDACTED]") : text;
}

/**
 * OAuth2 client-credentials strategy: caches the token until `expires_in` minus a skew, shares
 * one in-flight token request among concurrent callers, and drops the token after a 401.
 *
 * @example
 * ```ts
 * const strategy = clientCredentials({ clientId, clientSecret, tokenUrl }, { fetch, now: Date.now, timeoutMs: 10_000 });
 * const headers = await strategy.headers(); // { authorization: "Bearer …" }
 * ```
 */
export function clientCredentials(auth: ClientCredentialsAuth, deps: Deps): AuthStrategy {
  let cached: CachedToken | undefined;
  let inflight: Promise<CachedToken> | undefined;

  async function requestToken(): Promise<CachedToken> {
    const form = new URLSearchParams({ grant_type: "client_credentials" });
    if (auth.scope) form.set("scope", auth.scope);
    const headers = new Headers({ "content-type": "application/x-www-form-urlencoded", accept: "application/json" });
    if ((auth.clientAuthMethod ?? "basic") === "basic") {
      const pair = `${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`;
      headers.set("authorization", `Basic ${btoa(pair)}`);
    } else {
      form.set("client_id", auth.clientId);
      form.set("client_secret", auth.clientSecret);
    }
    const where = redactUrl(auth.tokenUrl);
    let response: Response;
    try {
      const request = new Request(auth.tokenUrl, { method: "POST", headers, body: form });
      response = await deps.fetch(withTimeout(request, deps.timeoutMs));
    } catch (cause) {
      throw new ApticAuthenticationError(`Token endpoint ${where} could not be reached`, { cause: safeCause(cause, auth.clientSecret) });
    }
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // Non-JSON bodies are reported by status below.
    }
    if (!response.ok) {
      const code = typeof body["error"] === "string" ? body["error"] : undefined;
      const detail = typeof body["error_description"] === "string" ? `: ${body["error_description"]}` : "";
      const message = `Token request to ${where} failed with ${response.status}${code ? ` (${code})` : ""}${detail}`;
      throw new ApticAuthenticationError(scrub(message, auth.clientSecret), { status: response.status, ...(code ? { oauthError: code } : {}) });
    }
    const token = body["access_token"];
    if (typeof token !== "string" || token.length === 0) {
      throw new ApticAuthenticationError(`Token response from ${where} has no access_token`, { status: response.status });
    }
    const lifetimeMs = (typeof body["expires_in"] === "number" ? body["expires_in"] : DEFAULT_LIFETIME_S) * 1000;
    const skew = Math.min(auth.refreshSkewMs ?? 30_000, lifetimeMs / 2);
    return { value: token, refreshAt: deps.now() + lifetimeMs - skew };
  }

  async function token(): Promise<string> {
    if (cached && deps.now() < cached.refreshAt) return cached.value;
    // Single flight: every concurrent caller awaits the same token request.
    inflight ??= requestToken().finally(() => {
      inflight = undefined;
    });
    cached = await inflight;
    return cached.value;
  }

  return {
    headers: async () => ({ authorization: `Bearer ${await token()}` }),
    invalidate(failed) {
      // Only drop the token that failed: a concurrent caller may already have refreshed it.
      if (cached && failed["authorization"] === `Bearer ${cached.value}`) cached = undefined;
      return true;
    },
    secretHeaders: ["authorization"],
    secrets: [auth.clientSecret],
  };
}

function withTimeout(request: Request, timeoutMs: number): Request {
  // The shared token request must not die with one caller's signal, only with its own timeout.
  return timeoutMs > 0 ? new Request(request, { signal: AbortSignal.timeout(timeoutMs) }) : request;
}

function safeCause(cause: unknown, secret: string): unknown {
  return cause instanceof Error ? new Error(scrub(cause.message, secret)) : undefined;
}
