import { checkDuration, checkKeys, checkTransport, checkUrl } from "../validate/checks.js";
import { usage } from "../errors/aptic-error.js";
import { redactUrl } from "../secrets/redact.js";
import { createScrubber, formEncode } from "../secrets/scrub.js";
import { recentValues } from "./recent.js";
import { requestToken } from "./token-request.js";
import type { ApticAuth, BoundAuth } from "./types.js";

/**
 * OAuth2 client credentials (RFC 6749 §4.4).
 *
 * @example
 * ```ts
 * const config: ClientCredentialsConfig = { clientId: "erp", clientSecret, tokenUrl: "https://login.example.org/connect/token", scope: "debtors customers" };
 * ```
 */
export interface ClientCredentialsConfig {
  clientId: string;
  clientSecret: string;
  /** Absolute https URL of the token endpoint (plain http only to loopback, or with allowInsecureHttp). */
  tokenUrl: string;
  /** Scopes to request, space-separated or as a list (whitespace is normalised). */
  scope?: string | readonly string[] | undefined;
  /** How the client authenticates to the token endpoint (RFC 6749 §2.3.1). @default "basic" */
  clientAuthMethod?: "basic" | "body" | undefined;
  /** Refresh this long before the token expires (at most half its lifetime). @default 30000 */
  refreshSkewMs?: number | undefined;
  /** Time limit of each token request, headers and body; never unlimited. @default 30000 */
  timeoutMs?: number | undefined;
  /** Allow a plain-http tokenUrl to a host other than loopback. @default false */
  allowInsecureHttp?: boolean | undefined;
}

const KNOWN = ["clientId", "clientSecret", "tokenUrl", "scope", "clientAuthMethod", "refreshSkewMs", "timeoutMs", "allowInsecureHttp"];

function normaliseScope(scope: ClientCredentialsConfig["scope"]): string | undefined {
  if (scope === undefined) return undefined;
  const list = typeof scope === "string" ? [scope] : Array.isArray(scope) ? scope : undefined;
  usage(
    list?.every((s) => typeof s === "string"),
    "clientCredentials scope must be a string or an array of strings",
  );
  // Each entry may hold several scopes: keep every run of non-whitespace, one space apart.
  return list.flatMap((entry) => entry.match(/\S+/g) ?? []).join(" ") || undefined;
}

/**
 * OAuth2 client-credentials auth: the token is cached until `expires_in` minus a skew, one token
 * request is shared by concurrent calls (each of which can still time out or abort on its own),
 * and a 401 fetches a new token once. Client id and secret are form-encoded before Basic
 * encoding (RFC 6749 Appendix B). Its own export, so apps that use another auth ship none of it.
 *
 * @example
 * ```ts
 * const aptic = createApticClient({
 *   baseUrl: "https://gateway.example.org",
 *   auth: clientCredentials({ clientId: "erp", clientSecret: process.env.APTIC_CLIENT_SECRET ?? "", tokenUrl: "https://gateway.example.org/connect/token" }),
 * });
 * ```
 */
export function clientCredentials(config: ClientCredentialsConfig): ApticAuth {
  checkKeys(config, KNOWN, "clientCredentials ", "clientCredentials expects { clientId, clientSecret, tokenUrl }");
  const { clientId, clientSecret, clientAuthMethod = "basic", refreshSkewMs = 30_000, timeoutMs = 30_000 } = config;
  for (const [name, value] of [
    ["clientId", clientId],
    ["clientSecret", clientSecret],
  ] as const) {
    usage(typeof value === "string" && value.length > 0, `clientCredentials ${name} must be a non-empty string`);
  }
  const tokenUrl = checkUrl(config.tokenUrl, "tokenUrl", true);
  usage(clientAuthMethod === "basic" || clientAuthMethod === "body", 'clientAuthMethod must be "basic" or "body"');
  checkDuration(refreshSkewMs, "refreshSkewMs");
  usage(checkDuration(timeoutMs, "clientCredentials timeoutMs") > 0, "clientCredentials timeoutMs must be above 0: a token request is never unlimited");
  const scope = normaliseScope(config.scope);

  const form = new URLSearchParams({ grant_type: "client_credentials" });
  if (scope) form.set("scope", scope);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  const basic = `Basic ${btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`)}`;
  if (clientAuthMethod === "basic") headers["authorization"] = basic;
  else form.set("client_id", clientId), form.set("client_secret", clientSecret);
  const fixedSecrets = [clientSecret, basic.slice(6)];

  return {
    kind: "clientCredentials",
    bind(deps): BoundAuth {
      checkTransport(tokenUrl, "tokenUrl", config.allowInsecureHttp === true || deps.allowInsecureHttp);
      const tokens = recentValues(3);
      const secrets = () => [...fixedSecrets, ...tokens.list];
      const scrub = createScrubber(secrets);
      let cached: { headers: Record<string, string>; refreshAt: number } | undefined;
      let inflight: Promise<Record<string, string>> | undefined;
      let fetched = 0;

      const fetchToken = async (dispatcher: object | undefined) => {
        const started = deps.timing.now();
        const token = await requestToken({ tokenUrl: tokenUrl.href, headers, body: form.toString(), timeoutMs, scrub, dispatcher }, deps);
        tokens.add(token.value);
        const lifetimeMs = token.expiresInS * 1000;
        deps.emit?.({
          type: "token",
          tokenUrl: redactUrl(tokenUrl.href),
          durationMs: deps.timing.now() - started,
          expiresInS: token.expiresInS,
          refreshed: fetched++ > 0,
        });
        cached = { headers: { authorization: `Bearer ${token.value}` }, refreshAt: deps.timing.now() + lifetimeMs - Math.min(refreshSkewMs, lifetimeMs / 2) };
        return cached.headers;
      };

      return {
        headers(context) {
          if (cached && deps.timing.now() < cached.refreshAt) return cached.headers;
          // Single flight: every concurrent caller awaits the same request (sent with the first
          // caller's dispatcher). A caller that stops waiting (its timeout or signal) leaves it
          // running for the others.
          inflight ??= fetchToken(context?.dispatcher).finally(() => (inflight = undefined));
          inflight.catch(() => {});
          return inflight;
        },
        invalidate(failed) {
          // Only drop the token that failed: a concurrent call may already have refreshed it.
          if (cached && failed["authorization"] === cached.headers["authorization"]) cached = undefined;
          return true;
        },
        // Stryker disable next-line ArrayDeclaration,StringLiteral: Authorization is redacted by name in every response (SECRET_HEADERS), listed or not.
        secretHeaders: ["authorization"],
        secrets,
      };
    },
  };
}
