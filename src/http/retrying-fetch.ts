import type { AuthStrategy } from "../auth/types.js";
import { redactUrl } from "../errors/redact.js";
import { ApticAbortError, ApticConnectionError, ApticTimeoutError } from "../errors/transport-errors.js";
import { decideRetry } from "../retry/policy.js";
import { resolveRetry, type RetryOptions } from "../retry/options.js";
import type { Logger } from "./logger.js";
import { readRequestOptions } from "./request-options.js";
import type { Timing } from "./timing.js";

/** What the retrying fetch is built from. */
export interface RetryingFetchDeps {
  fetch: (input: Request) => Promise<Response>;
  auth: AuthStrategy;
  retry: RetryOptions | false | undefined;
  timeoutMs: number;
  timing: Timing;
  logger: Logger;
}

/** Method and redacted URL of the request behind each response we returned (for `unwrap`). */
const origins = new WeakMap<Response, { method: string; url: string; secretHeaders: readonly string[] }>();

/**
 * Where a response came from, as recorded by the retrying fetch (method, redacted URL).
 *
 * @example
 * ```ts
 * const { method, url } = responseOrigin(result.response) ?? {};
 * ```
 */
export function responseOrigin(response: Response) {
  return origins.get(response);
}

/**
 * Builds the `fetch` handed to openapi-fetch. It owns auth, per-attempt timeouts, retries with
 * backoff/Retry-After, one token refresh after 401, and maps transport failures to typed errors.
 * Each attempt sends a fresh clone of the request (a consumed body cannot be re-sent).
 *
 * @example
 * ```ts
 * const fetch = createRetryingFetch({ fetch: globalThis.fetch, auth, retry: {}, timeoutMs: 30_000, timing: realTiming, logger: {} });
 * createClient<paths>({ baseUrl, fetch });
 * ```
 */
export function createRetryingFetch(deps: RetryingFetchDeps): (input: Request) => Promise<Response> {
  return async function apticFetch(input: Request): Promise<Response> {
    const options = readRequestOptions(input);
    const retry = resolveRetry(deps.retry, options.retry);
    const timeoutMs = options.timeoutMs ?? deps.timeoutMs;
    const method = input.method;
    const url = redactUrl(input.url);
    const signal = input.signal;
    if (options.idempotencyKey) input.headers.set("Idempotency-Key", options.idempotencyKey);

    let refreshed = false;
    for (let retries = 0; ; ) {
      if (signal.aborted) throw new ApticAbortError({ method, url, cause: signal.reason });
      const authHeaders = await deps.auth.headers();
      deps.logger.debug?.(`→ ${method} ${url}${retries ? ` (retry ${retries})` : ""}`);

      let response: Response | undefined;
      let failure: ApticConnectionError | undefined;
      try {
        response = await attempt(deps.fetch, input, authHeaders, timeoutMs, { method, url });
      } catch (err) {
        if (!(err instanceof ApticConnectionError)) throw err;
        failure = err;
      }

      if (response?.status === 401 && !refreshed && deps.auth.invalidate(authHeaders)) {
        refreshed = true; // exactly one fresh credential and one more try, whatever the method
        deps.logger.info?.(`${method} ${url}: 401, retrying once with fresh credentials`);
        continue;
      }
      if (response?.ok) return remember(response, method, url, deps.auth);

      const decision = decideRetry(
        {
          method,
          retry: retries,
          ...(response ? { status: response.status, retryAfter: response.headers.get("retry-after") } : {}),
          hasIdempotencyKey: Boolean(options.idempotencyKey),
        },
        retry,
        { now: deps.timing.now(), random: deps.timing.random },
      );
      if (!decision.retry) {
        if (failure) throw failure;
        if (response) return remember(response, method, url, deps.auth);
      }
      if (decision.retry) {
        deps.logger.warn?.(`${method} ${url}: ${decision.reason}; retrying in ${decision.delayMs} ms`);
        try {
          await deps.timing.sleep(decision.delayMs, signal);
        } catch {
          throw new ApticAbortError({ method, url, cause: signal.reason });
        }
        retries += 1;
      }
    }
  };
}

function remember(response: Response, method: string, url: string, auth: AuthStrategy): Response {
  origins.set(response, { method, url, secretHeaders: auth.secretHeaders });
  return response;
}

/**
 * One attempt: a fresh clone with auth headers, aborted by the caller's signal or the timeout.
 * The body is read inside the timeout so a stalled body is a typed timeout too, not a hang.
 */
async function attempt(
  fetchImpl: (input: Request) => Promise<Response>,
  input: Request,
  authHeaders: Record<string, string>,
  timeoutMs: number,
  where: { method: string; url: string },
): Promise<Response> {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(input.signal.reason);
  input.signal.addEventListener("abort", onCallerAbort, { once: true });
  const timer = timeoutMs > 0 ? setTimeout(() => ((timedOut = true), controller.abort()), timeoutMs) : undefined;

  const headers = new Headers(input.headers);
  for (const [name, value] of Object.entries(authHeaders)) headers.set(name, value);
  try {
    // Only a request with a body needs a clone: a body stream can be sent once.
    const request = new Request(input.body === null ? input : input.clone(), { headers, signal: controller.signal });
    const response = await fetchImpl(request);
    const body = response.status === 204 || response.status === 304 ? null : await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } catch (cause) {
    if (timedOut) throw new ApticTimeoutError({ ...where, timeoutMs, cause });
    if (input.signal.aborted) throw new ApticAbortError({ ...where, cause: input.signal.reason });
    throw new ApticConnectionError({ ...where, cause });
  } finally {
    clearTimeout(timer);
    input.signal.removeEventListener("abort", onCallerAbort);
  }
}
