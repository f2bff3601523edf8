import { redactUrl } from "../errors/redact.js";
import { ApticAbortError, ApticTimeoutError } from "../errors/transport-errors.js";
import type { ResolvedRetryOptions } from "../retry/options.js";
import { arm, disarm, type Bucket, type Timed } from "./timeouts.js";

const noop = () => {};

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
 * Everything one call needs to remember, kept beside the call (never on the Request or Response,
 * which middleware may replace). An attempt's time limit comes from a shared timeout bucket
 * (src/http/timeouts.ts); only a call with a caller `signal` gets an AbortController of its own.
 * `race` makes any wait (token, fetch, backoff) end with the typed error at once, even when a
 * custom fetch ignores its signal. A class, not closures: a call allocates one object for all of it.
 *
 * @example
 * ```ts
 * const state = new CallState({ method: "GET", schemaPath, operationId, timeoutMs: 30_000, deadlineMs: 0, … });
 * try { … } finally { state.close(); }
 * ```
 */
export class CallState implements Timed {
  readonly init: CallInit;
  readonly startedAt: number;
  readonly maxResponseBytes: number;
  /** 1 for the first attempt. */
  attempt = 0;
  /** Retries made so far (a 401 refresh is not counted). */
  retries = 0;
  /** The request of the first attempt (for the redacted URL in errors and events). */
  request: Request | undefined = undefined;
  /** The signal for the current attempt's fetch (or wait), if it can be stopped at all. */
  signal: AbortSignal | undefined = undefined;
  /** Why the current attempt or wait was stopped (a typed error), once it was. */
  halted: unknown = undefined;
  /** A body being read under the current attempt's limit (cancelled when it runs out). */
  body: ReadableStreamDefaultReader<Uint8Array> | undefined = undefined;
  /** The call-level stop (caller abort, deadline): once set, nothing more is tried. */
  stopped: unknown = undefined;
  private controller: AbortController | undefined = undefined;
  private bucket: Bucket | undefined = undefined;
  private isDeadline = false;
  private reject: (error: unknown) => void = noop;
  private redacted: string | undefined = undefined;
  private readonly onAbort: (() => void) | undefined;

  constructor(init: CallInit) {
    this.init = init;
    this.startedAt = init.now();
    this.maxResponseBytes = init.maxResponseBytes;
    const caller = init.signal;
    if (!caller) return;
    // Exactly one listener per call, removed by close(): a long-lived signal can serve any
    // number of sequential calls.
    this.onAbort = () => this.halt(new ApticAbortError({ method: init.method, url: this.url(), cause: caller.reason }), true);
    if (caller.aborted) this.onAbort();
    else caller.addEventListener("abort", this.onAbort, { once: true });
  }

  get method(): string {
    return this.init.method;
  }

  /** The fields every event of this call carries. */
  fields(): { method: string; url: string; operationId: string | undefined; schemaPath: string; attempt: number } {
    const { init } = this;
    return { method: init.method, url: this.url(), operationId: init.operationId, schemaPath: init.schemaPath, attempt: this.attempt };
  }

  /** The request URL, redacted (the path template until a request exists). */
  url(): string {
    return this.request ? (this.redacted ??= redactUrl(this.request.url)) : this.init.schemaPath;
  }

  /** Starts an attempt (`timed`: its timeout, capped by the deadline) or a wait (deadline only). */
  begin(timed: boolean): AbortSignal | undefined {
    this.end();
    const { init } = this;
    this.halted = this.stopped;
    const left = init.deadlineMs > 0 ? this.startedAt + init.deadlineMs - init.now() : Infinity;
    const ms = Math.min(timed && init.timeoutMs > 0 ? init.timeoutMs : Infinity, left);
    if (ms !== Infinity) {
      this.isDeadline = ms === left;
      this.bucket = arm(this, Math.max(0, ms));
    }
    if (init.signal) {
      this.controller = new AbortController();
      if (this.halted) this.controller.abort(this.halted);
    }
    return (this.signal = this.controller?.signal ?? this.bucket?.signal);
  }

  /** Called by the timeout bucket when this attempt's (or the call's) time ran out. */
  timedOut(): void {
    const { init } = this;
    this.bucket = undefined;
    const timeoutMs = this.isDeadline ? init.deadlineMs : init.timeoutMs;
    this.halt(new ApticTimeoutError({ method: init.method, url: this.url(), timeoutMs, deadline: this.isDeadline }), this.isDeadline);
  }

  /** Settles with `promise`, or rejects with the typed error as soon as the attempt or call must stop. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.halted) return Promise.reject(this.halted);
    return new Promise((resolve, reject) => {
      this.reject = reject;
      promise.then(resolve, reject);
    });
  }

  /** Ends the current attempt or wait: its time limit released. */
  end(): void {
    if (this.bucket) disarm(this, this.bucket);
    this.bucket = this.controller = undefined;
    this.reject = noop;
    this.body = undefined;
  }

  /** Ends the call: time limit released, listener on the caller's signal removed. */
  close(): void {
    this.end();
    if (this.onAbort) this.init.signal?.removeEventListener("abort", this.onAbort);
  }

  private halt(error: unknown, callLevel: boolean): void {
    if (callLevel) this.stopped ??= error;
    this.halted ??= error;
    this.controller?.abort(error);
    this.reject(error);
    this.body?.cancel(error).catch(noop);
  }
}
