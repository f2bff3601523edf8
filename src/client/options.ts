import type { ApticAuth, BoundAuth, CustomAuthProvider } from "../auth/types.js";
import { usage } from "../errors/aptic-error.js";
import type { ApticEvent, Logger } from "../http/events.js";
import type { Fetch } from "../http/send.js";
import type { Timing } from "../http/timing.js";
import type { RetryOptions } from "../retry/options.js";

/**
 * Client-wide options. `timeoutMs`, `deadlineMs` and `retry` can be overridden per call.
 *
 * With the defaults a call takes at most 3 attempts × 30 s plus 2 waits (backoff under 1.5 s, or
 * a `Retry-After` of up to 60 s each): about 3½ minutes in the worst case, plus the token request
 * when one is due. Set `deadlineMs` to bound the whole call.
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
  auth?: ApticAuth | CustomAuthProvider;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** @default "aptic-gateway-client/<version>" (not sent from browsers, which forbid it) */
  userAgent?: string;
  /**
   * Custom fetch (a test double, a proxy agent…), called as `fetch(request, { signal, redirect: "manual" })`:
   * honour `signal` so connections are freed (a call is given up on time either way), and do not
   * follow redirects yourself (the client follows them without leaking credentials). @default globalThis.fetch
   */
  fetch?: Fetch;
  /** Receives every event as `(message, fields)`, with secrets scrubbed. @default silent */
  logger?: Logger;
  /** Receives every event (request, response, redirect, retry, token, finished, failed), scrubbed. */
  onEvent?: (event: ApticEvent) => void;
  /** Time limit of each attempt in ms, body included; 0 = none. @default 30000 */
  timeoutMs?: number;
  /** Time limit of the whole call (all attempts, waits and the token request) in ms; 0 = none. @default 0 */
  deadlineMs?: number;
  /** Retry settings, or `false` for none. @default 2 retries, see DEFAULT_RETRY */
  retry?: RetryOptions | false;
  /** Largest response body read, in bytes (JSON results and error bodies). @default 52428800 (50 MiB) */
  maxResponseBytes?: number;
  /** Allow credentials over plain http to a host other than loopback. @default false */
  allowInsecureHttp?: boolean;
  /** Clock, sleep and randomness (tests inject fakes). @default real time */
  timing?: Partial<Timing>;
}

const KNOWN = [
  "baseUrl",
  "auth",
  "headers",
  "userAgent",
  "fetch",
  "logger",
  "onEvent",
  "timeoutMs",
  "deadlineMs",
  "retry",
  "maxResponseBytes",
  "allowInsecureHttp",
  "timing",
];

/**
 * Refuses unknown option names and values of the wrong kind (the checks of the values themselves
 * live where each is used: URLs, durations, retry, headers).
 *
 * @example
 * ```ts
 * checkOptionShape({ baseUrl: "https://gw.example.org", retries: 3 }); // throws: Unknown option "retries"
 * ```
 */
export function checkOptionShape(options: ApticClientOptions): void {
  usage(typeof options === "object" && options !== null, "createApticClient expects an options object with at least baseUrl");
  for (const key of Object.keys(options)) usage(KNOWN.includes(key), `Unknown option "${key}"; known options: ${KNOWN.join(", ")}`);
  for (const key of ["fetch", "onEvent"] as const) usage(options[key] === undefined || typeof options[key] === "function", `${key} must be a function`);
  usage(options.logger === undefined || (typeof options.logger === "object" && options.logger !== null), "logger must be an object such as console");
  usage(options.allowInsecureHttp === undefined || typeof options.allowInsecureHttp === "boolean", "allowInsecureHttp must be a boolean");
  const { timing } = options;
  usage(timing === undefined || (typeof timing === "object" && timing !== null), "timing must be an object { now?, sleep?, random? }");
  for (const key of ["now", "sleep", "random"] as const)
    usage(timing?.[key] === undefined || typeof timing[key] === "function", `timing.${key} must be a function`);
}

/**
 * A custom provider as a bound strategy: every header it returns counts as a credential.
 *
 * @example
 * ```ts
 * const auth = bindCustom(async ({ refresh }) => ({ authorization: `Bearer ${await token(refresh)}` }));
 * ```
 */
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
      // "Bearer xyz": a server may echo just "xyz" (the value is trimmed, so its first run of
      // non-spaces is the scheme).
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
