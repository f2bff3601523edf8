import { ApticAbortError, ApticConnectionError, ApticTimeoutError } from "../errors/transport-errors.js";

const CALLER_SIGNAL = Symbol("aptic.callerSignal");

/**
 * The Request class handed to openapi-fetch: a plain Request that remembers whether the caller
 * passed a `signal`. Only then does an attempt listen for the caller's abort — a listener per
 * call costs as much as the rest of the attempt's bookkeeping.
 *
 * @example
 * ```ts
 * createClient<paths>({ baseUrl, fetch: retryingFetch, Request: ApticRequest });
 * ```
 */
export class ApticRequest extends Request {
  declare readonly [CALLER_SIGNAL]?: AbortSignal;

  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    if (init?.signal) Object.defineProperty(this, CALLER_SIGNAL, { value: init.signal });
  }
}

/**
 * The caller's own abort signal behind a request, if any (any Request not built by
 * {@link ApticRequest} is assumed to carry one).
 *
 * @example
 * ```ts
 * const callerSignal = callerSignalOf(request);
 * ```
 */
export function callerSignalOf(request: Request): AbortSignal | undefined {
  return request instanceof ApticRequest ? request[CALLER_SIGNAL] : request.signal;
}

/** Method and (redacted, lazily computed) URL of a call, for errors and log lines. */
export interface Where {
  readonly method: string;
  readonly url: string;
}

/**
 * The request to send for one attempt, with this attempt's auth headers. The first attempt sends
 * openapi-fetch's Request itself (no copy); a retry of a request with a body sends a fresh clone
 * of the untouched `backup`, because a body stream can be sent only once.
 *
 * @example
 * ```ts
 * const request = prepareAttempt(input, retries === 0, backup, await auth.headers());
 * ```
 */
export function prepareAttempt(input: Request, first: boolean, backup: Request | undefined, authHeaders: Record<string, string>): Request {
  const request = first || !backup ? input : backup.clone();
  for (const name in authHeaders) request.headers.set(name, authHeaders[name] as string);
  return request;
}

/** What `sendAttempt` hands back: the response, and how to finish with it. */
export interface SentAttempt {
  response: Response;
  /** Stop the timer and drop the body (the response will be retried, not returned). */
  discard(): void;
  /**
   * Return the response to openapi-fetch: the timer stays armed until the body has been read,
   * so a body that stalls is a typed timeout too, and read failures become typed errors.
   */
  handOver(): Response;
}

const BODY_READERS = ["arrayBuffer", "blob", "formData", "json", "text"] as const;
const noop = () => {};

/**
 * Sends one attempt under a timeout. The timeout's signal goes to fetch as `init.signal` rather
 * than into a new Request (building one per call costs more than the rest of the layer), and
 * the caller's signal, if any, is forwarded to it. The attempt is also raced
 * against the timeout, so a custom fetch that ignores `init.signal` still cannot hang a call.
 * Failures are thrown as ApticTimeoutError, ApticAbortError (caller's signal) or ApticConnectionError.
 *
 * @example
 * ```ts
 * const sent = await sendAttempt(fetch, request, { where, timeoutMs: 30_000, callerSignal });
 * return sent.handOver();
 * ```
 */
export async function sendAttempt(
  fetchImpl: (input: Request, init?: RequestInit) => Promise<Response>,
  request: Request,
  context: { where: Where; timeoutMs: number; callerSignal: AbortSignal | undefined },
): Promise<SentAttempt> {
  const { where, timeoutMs, callerSignal } = context;
  const controller = new AbortController();
  let stopped: unknown; // the typed error once the attempt timed out or the caller aborted
  let rejectStop: (error: unknown) => void = noop;
  const stop = new Promise<never>((_, reject) => (rejectStop = reject));
  stop.catch(noop); // nobody may be racing it any more when it fires
  const halt = (error: unknown) => {
    if (stopped) return;
    stopped = error;
    controller.abort(error); // also what a body stream still being read errors with
    rejectStop(error);
  };
  const timer = timeoutMs > 0 ? setTimeout(() => halt(new ApticTimeoutError({ ...where, timeoutMs })), timeoutMs) : undefined;
  const onCallerAbort = () => halt(new ApticAbortError({ ...where, cause: callerSignal?.reason }));
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  const settle = () => {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", onCallerAbort);
  };

  let response: Response;
  try {
    response = await Promise.race([fetchImpl(request, { signal: controller.signal }), stop]);
  } catch (cause) {
    settle();
    throw stopped ?? new ApticConnectionError({ ...where, cause });
  }
  return {
    response,
    discard() {
      settle();
      response.body?.cancel().catch(noop);
    },
    handOver() {
      const length = response.headers.get("content-length");
      if (response.body === null || response.status === 204 || response.status === 304 || where.method === "HEAD" || length === "0") {
        settle();
        return response;
      }
      // Never hold a Node process open for a body nobody reads (`parseAs: "stream"` left unread).
      (timer as { unref?: () => void } | undefined)?.unref?.();
      const target = response as unknown as Record<string, unknown>;
      for (const name of BODY_READERS) {
        const read = response[name];
        target[name] = () =>
          Promise.race([read.call(response), stop]).then(
            (value: unknown) => (settle(), value),
            (cause: unknown) => {
              settle();
              // A malformed JSON body is the server's content, not a transport failure: keep it.
              throw stopped ?? (cause instanceof SyntaxError ? cause : new ApticConnectionError({ ...where, cause }));
            },
          );
      }
      return response;
    },
  };
}
