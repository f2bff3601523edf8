import createClient from "openapi-fetch";
import type { paths } from "../../generated/aptic.js";
import { resolveAuth } from "../auth/resolve-auth.js";
import { ApticRequest } from "../http/attempt.js";
import { scrubbingLogger } from "../http/logger.js";
import { createRetryingFetch } from "../http/retrying-fetch.js";
import { realTiming } from "../http/timing.js";
import { paginate, paginatePages } from "../pagination/paginate.js";
import { VERSION } from "../version.js";
import { validateOptions, type ApticClientOptions } from "./options.js";
import { safePathSerializer } from "./path-serializer.js";
import type { ApticClient } from "./types.js";

const DEFAULT_TIMEOUT_MS = 30_000;

function processEnv(): Record<string, string | undefined> {
  // `process` does not exist in browsers and edge runtimes; there we read no environment.
  return typeof process === "object" && process?.env ? process.env : {};
}

function isBrowser(): boolean {
  return typeof window === "object" && typeof document === "object";
}

/**
 * Creates a typed client for the Aptic API Gateway. Paths, parameters, bodies and responses
 * are typed from the merged OpenAPI spec; auth, retries, timeouts and redaction are built in.
 *
 * @example
 * ```ts
 * import { createApticClient, unwrap } from "aptic-gateway-client";
 *
 * const aptic = createApticClient({
 *   baseUrl: "https://gateway.example.org",
 *   auth: { clientId: "erp", clientSecret: process.env.APTIC_CLIENT_SECRET ?? "", tokenUrl: "https://gateway.example.org/connect/token" },
 * });
 * const debtor = await unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } }));
 * ```
 */
export function createApticClient(options: ApticClientOptions = {}): ApticClient {
  const env = options.env ?? processEnv();
  const baseUrl = validateOptions(options, env);
  const timing = { ...realTiming, ...options.timing };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Bound late so a test or polyfill that swaps globalThis.fetch after import still applies.
  const baseFetch = options.fetch ?? ((input: Request, init?: RequestInit) => globalThis.fetch(input, init));
  const auth = resolveAuth(options.auth, env, { fetch: baseFetch, now: timing.now, timeoutMs });
  const logger = scrubbingLogger(options.logger, auth.secrets);

  const headers: Record<string, string> = { ...options.headers };
  if (!isBrowser()) headers["User-Agent"] = options.userAgent ?? `aptic-gateway-client/${VERSION}`;

  const client = createClient<paths>({
    baseUrl,
    headers,
    pathSerializer: safePathSerializer,
    Request: ApticRequest,
    fetch: createRetryingFetch({ fetch: baseFetch, auth, retry: options.retry, timeoutMs, timing, logger }),
  });
  // Same runtime object as openapi-fetch's (no per-call wrapper cost); ApticClient adds typing
  // for our per-call options, and the two pagination methods are attached here.
  const aptic = client as unknown as ApticClient;
  aptic.paginate = (path, init, opts) => paginate(aptic, path, init, opts);
  aptic.paginatePages = (path, init, opts) => paginatePages(aptic, path, init, opts);
  return aptic;
}
