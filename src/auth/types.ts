import type { Timing } from "../attempt/timing.js";
import type { ApticEvent } from "../events/types.js";
import type { ResolvedRetryOptions } from "../retry/options.js";

/** Headers for one attempt: returned at once when cached, or as a promise while they are fetched. */
export type AuthHeaders = Record<string, string> | Promise<Record<string, string>>;

/**
 * What `createApticClient` lends an auth strategy when it binds it: the client's fetch, clock,
 * retry settings, event sink, and whether plain http to a remote host was allowed.
 */
export interface AuthDeps {
  fetch: (input: Request, init?: RequestInit) => Promise<Response>;
  timing: Timing;
  retry: ResolvedRetryOptions;
  emit: ((event: ApticEvent) => void) | undefined;
  allowInsecureHttp: boolean;
}

/** What a call tells the strategy when it asks for headers. */
export interface AuthContext {
  /** The call's undici Dispatcher (per call, else client-wide), for a token request it starts. */
  dispatcher?: object | undefined;
}

/** An auth strategy bound to one client (internal contract of the strategies). */
export interface BoundAuth {
  /** Headers for the next attempt. */
  headers(context?: AuthContext): AuthHeaders;
  /** After a 401 with `failed`: forget them; return whether one retry with fresh credentials may help. */
  invalidate(failed: Record<string, string>): boolean;
  /** Names of the headers it sets (redacted in errors and logs). */
  readonly secretHeaders: readonly string[];
  /** The secret values in use now (scrubbed from errors, logs and events in every form). */
  secrets(): readonly string[];
}

/**
 * An auth strategy, as made by {@link bearer}, {@link apiKey} or {@link clientCredentials}.
 * Each is its own export, so an app ships only the one it uses.
 *
 * @example
 * ```ts
 * const auth: ApticAuth = bearer(process.env.APTIC_TOKEN ?? "");
 * ```
 */
export interface ApticAuth {
  /**
   * Which strategy this is. A tag, so no other value fits the type: every function has a `bind`
   * (Function.prototype.bind), so without it `auth: bearer` (not called) would compile.
   */
  readonly kind: "bearer" | "apiKey" | "clientCredentials";
  /** Called once by createApticClient. */
  bind(deps: AuthDeps): BoundAuth;
}

/**
 * A custom provider: returns the headers to add to each attempt. `refresh` is true once after
 * a 401, so the provider can fetch new credentials. Every header it returns is treated as a
 * credential (redacted, scrubbed, never sent across origins).
 *
 * @example
 * ```ts
 * const auth: CustomAuthProvider = async ({ refresh }) => ({ authorization: `Bearer ${await myToken(refresh)}` });
 * ```
 */
export type CustomAuthProvider = (context: { refresh: boolean }) => Record<string, string> | Promise<Record<string, string>>;
