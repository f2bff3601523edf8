import { redactUrl } from "../errors/redact.js";
import { ApticAbortError, ApticTimeoutError } from "../errors/transport-errors.js";
import type { ResolvedRetryOptions } from "../retry/options.js";

const noop = () => {};

/**
 * Everything one call needs to remember, kept in a closure of the call (never on the Request or
 * Response, which middleware may replace). One AbortController per attempt carries the attempt's
 * timeout and the caller's abort into fetch; `race` makes any wait (token, fetch, backoff) end
 * with the typed error at once, even when a custom fetch ignores its signal.
 */
export interface CallState {
  readonly method: string;
  readonly schemaPath: string;
  readonly operationId: string | undefined;
  readonly startedAt: number;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  readonly retry: ResolvedRetryOptions;
  readonly idempotencyKey: string | undefined;
  readonly requestId: string | undefined;
  readonly maxResponseBytes: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** Retries made so far (401 refreshes not counted). */
  retries: number;
  /** The request of the current attempt (for the redacted URL in errors and events). */
  request: Request | undefined;
  /** The signal of the current attempt or wait; aborted with the typed error when it must stop. */
  signal: AbortSignal | undefined;
  /** A body being read under the current attempt's timer (cancelled when it fires). */
  body: ReadableStreamDefaultReader<Uint8Array> | undefined;
  /** The call-level stop (caller abort, deadline): once set, nothing more is tried. */
  stopped: unknown;
  url(): string;
  /** Starts an attempt (timer armed: the attempt's timeout, capped by the deadline) or a wait (no timer). */
  begin(timed: boolean): AbortSignal;
  /** Settles with `promise`, or rejects with the typed error as soon as the attempt or call must stop. */
  race<T>(promise: Promise<T>): Promise<T>;
  /** Ends the current attempt: timer cleared. */
  end(): void;
  /** Ends the call: timer cleared, listener on the caller's signal removed. */
  close(): void;
}

/** What a call starts from (validated per-call options over the client's). */
export interface CallInit {
  method: string;
  schemaPath: string;
  operationId: string | undefined;
  timeoutMs: number;
  deadlineMs: number;
  retry: ResolvedRetryOptions;
  idempotencyKey: string | undefined;
  requestId: string | undefined;
  maxResponseBytes: number;
  signal: AbortSignal | undefined;
  now: () => number;
}

/**
 * Opens a call. With a caller `signal`, exactly one listener is added to it and removed by
 * `close()`, so one long-lived signal can serve any number of sequential calls.
 *
 * @example
 * ```ts
 * const state = openCall({ method: "GET", schemaPath, operationId, timeoutMs: 30_000, deadlineMs: 0, retry, … });
 * try { … } finally { state.close(); }
 * ```
 */
export function openCall(init: CallInit): CallState {
  const { signal: caller, now } = init;
  let controller: AbortController | undefined;
  let reject: (error: unknown) => void = noop;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let url: string | undefined;
  const where = () => ({ method: init.method, url: state.url() });

  const halt = (error: unknown, callLevel: boolean) => {
    if (callLevel) state.stopped ??= error;
    controller?.abort(error);
    reject(error);
    state.body?.cancel(error).catch(noop);
  };
  const onAbort = () => halt(new ApticAbortError({ ...where(), cause: caller?.reason }), true);

  const state: CallState = {
    method: init.method,
    schemaPath: init.schemaPath,
    operationId: init.operationId,
    startedAt: now(),
    timeoutMs: init.timeoutMs,
    deadlineMs: init.deadlineMs,
    retry: init.retry,
    idempotencyKey: init.idempotencyKey,
    requestId: init.requestId,
    maxResponseBytes: init.maxResponseBytes,
    attempt: 0,
    retries: 0,
    request: undefined,
    signal: undefined,
    body: undefined,
    stopped: undefined,
    url: () => (state.request ? (url ??= redactUrl(state.request.url)) : init.schemaPath),
    begin(timed) {
      state.end();
      controller = new AbortController();
      state.signal = controller.signal;
      if (state.stopped) controller.abort(state.stopped);
      const left = init.deadlineMs > 0 ? state.startedAt + init.deadlineMs - now() : Infinity;
      const ms = Math.min(timed && init.timeoutMs > 0 ? init.timeoutMs : Infinity, left);
      if (ms !== Infinity) {
        const isDeadline = ms === left;
        timer = setTimeout(() => {
          const error = new ApticTimeoutError({ ...where(), timeoutMs: isDeadline ? init.deadlineMs : init.timeoutMs, deadline: isDeadline });
          halt(error, isDeadline);
        }, Math.max(0, ms));
      }
      return controller.signal;
    },
    race(promise) {
      const signal = state.signal;
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, fail) => {
        reject = fail;
        promise.then(resolve, fail);
      });
    },
    end() {
      clearTimeout(timer);
      timer = undefined;
      reject = noop;
      state.body = undefined;
    },
    close() {
      state.end();
      caller?.removeEventListener("abort", onAbort);
    },
  };
  if (caller?.aborted) onAbort();
  else caller?.addEventListener("abort", onAbort, { once: true });
  return state;
}
