import { ApticUsageError } from "../../errors/aptic-error.js";
import type { FakeClock } from "./context.js";

/**
 * A clock for tests: `sleep` returns at once and moves time forward, so a 30 s `Retry-After`, a
 * token expiring after an hour or a `delayNext(5000)` take no real time. Pass the same clock to
 * the fake (`clock`) and to the client (`timing`) so both see the same time.
 *
 * @example
 * ```ts
 * const clock = createTestClock();
 * const fake = await createFakeGateway({ clock });
 * const aptic = createApticClient({ baseUrl: fake.baseUrl, fetch: fake.fetch, timing: clock, auth });
 * clock.advance(3_600_000); // the token has expired
 * ```
 */
export interface TestClock extends FakeClock {
  /** Always 0.5 (retry jitter becomes deterministic). */
  random(): number;
  /** Moves time forward. */
  advance(ms: number): void;
  /** Every duration passed to `sleep`, in order. */
  readonly sleeps: readonly number[];
}

/**
 * Creates a {@link TestClock} starting at `start` (default 2026-01-01T00:00:00Z).
 *
 * @example
 * ```ts
 * const clock = createTestClock(Date.parse("2026-06-01T08:00:00Z"));
 * ```
 */
export function createTestClock(start: number = Date.UTC(2026, 0, 1)): TestClock {
  let now = start;
  const sleeps: number[] = [];
  const advance = (ms: number) => {
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) throw new ApticUsageError(`advance() needs a finite duration ≥ 0 (got ${String(ms)})`);
    now += ms;
  };
  return {
    now: () => now,
    random: () => 0.5,
    advance,
    sleeps,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      advance(ms);
    },
  };
}

/** The real clock: `Date.now` and a `setTimeout` sleep that an abort ends early. */
export const realClock: FakeClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};
