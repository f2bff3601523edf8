import type { ApticAuth, BoundAuth, CustomAuthProvider } from "../auth/types.js";
import { usage } from "../errors/aptic-error.js";
import { checkFunction, checkKeys } from "../validate/checks.js";
import type { ApticEvent, Logger } from "../events/types.js";
import type { Fetch } from "../attempt/send.js";
import type { Timing } from "../attempt/timing.js";
import type { RetryOptions } from "../retry/options.js";
import type { ApticRoutes } from "../routes/types.js";
import type { ResponseValidator } from "../validation/types.js";

/**
 * Client-wide options; `timeoutMs`, `deadlineMs` and `retry` can be overridden per call. With the
 * defaults a call can take about 3½ minutes (3 × 30 s plus waits): set `deadlineMs` to bound it.
 *
 * @example
 * ```ts
 * const options: ApticClientOptions = {
 *   baseUrl: "https://gateway.example.org",
 *   auth: clientCredentials({ clientId, clientSecret, tokenUrl }),
 *   timeoutMs: 10_000,
 *   deadlineMs: 45_000,
 *   retry: { retries: 3 },
 *   logger: console,
 * };
 * ```
 */
export interface ApticClientOptions {
  /** Gateway root URL: absolute http(s), no query, fragment or user-info. */
  baseUrl: string;
  /** Credentials: `bearer(…)`, `apiKey(…)`, `clientCredentials({…})` or a custom provider. @default none */
  auth?: ApticAuth | CustomAuthProvider | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** @default "aptic-gateway-client/<version>" (not sent from browsers, which forbid it) */
  userAgent?: string | undefined;
  /** Called as `fetch(request, { signal, redirect: "manual" })`: honour `signal`, don't follow redirects. @default globalThis.fetch */
  fetch?: Fetch | undefined;
  /** An undici `Dispatcher` (a `ProxyAgent`, an `Agent` with a client certificate) for every request; Node only. */
  dispatcher?: object | undefined;
  /** Receives every event as `(message, fields)`, with secrets scrubbed. @default silent */
  logger?: Logger | undefined;
  /** Receives every event, with secrets scrubbed. */
  onEvent?: ((event: ApticEvent) => void) | undefined;
  /** Time limit of each attempt in ms, body included; 0 = none. @default 30000 */
  timeoutMs?: number | undefined;
  /** Time limit of the whole call (all attempts, waits and the token request) in ms; 0 = none. @default 0 */
  deadlineMs?: number | undefined;
  /** Retry settings, or `false` for none. @default 2 retries, see DEFAULT_RETRY */
  retry?: RetryOptions | false | undefined;
  /** Largest response body read, in bytes (past it: ApticResponseError `too_large`). @default 52428800 (50 MiB) */
  maxResponseBytes?: number | undefined;
  /** Allow credentials over plain http to a host other than loopback. @default false */
  allowInsecureHttp?: boolean | undefined;
  /** Clock, sleep and randomness (tests inject fakes). @default real time */
  timing?: Partial<Timing> | undefined;
  /** Where moved operations really live, from `defineRoutes()` (aptic-gateway-client/routes). @default the generated paths */
  routes?: ApticRoutes | undefined;
  /** Checks response bodies against the spec: `responseValidation()` from aptic-gateway-client/validation. @default off */
  validateResponses?: ResponseValidator | undefined;
}

const KNOWN = [
  "baseUrl",
  "auth",
  "headers",
  "userAgent",
  "fetch",
  "dispatcher",
  "logger",
  "onEvent",
  "timeoutMs",
  "deadlineMs",
  "retry",
  "maxResponseBytes",
  "allowInsecureHttp",
  "timing",
  "routes",
  "validateResponses",
];

/** Refuses unknown option names (`Unknown option "retries"`) and wrong kinds; values are checked where used. */
export function checkOptionShape(options: ApticClientOptions): void {
  checkKeys(options, KNOWN, "", "createApticClient expects an options object with at least baseUrl");
  for (const key of ["fetch", "onEvent"] as const) checkFunction(options[key], key);
  usage(options.logger === undefined || (typeof options.logger === "object" && options.logger !== null), "logger must be an object such as console");
  usage(options.dispatcher === undefined || (typeof options.dispatcher === "object" && options.dispatcher !== null), "dispatcher must be an undici Dispatcher");
  usage(options.allowInsecureHttp === undefined || typeof options.allowInsecureHttp === "boolean", "allowInsecureHttp must be a boolean");
  usage(options.routes === undefined || typeof options.routes?.resolve === "function", "routes must come from defineRoutes() (aptic-gateway-client/routes)");
  usage(
    options.validateResponses === undefined || typeof options.validateResponses?.check === "function",
    "validateResponses must come from responseValidation() (aptic-gateway-client/validation)",
  );
  const { timing } = options;
  usage(timing === undefined || (typeof timing === "object" && timing !== null), "timing must be an object { now?, sleep?, random? }");
  for (const key of ["now", "sleep", "random"] as const) checkFunction(timing?.[key], `timing.${key}`);
}

/** A custom provider as a bound strategy: every header it returns counts as a credential. */
export function bindCustom(provider: CustomAuthProvider, check: (headers: unknown) => void): BoundAuth {
  let refresh = false;
  const names = new Set<string>();
  // Stryker disable next-line ArrayDeclaration: a seeded entry would only be noticed by a text containing that very entry.
  const values: string[] = [];
  const remember = (headers: Record<string, string>) => {
    check(headers);
    for (const name in headers) {
      // Trimmed as fetch trims it: a server can only echo what was sent.
      const value = String(headers[name]).trim();
      names.add(name);
      // "Bearer xyz": a server may echo just "xyz".
      values.unshift(value, value.replace(/\S+ +/, ""));
    }
    // Stryker disable next-line MethodExpression: the cap bounds memory; keeping more only scrubs more.
    values.length = Math.min(values.length, 8);
    return headers;
  };
  return {
    headers() {
      const result = provider({ refresh });
      refresh = false;
      return result instanceof Promise ? result.then(remember) : remember(result);
    },
    invalidate: () => (refresh = true),
    get secretHeaders() {
      return [...names];
    },
    secrets: () => values,
  };
}
