// Injected timing for the client: `sleep` records each delay and moves the clock at once, so
// retry and token-lifetime tests never wait on real time.
import { fakeTiming } from "../../support/fake-fetch.js";

/** A fake clock starting at 1,000,000 ms; `random` is the jitter source (1 → the backoff ceiling). */
export const fakeClock = (random = 1) => fakeTiming(random, 1_000_000);
