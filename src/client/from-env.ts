import { apiKey } from "../auth/api-key.js";
import { bearer } from "../auth/bearer.js";
import { clientCredentials } from "../auth/client-credentials.js";
import type { ApticAuth } from "../auth/types.js";
import { ApticUsageError } from "../errors/aptic-error.js";
import { LEVELS } from "../events/events.js";
import type { Logger } from "../events/types.js";
import { describe } from "../validate/checks.js";
import { createApticClient } from "./create-client.js";
import type { ApticClientOptions } from "./options.js";
import type { ApticClient } from "./types.js";

type Env = Record<string, string | undefined>;

function processEnv(): Env {
  // `process` does not exist in browsers and edge runtimes; there nothing is read.
  return globalThis.process?.env ?? {};
}

/** The levels `APTIC_LOG` accepts, quietest last. */
const ENV_LEVELS = [...LEVELS, "off"];

/**
 * The console logger `APTIC_LOG` asks for: events at `level` and above (`off`, empty or unset:
 * none), printed as `(message, fields)` for people reading a terminal.
 *
 * @example
 * ```ts
 * createApticClient({ baseUrl, logger: loggerFromEnv("warn") }); // retries and failures only
 * ```
 */
export function loggerFromEnv(level: string | undefined, out: Pick<Console, (typeof LEVELS)[number]> = console): Logger | undefined {
  if (level === undefined || level === "") return undefined;
  const at = ENV_LEVELS.indexOf(level.toLowerCase());
  if (at < 0) throw new ApticUsageError(`APTIC_LOG must be one of ${ENV_LEVELS.join(", ")} (got ${describe(level)})`);
  const logger: Logger = {};
  for (const name of LEVELS.slice(at)) logger[name] = (fields, message) => out[name](message, fields);
  return logger;
}

/**
 * The auth described by `APTIC_*` variables: OAuth2 client credentials (`APTIC_CLIENT_ID`,
 * `APTIC_CLIENT_SECRET`, `APTIC_TOKEN_URL`, optional `APTIC_SCOPE` and `APTIC_CLIENT_AUTH_METHOD`),
 * else `APTIC_API_KEY` (header `APTIC_API_KEY_HEADER`), else `APTIC_TOKEN` (bearer), else none.
 * A half-configured OAuth2 set is an error naming the missing variables, never silently no auth.
 *
 * @example
 * ```ts
 * const auth = authFromEnv({ APTIC_API_KEY: "k" }); // apiKey("k")
 * ```
 */
export function authFromEnv(env: Env): ApticAuth | undefined {
  const oauth = ["APTIC_CLIENT_ID", "APTIC_CLIENT_SECRET", "APTIC_TOKEN_URL"];
  const set = oauth.filter((name) => env[name]);
  if (set.length > 0 && set.length < oauth.length) {
    throw new ApticUsageError(`OAuth2 from the environment needs ${oauth.join(", ")}; missing: ${oauth.filter((n) => !env[n]).join(", ")}`);
  }
  const method = env["APTIC_CLIENT_AUTH_METHOD"];
  if (set.length) {
    return clientCredentials({
      clientId: env["APTIC_CLIENT_ID"] as string,
      clientSecret: env["APTIC_CLIENT_SECRET"] as string,
      tokenUrl: env["APTIC_TOKEN_URL"] as string,
      ...(env["APTIC_SCOPE"] ? { scope: env["APTIC_SCOPE"] } : {}),
      ...(method ? { clientAuthMethod: method as "basic" | "body" } : {}),
    });
  }
  if (env["APTIC_API_KEY"]) return apiKey(env["APTIC_API_KEY"], env["APTIC_API_KEY_HEADER"] ? { header: env["APTIC_API_KEY_HEADER"] } : {});
  if (env["APTIC_TOKEN"]) return bearer(env["APTIC_TOKEN"]);
  return undefined;
}

/**
 * Creates a client configured from the environment: `APTIC_BASE_URL`, the auth of
 * {@link authFromEnv}, and `APTIC_LOG=debug|info|warn|error|off` for console logging of events at
 * that level and above (as openai-node reads `OPENAI_LOG`). `overrides` win over the environment
 * (a `logger` given there replaces APTIC_LOG's); `env` defaults to `process.env`.
 *
 * @example
 * ```ts
 * import { createApticClientFromEnv } from "aptic-gateway-client";
 *
 * // APTIC_BASE_URL, APTIC_CLIENT_ID, APTIC_CLIENT_SECRET, APTIC_TOKEN_URL set by the deployment
 * const aptic = createApticClientFromEnv({ timeoutMs: 10_000 });
 * ```
 */
export function createApticClientFromEnv(overrides: Partial<ApticClientOptions> = {}, env: Env = processEnv()): ApticClient {
  const baseUrl = overrides.baseUrl ?? env["APTIC_BASE_URL"];
  if (!baseUrl) throw new ApticUsageError("APTIC_BASE_URL is not set (or pass baseUrl)");
  const auth = overrides.auth ?? authFromEnv(env);
  const logger = overrides.logger ?? loggerFromEnv(env["APTIC_LOG"]);
  return createApticClient({ ...overrides, baseUrl, ...(auth ? { auth } : {}), ...(logger ? { logger } : {}) });
}
