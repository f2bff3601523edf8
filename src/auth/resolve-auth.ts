import { ApticUsageError } from "../errors/aptic-error.js";
import { clientCredentials } from "./client-credentials.js";
import type { AuthOption, AuthStrategy, ClientCredentialsAuth } from "./types.js";

const NO_AUTH: AuthStrategy = { headers: async () => ({}), invalidate: () => false, secretHeaders: [], secrets: [] };

type Env = Record<string, string | undefined>;

function isNonEmpty(v: unknown): v is string {
  return typeof v === "string" && v.length > 0;
}

/**
 * Turns the public `auth` option (or the APTIC_CLIENT_ID / APTIC_CLIENT_SECRET / APTIC_TOKEN_URL
 * environment variables) into one strategy. Unknown shapes fail fast with a clear message.
 *
 * @example
 * ```ts
 * const strategy = resolveAuth({ apiKey: "k" }, {}, deps);
 * await strategy.headers(); // { "X-Api-Key": "k" }
 * ```
 */
export function resolveAuth(
  auth: AuthOption | undefined,
  env: Env,
  deps: Parameters<typeof clientCredentials>[1],
): AuthStrategy {
  if (auth === undefined) {
    const { APTIC_CLIENT_ID: clientId, APTIC_CLIENT_SECRET: clientSecret, APTIC_TOKEN_URL: tokenUrl } = env;
    if (isNonEmpty(clientId) && isNonEmpty(clientSecret) && isNonEmpty(tokenUrl)) {
      return clientCredentials({ clientId, clientSecret, tokenUrl }, deps);
    }
    return NO_AUTH;
  }
  if (typeof auth === "function") {
    let refresh = false;
    return {
      headers: async () => {
        const headers = await auth({ refresh });
        refresh = false;
        return headers;
      },
      invalidate: () => (refresh = true),
      secretHeaders: ["authorization"],
      secrets: [],
    };
  }
  if (typeof auth !== "object" || auth === null) throw new ApticUsageError("auth must be an object or a function");
  if ("clientId" in auth || "clientSecret" in auth || "tokenUrl" in auth) {
    const oauth = auth as ClientCredentialsAuth;
    for (const key of ["clientId", "clientSecret", "tokenUrl"] as const) {
      if (!isNonEmpty(oauth[key])) throw new ApticUsageError(`auth.${key} must be a non-empty string for OAuth2 client credentials`);
    }
    try {
      new URL(oauth.tokenUrl);
    } catch {
      throw new ApticUsageError("auth.tokenUrl must be an absolute URL");
    }
    return clientCredentials(oauth, deps);
  }
  if ("token" in auth) {
    const { token } = auth;
    if (typeof token === "function") {
      return {
        headers: async () => ({ authorization: `Bearer ${await token()}` }),
        invalidate: () => true, // the function may return a fresh token on the next call
        secretHeaders: ["authorization"],
        secrets: [],
      };
    }
    if (!isNonEmpty(token)) throw new ApticUsageError("auth.token must be a non-empty string or a function");
    return { headers: async () => ({ authorization: `Bearer ${token}` }), invalidate: () => false, secretHeaders: ["authorization"], secrets: [token] };
  }
  if ("apiKey" in auth) {
    if (!isNonEmpty(auth.apiKey)) throw new ApticUsageError("auth.apiKey must be a non-empty string");
    const header = auth.header ?? "X-Api-Key";
    const apiKey = auth.apiKey;
    return { headers: async () => ({ [header]: apiKey }), invalidate: () => false, secretHeaders: [header], secrets: [apiKey] };
  }
  throw new ApticUsageError(
    "Unknown auth option: pass { clientId, clientSecret, tokenUrl }, { token }, { apiKey, header? } or a provider function",
  );
}
