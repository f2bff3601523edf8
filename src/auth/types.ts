/**
 * OAuth2 client credentials (RFC 6749 §4.4). The token is cached until `expires_in` minus a
 * skew, shared by concurrent callers, and fetched anew once when the gateway answers 401.
 *
 * @example
 * ```ts
 * const auth: ClientCredentialsAuth = { clientId: "erp", clientSecret: process.env.SECRET!, tokenUrl };
 * ```
 */
export interface ClientCredentialsAuth {
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
  /** Space-separated scopes to request. */
  scope?: string;
  /** Refresh this long before the token expires. @default 30000 (at most half the lifetime) */
  refreshSkewMs?: number;
  /** How the client authenticates to the token endpoint. @default "basic" (RFC 6749 §2.3.1) */
  clientAuthMethod?: "basic" | "body";
}

/**
 * A bearer token: a fixed string, or a (possibly async) function called before each attempt.
 *
 * @example
 * ```ts
 * const auth: BearerAuth = { token: async () => vault.read("aptic-token") };
 * ```
 */
export interface BearerAuth {
  token: string | (() => string | Promise<string>);
}

/**
 * An API key sent in a header.
 *
 * @example
 * ```ts
 * const auth: ApiKeyAuth = { apiKey: process.env.APTIC_API_KEY ?? "", header: "X-Api-Key" };
 * ```
 */
export interface ApiKeyAuth {
  apiKey: string;
  /** Header carrying the key. @default "X-Api-Key" */
  header?: string;
}

/**
 * A custom provider: returns the headers to add to each attempt. `refresh` is true once after
 * a 401, so the provider can fetch new credentials.
 *
 * @example
 * ```ts
 * const auth: CustomAuthProvider = async ({ refresh }) => ({ authorization: `Bearer ${await myToken(refresh)}` });
 * ```
 */
export type CustomAuthProvider = (context: { refresh: boolean }) => Record<string, string> | Promise<Record<string, string>>;

/**
 * Every accepted `auth` option.
 *
 * @example
 * ```ts
 * createApticClient({ baseUrl, auth: { apiKey: "k" } });
 * ```
 */
export type AuthOption = ClientCredentialsAuth | BearerAuth | ApiKeyAuth | CustomAuthProvider;

/** The normalised form every auth option becomes (internal). */
export interface AuthStrategy {
  /** Headers for the next attempt. */
  headers(): Promise<Record<string, string>>;
  /** Called once after a 401 with the headers that failed; returns whether a retry may help. */
  invalidate(failed: Record<string, string>): boolean;
  /** Header names whose values are secret (for redaction). */
  secretHeaders: readonly string[];
  /** Secret strings that must never appear in messages or logs. */
  secrets: readonly string[];
}
