import { ApticAbortError, ApticTimeoutError } from "../errors/transport-errors.js";
import { redactUrl } from "../secrets/redact.js";

const noop = () => {};

export interface CallInit {
  method: string;
  /** What the URL is reported as until the first request exists (a path template, a token URL). */
  label: string;
  operationId?: string | undefined;
  timeoutMs: number;
  deadlineMs: number;
  signal?: AbortSignal | undefined;
  now: () => number;
}

/**
 * A call's limits, kept beside it (never on the Request or Response, which middleware may replace).
 * `race` ends any wait at once, even when a custom fetch ignores its signal.
 */
export class Call {
  readonly init: CallInit;
  readonly startedAt: number;
  attempt = 0;
  /** Retries made so far (a 401 refresh is not counted). */
  retries = 0;
  request: Request | undefined = undefined;
  signal: AbortSignal | undefined = undefined;
  halted: unknown = undefined;
  /** The call-level stop (caller abort, deadline): once set, nothing more is tried. */
  stopped: unknown = undefined;
  private controller: AbortController | undefined = undefined;
  private timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private reject: (error: unknown) => void = noop;
  private redacted: string | undefined = undefined;
  private readonly detach: (() => void) | undefined;

  constructor(init: CallInit) {
    this.init = init;
    this.startedAt = init.now();
    const caller = init.signal;
    if (!caller) return;
    // One listener per call, removed by close(): a long-lived signal can serve any number of calls.
    const onAbort = () => this.halt(new ApticAbortError({ method: init.method, url: this.url(), cause: caller.reason }), true);
    if (caller.aborted) {
      onAbort();
      return;
    }
    caller.addEventListener("abort", onAbort);
    this.detach = () => caller.removeEventListener("abort", onAbort);
  }

  get method(): string {
    return this.init.method;
  }

  fields(): { method: string; url: string; operationId: string | undefined; schemaPath: string; attempt: number } {
    const { init } = this;
    return { method: init.method, url: this.url(), operationId: init.operationId, schemaPath: init.label, attempt: this.attempt };
  }

  url(): string {
    return this.request ? (this.redacted ??= redactUrl(this.request.url)) : this.init.label;
  }

  left(): number | undefined {
    const { deadlineMs, now } = this.init;
    return deadlineMs > 0 ? this.startedAt + deadlineMs - now() : undefined;
  }

  /** Starts an attempt (`timed`: under its timeout, capped by the deadline) or a wait (deadline only). */
  begin(timed: boolean): AbortSignal | undefined {
    this.end();
    const { init } = this;
    this.halted = this.stopped;
    const left = this.left() ?? Infinity;
    const ms = Math.min(timed && init.timeoutMs > 0 ? init.timeoutMs : Infinity, left);
    if (ms === Infinity && !init.signal) return (this.signal = undefined);
    const controller = (this.controller = new AbortController());
    if (this.halted) controller.abort(this.halted);
    else if (ms !== Infinity) {
      const deadline = ms === left;
      const timeoutMs = deadline ? init.deadlineMs : init.timeoutMs;
      this.timer = setTimeout(
        // The signal aborts with the standard reason (as AbortSignal.timeout does); the call rejects with the typed error.
        () =>
          this.halt(
            new ApticTimeoutError({ method: init.method, url: this.url(), timeoutMs, deadline }),
            deadline,
            new DOMException("The operation timed out.", "TimeoutError"),
          ),
        Math.max(0, ms),
      );
    }
    return (this.signal = controller.signal);
  }

  race<T>(promise: Promise<T>): Promise<T> {
    if (this.halted) {
      promise.catch(noop); // abandoned: its own failure must not surface as an unhandled rejection
      return Promise.reject(this.halted);
    }
    return new Promise((resolve, reject) => {
      this.reject = reject;
      promise.then(resolve, reject);
    });
  }

  end(): void {
    clearTimeout(this.timer);
    this.timer = this.controller = undefined;
    this.reject = noop;
  }

  close(): void {
    this.end();
    this.detach?.();
  }

  private halt(error: unknown, callLevel: boolean, reason: unknown = error): void {
    if (callLevel) this.stopped ??= error;
    this.halted ??= error;
    this.controller?.abort(reason);
    this.reject(error);
  }
}
