// Injected timing for the client: `sleep` records each delay and moves the clock at once, so
// retry and token-lifetime tests never wait on real time.

/** A fake clock; `random` is the jitter source (1 → the backoff ceiling). */
export function fakeClock(random = 1) {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    /** Moves the clock forward without a sleep (time passing between calls). */
    advance: (ms: number) => void (now += ms),
    timing: {
      now: () => now,
      random: () => random,
      sleep: async (ms: number, signal?: AbortSignal) => {
        if (signal?.aborted) throw signal.reason;
        sleeps.push(ms);
        now += ms;
      },
    },
  };
}
