import { ApticConnectionError } from "../errors/transport-errors.js";
import type { Emit } from "../events/types.js";
import type { ResolvedRetryOptions } from "../retry/options.js";
import { decideRetry } from "../retry/policy.js";
import type { Scrub } from "../secrets/scrub.js";
import type { Call } from "./call.js";
import { isRefusedRedirect, requestIdFrom, send, type Fetch } from "./send.js";
import type { Timing } from "./timing.js";

export interface AttemptDeps {
  fetch: Fetch;
  dispatcher?: object | undefined;
  timing: Timing;
  emit: Emit | undefined;
  scrub: Scrub;
}

export interface AttemptPlan<T> {
  call: Call;
  retry: ResolvedRetryOptions;
  repeatable: boolean;
  follow: boolean;
  prepare(call: Call): Request | Promise<Request>;
  body(): Promise<ArrayBuffer | null>;
  refresh?: (() => boolean) | undefined;
  /** Runs under the attempt's limits: a connection error it throws (a body cut off) counts as a failed attempt. */
  finish(response: Response): Promise<T>;
}

/** The one retry loop, for API calls and the token request alike. */
export async function runAttempts<T>(deps: AttemptDeps, plan: AttemptPlan<T>): Promise<T> {
  const { call } = plan;
  const { timing, emit } = deps;
  let refreshed = false;
  for (;;) {
    call.attempt++;
    call.begin(true);
    const pending = plan.prepare(call);
    const request = "then" in pending ? await call.race(pending) : pending;
    call.request ??= request;
    emit?.({ type: "request", ...call.fields() });
    const sentAt = timing.now();

    let response: Response | undefined;
    let failure: unknown;
    try {
      response = await send(deps, call, request, plan.body, plan.follow);
    } catch (err) {
      if (call.stopped || !(err instanceof ApticConnectionError) || isRefusedRedirect(err)) throw err;
      failure = err;
    }
    if (response)
      emit?.({ type: "response", ...call.fields(), status: response.status, durationMs: timing.now() - sentAt, requestId: requestIdFrom(response.headers) });
    if (response?.status === 401 && !refreshed && plan.refresh?.()) {
      refreshed = true; // exactly one fresh credential and one more try, whatever the method
      response.body?.cancel().catch(() => {});
      continue;
    }
    const decide = (failed: Response | undefined) =>
      decideRetry(
        { retry: call.retries, status: failed?.status, retryAfter: failed?.headers.get("retry-after"), repeatable: plan.repeatable, remainingMs: call.left() },
        plan.retry,
        { now: timing.now(), random: timing.random },
      );
    let decision = response?.ok ? undefined : decide(response);
    if (response && !decision?.retry) {
      try {
        return await plan.finish(response);
      } catch (err) {
        if (call.stopped || !(err instanceof ApticConnectionError)) throw err;
        failure = err;
        decision = decide(undefined);
      }
    } else response?.body?.cancel().catch(() => {});
    if (!decision?.retry) throw failure;
    emit?.({ type: "retry", ...call.fields(), reason: decision.reason, delayMs: decision.delayMs });
    const signal = call.begin(false);
    await call.race(timing.sleep(decision.delayMs, signal));
    call.retries++;
  }
}
