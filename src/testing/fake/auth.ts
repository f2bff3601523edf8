import type { FakeClock } from "./context.js";
import type { Answer } from "./responses.js";
import { problem } from "./responses.js";

/** Credentials and token settings of a fake (internal). */
export interface AuthSettings {
  clientId: string;
  clientSecret: string;
  apiKey: string;
  apiKeyHeader: string;
  tokenLifetimeSeconds: number;
}

const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}): Answer => ({
  status,
  body: { error, error_description: description },
  headers: { "cache-control": "no-store", ...headers },
  source: "auth",
});

// Equal-length comparison without an early exit, so the fake does not teach timing shortcuts.
function same(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** RFC 6749 Appendix B: client id and secret are form-encoded before Basic encoding. */
function formDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

function basicCredentials(header: string | null): [string, string] | "malformed" | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!basic?.[1]) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(basic[1]), (c) => c.charCodeAt(0)));
  } catch {
    return "malformed";
  }
  const colon = decoded.indexOf(":");
  const id = formDecode(colon < 0 ? decoded : decoded.slice(0, colon));
  const secret = formDecode(colon < 0 ? "" : decoded.slice(colon + 1));
  return id === undefined || secret === undefined ? "malformed" : [id, secret];
}

/**
 * The fake's OAuth2 token endpoint (client credentials, RFC 6749 §4.4) and its checks of API
 * calls: a live bearer token it issued, or the API key in the spec's apiKey header.
 *
 * @example
 * ```ts
 * const auth = new FakeAuth(settings, clock);
 * const answer = await auth.token(request);
 * auth.check(request.headers, false); // undefined when allowed, else the 401 answer
 * ```
 */
export class FakeAuth {
  readonly #tokens = new Map<string, number>();
  issued = 0;

  constructor(
    readonly settings: AuthSettings,
    private readonly clock: FakeClock,
  ) {}

  /** Answers a token request. */
  async token(request: Request): Promise<Answer> {
    if (request.method !== "POST") return { ...oauthError(405, "invalid_request", "Use POST for token requests."), headers: { allow: "POST" } };
    if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "")) {
      return oauthError(400, "invalid_request", "The token request must be application/x-www-form-urlencoded.");
    }
    const form = new URLSearchParams(await request.text());
    if (form.get("grant_type") !== "client_credentials") return oauthError(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");
    const basic = basicCredentials(request.headers.get("authorization"));
    const inBody = form.has("client_id") || form.has("client_secret");
    if (basic === "malformed") return oauthError(400, "invalid_request", "The Basic authorization header is malformed.");
    if (basic && inBody) return oauthError(400, "invalid_request", "Use one client authentication method, not both (RFC 6749 §2.3).");
    const [id, secret] = basic ?? [form.get("client_id") ?? "", form.get("client_secret") ?? ""];
    const { clientId, clientSecret, tokenLifetimeSeconds } = this.settings;
    if (!same(id, clientId) || !same(secret, clientSecret)) {
      return oauthError(401, "invalid_client", "Unknown client or wrong secret.", basic ? { "www-authenticate": 'Basic realm="fake-gateway"' } : {});
    }
    this.issued += 1;
    const token = `fake-token-${this.issued}-${crypto.randomUUID()}`;
    this.#tokens.set(token, this.clock.now() + tokenLifetimeSeconds * 1000);
    const scope = form.get("scope");
    return {
      status: 200,
      source: "auth",
      headers: { "cache-control": "no-store" },
      body: { access_token: token, token_type: "Bearer", expires_in: tokenLifetimeSeconds, ...(scope ? { scope } : {}) },
    };
  }

  /** Every token issued so far stops working (the next call gets a 401). */
  revokeTokens(): void {
    this.#tokens.clear();
  }

  /**
   * Checks an API call's credentials; returns the 401 answer, or `undefined` when allowed.
   * With `optional` (operations whose security allows anonymous calls) no credentials is fine,
   * but wrong ones are still refused.
   */
  check(headers: Headers, optional: boolean): Answer | undefined {
    const authorization = headers.get("authorization");
    const key = headers.get(this.settings.apiKeyHeader);
    if (authorization === null && key === null) {
      return optional ? undefined : problem(401, "auth", "The access token is missing, expired or invalid.", {}, { "www-authenticate": "Bearer" });
    }
    if (key !== null && authorization === null) {
      return same(key, this.settings.apiKey) ? undefined : problem(401, "auth", "The API key is not valid.");
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    const expires = bearer === undefined ? undefined : this.#tokens.get(bearer);
    if (expires === undefined)
      return problem(401, "auth", "The access token is missing, expired or invalid.", {}, { "www-authenticate": 'Bearer error="invalid_token"' });
    if (expires <= this.clock.now()) {
      return problem(
        401,
        "auth",
        "The access token expired.",
        {},
        { "www-authenticate": 'Bearer error="invalid_token", error_description="The access token expired"' },
      );
    }
    return undefined;
  }
}
