import type { AuthOption } from "../auth/types.js";
import { ApticUsageError } from "../errors/aptic-error.js";
import { checkTimeout } from "../http/request-options.js";
import type { Logger } from "../http/logger.js";
import type { Timing } from "../http/timing.js";
import type { RetryOptions } from "../retry/options.js";

/**
 * Client-wide options. `timeoutMs` and `retry` can be overridden per call.
 *
 * @example
 * ```ts
 * const options: ApticClientOptions = {
 *   baseUrl: "https://gateway.example.org",
 *   auth: { clientId, clientSecret, tokenUrl },
 *   timeoutMs: 10_000,
 *   retry: { retries: 3 },
 *   logger: console,
 * };
 * ```
 */
export interface ApticClientOptions {
  /** Gateway root URL. @default process.env.APTIC_BASE_URL */
  baseUrl?: string;
  /** Credentials. @default OAuth2 from APTIC_CLIENT_ID / APTIC_CLIENT_SECRET / APTIC_TOKEN_URL, else none */
  auth?: AuthOption;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** @default "aptic-gateway-client/<version>" (not sent from browsers, which forbid it) */
  userAgent?: string;
  /**
   * Custom fetch (a test double, a proxy agent…). It is called like `fetch` itself; `init.signal`
   * carries the attempt's timeout and the caller's abort — honour it so connections are freed
   * (an attempt is given up on time either way). @default globalThis.fetch
   */
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
  /** Receives debug/info/warn/error messages, with secrets redacted. @default silent */
  logger?: Logger;
  /** Per-attempt timeout in ms; 0 disables. @default 30000 */
  timeoutMs?: number;
  /** Retry settings, or `false` for none. @default 2 retries, see RetryOptions */
  retry?: RetryOptions | false;
  /** Clock, sleep and randomness (tests inject fakes). @default real time */
  timing?: Partial<Timing>;
  /** Where APTIC_* settings are read from. @default process.env when present */
  env?: Record<string, string | undefined>;
}

const KNOWN = new Set(["baseUrl", "auth", "headers", "userAgent", "fetch", "logger", "timeoutMs", "retry", "timing", "env"]);
const RETRY_NUMBERS = ["retries", "baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const;

/**
 * Checks options up front so mistakes fail at construction with a clear message, not at the
 * first request. Returns the validated base URL (trailing slash removed).
 *
 * @example
 * ```ts
 * validateOptions({ baseUrl: "https://gw.example.org/" }, {}); // "https://gw.example.org"
 * ```
 */
export function validateOptions(options: ApticClientOptions, env: Record<string, string | undefined>): string {
  if (typeof options !== "object" || options === null) throw new ApticUsageError("createApticClient expects an options object");
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw new ApticUsageError(`Unknown option "${key}"; known options: ${[...KNOWN].join(", ")}`);
  }
  const baseUrl = options.baseUrl ?? env["APTIC_BASE_URL"];
  if (!baseUrl) throw new ApticUsageError("baseUrl is required (or set APTIC_BASE_URL)");
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new ApticUsageError(`baseUrl must be an absolute http(s) URL (got ${JSON.stringify(baseUrl)})`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new ApticUsageError(`baseUrl must use http or https (got ${parsed.protocol})`);
  }
  if (parsed.username || parsed.password) throw new ApticUsageError("baseUrl must not contain credentials; use the auth option");
  if (options.timeoutMs !== undefined) checkTimeout(options.timeoutMs, "timeoutMs");
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw new ApticUsageError("fetch must be a function");
  if (options.retry) {
    for (const key of RETRY_NUMBERS) {
      const value = options.retry[key];
      if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) {
        throw new ApticUsageError(`retry.${key} must be a finite number ≥ 0 (got ${String(value)})`);
      }
    }
  }
  return baseUrl.replace(/\/+$/, "");
}
