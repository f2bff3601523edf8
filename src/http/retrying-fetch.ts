import type { AuthStrategy } from "../auth/types.js";
import { redactUrl } from "../errors/redact.js";
import { ApticAbortError, ApticConnectionError } from "../errors/transport-errors.js";
import { decideRetry } from "../retry/policy.js";
import { resolveRetry, type ResolvedRetryOptions, type RetryOptions } from "../retry/options.js";
import { callerSignalOf, prepareAttempt, sendAttempt, type SentAttempt, type Where } from "./attempt.js";
import type { Logger } from "./logger.js";
import { readRequestOptions } from "./request-options.js";
import type { Timing } from "./timing.js";

/** What the retrying fetch is built from. */
export interface RetryingFetchDeps {
  fetch: (input: Request, init?: RequestInit) => Promise<Response>;
  auth: AuthStrategy;
  retry: RetryOptions | false | undefined;
  timeoutMs: number;
  timing: Timing;
  logger: Logger;
}

/** Method and redacted URL of the request behind each error response we returned (for `unwrap`). */
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

/** Method and redacted URL, the URL computed only when an error or log line needs it. */
function whereOf(input: Request): Where {
  let url: string | undefined;
  return {
    method: input.method,
    get url() {
      return (url ??= redactUrl(input.url));
    },
  };
}

/**
 * Builds the `fetch` handed to openapi-fetch. It owns auth, per-attempt timeouts, retries with
 * backoff/Retry-After, one token refresh after 401, and maps transport failures to typed errors.
 * The first attempt sends openapi-fetch's Request itself; a retry sends a fresh copy (a body
 * stream can be sent once, so a request with a body keeps an unsent clone for retries).
 *
 * @example
 * ```ts
 * const fetch = createRetryingFetch({ fetch: globalThis.fetch, auth, retry: {}, timeoutMs: 30_000, timing: realTiming, logger: {} });
 * createClient<paths>({ baseUrl, fetch, Request: ApticRequest });
 * ```
 */
export function createRetryingFetch(deps: RetryingFetchDeps): (input: Request) => Promise<Response> {
  return async function apticFetch(input: Request): Promise<Response> {
    const options = readRequestOptions(input);
    const timeoutMs = options.timeoutMs ?? deps.timeoutMs;
    const where = whereOf(input);
    const { method } = where;
    const callerSignal = callerSignalOf(input);
    if (options.idempotencyKey) input.headers.set("Idempotency-Key", options.idempotencyKey);
    const backup = input.body === null ? undefined : input.clone();
    let retry: ResolvedRetryOptions | undefined; // resolved only when an attempt fails

    let refreshed = false;
    for (let retries = 0, first = true; ; first = false) {
      if (callerSignal?.aborted) throw new ApticAbortError({ method, url: where.url, cause: callerSignal.reason });
      const authHeaders = await deps.auth.headers();
      deps.logger.debug?.(`→ ${method} ${where.url}${retries ? ` (retry ${retries})` : ""}`);
      const request = prepareAttempt(input, first, backup, authHeaders);

      let sent: SentAttempt | undefined;
      let failure: ApticConnectionError | undefined;
      try {
        sent = await sendAttempt(deps.fetch, request, { where, timeoutMs, callerSignal });
      } catch (err) {
        if (!(err instanceof ApticConnectionError)) throw err;
        failure = err;
      }
      if (sent?.response.ok) return sent.handOver();
      const response = sent?.response;

      if (response?.status === 401 && !refreshed && deps.auth.invalidate(authHeaders)) {
        refreshed = true; // exactly one fresh credential and one more try, whatever the method
        deps.logger.info?.(`${method} ${where.url}: 401, retrying once with fresh credentials`);
        sent?.discard();
        continue;
      }
      retry ??= resolveRetry(deps.retry, options.retry);
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
        if (sent) return remember(sent.handOver(), where, deps.auth);
        throw failure;
      }
      sent?.discard();
      deps.logger.warn?.(`${method} ${where.url}: ${decision.reason}; retrying in ${decision.delayMs} ms`);
      try {
        await deps.timing.sleep(decision.delayMs, callerSignal);
      } catch {
        throw new ApticAbortError({ method, url: where.url, cause: callerSignal?.reason });
      }
      retries += 1;
    }
  };
}

function remember(response: Response, where: Where, auth: AuthStrategy): Response {
  origins.set(response, { method: where.method, url: where.url, secretHeaders: auth.secretHeaders });
  return response;
}
