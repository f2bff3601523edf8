// The two shapes of "refused before anything happens" the unit tests assert again and again.
import { expect } from "vitest";
import { ApticUsageError } from "../../src/index.js";
import type { FakeFetch } from "./fake-fetch.js";

/** The message of the ApticUsageError `fn` throws (the test fails if it throws anything else or nothing). */
export function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApticUsageError);
    return (err as Error).message;
  }
  throw new Error("expected an ApticUsageError");
}

/**
 * The message of the ApticUsageError a call rejects with, on a client from `setup`; the test
 * fails unless it is one and nothing reached the client's fetch.
 */
export async function refusedBy<C>(setup: () => { fetch: FakeFetch; aptic: C }, call: (aptic: C) => Promise<unknown>): Promise<string> {
  const { fetch, aptic } = setup();
  const err = await call(aptic).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApticUsageError);
  expect(fetch.seen).toHaveLength(0);
  return (err as Error).message;
}
