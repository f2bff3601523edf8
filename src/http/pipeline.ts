import type { BoundAuth } from "../auth/types.js";
import type { Scrub } from "../errors/scrub.js";
import { ApticConnectionError } from "../errors/transport-errors.js";
import { decideRetry } from "../retry/policy.js";
import type { CallState } from "./call-state.js";
import type { Emit } from "./events.js";
import { readText, requestIdFrom } from "./read-body.js";
import { isRefusedRedirect, send, type Fetch } from "./send.js";
import type { Timing } from "./timing.js";

/** What the pipeline is built from (one per client). */
export interface PipelineDeps {
  fetch: Fetch;
  auth: BoundAuth;
  timing: Timing;
  emit: Emit | undefined;
  scrub: Scrub;
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as { then?: unknown }).then === "function";

/** Reads, scrubs and re-wraps an error response: bounded in size and time, and safe to surface. */
async function finalError(deps: PipelineDeps, state: CallState, response: Response): Promise<Response> {
  const text = await readText(state, response, deps.scrub);
  // An empty body is rebuilt as none: a 304 (204 and 205 are 2xx, never here) may not have one,
  // and a Response with such a status always comes with a null body, so its text is "".
  return new Response(text ? deps.scrub(text) : null, response);
}

/**
 * The fetch handed to openapi-fetch for one call. Per attempt: auth headers (a token request is
 * waited for under the attempt's timeout and the caller's signal), the send (redirects followed
 * safely), then the decision — return a 2xx (its body is read by the caller under the same
 * timer), refresh credentials once after a 401, retry what is safe to retry (idempotent
 * methods or an Idempotency-Key; retryable statuses and connection failures; Retry-After
 * honoured; never past the deadline), else return the error response, read and scrubbed.
 * The first attempt sends openapi-fetch's own Request; later ones send a fresh clone.
 *
 * @example
 * ```ts
 * const fetch = callFetch(deps, state); // passed per call as openapi-fetch's `fetch` option
 * ```
 */
export function callFetch(deps: PipelineDeps, state: CallState): (input: Request) => Promise<Response> {
  return async (input) => {
    const { method, idempotencyKey, requestId } = state.init;
    if (idempotencyKey !== undefined) input.headers.set("Idempotency-Key", idempotencyKey);
    if (requestId !== undefined) input.headers.set("X-Request-Id", requestId);
    state.request = input;
    const backup = input.body === null ? undefined : input.clone();
    let bytes: Promise<ArrayBuffer | null> | undefined;
    const body = () => (bytes ??= backup ? backup.clone().arrayBuffer() : Promise.resolve(null));
    let refreshed = false;

    for (;;) {
      state.attempt++;
      state.begin(true);
      const pending = deps.auth.headers();
      const authHeaders = isPromise(pending) ? await state.race(pending) : pending;
      const request = state.attempt === 1 || !backup ? input : backup.clone();
      for (const name in authHeaders) request.headers.set(name, authHeaders[name] as string);
      deps.emit?.({ type: "request", ...state.fields() });
      const sentAt = deps.timing.now();

      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await send(deps, state, request, body);
      } catch (err) {
        if (state.stopped || !(err instanceof ApticConnectionError) || isRefusedRedirect(err)) throw err;
        failure = err;
      }
      if (response)
        deps.emit?.({
          type: "response",
          ...state.fields(),
          status: response.status,
          durationMs: deps.timing.now() - sentAt,
          requestId: requestIdFrom(response.headers),
        });
      if (response?.ok) return response;
      const discard = () => response?.body?.cancel().catch(() => {});

      if (response?.status === 401 && !refreshed && deps.auth.invalidate(authHeaders)) {
        refreshed = true; // exactly one fresh credential and one more try, whatever the method
        discard();
        continue;
      }
      const { deadlineMs } = state.init;
      const left = deadlineMs > 0 ? state.startedAt + deadlineMs - deps.timing.now() : undefined;
      const outcome = {
        method,
        retry: state.retries,
        status: response?.status,
        retryAfter: response?.headers.get("retry-after"),
        hasIdempotencyKey: idempotencyKey !== undefined,
        remainingMs: left,
      };
      const decision = decideRetry(outcome, state.init.retry, { now: deps.timing.now(), random: deps.timing.random });
      if (!decision.retry) {
        if (response) return finalError(deps, state, response);
        throw failure;
      }
      discard();
      deps.emit?.({ type: "retry", ...state.fields(), reason: decision.reason, delayMs: decision.delayMs });
      const signal = state.begin(false);
      await state.race(deps.timing.sleep(decision.delayMs, signal));
      state.retries++;
    }
  };
}
