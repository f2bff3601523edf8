/**
 * The clock, sleep and randomness the retry loop uses; injectable so tests never wait on real time.
 *
 * @example
 * ```ts
 * const delays: number[] = [];
 * createApticClient({ baseUrl, timing: { sleep: async (ms) => void delays.push(ms), random: () => 0.5 } });
 * ```
 */
export interface Timing {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** In [0, 1), for backoff jitter. */
  random(): number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export const realTiming: Timing = Object.freeze({ now: () => Date.now(), sleep, random: () => Math.random() });
