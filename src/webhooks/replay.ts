import { ApticUsageError } from "../errors/aptic-error.js";
import type { AnyWebhookEvent } from "./event.js";

/**
 * Where a receiver remembers the deliveries it has handled. Implement it over a shared store (such
 * as Redis) so several instances of a receiver agree; the default {@link createMemoryReplayStore}
 * serves one process. Keys are 64-character hex strings (a SHA-256 of `events_id`, `object_id` and
 * `dt`), so they are safe as Redis keys; add a prefix if the store is shared with other data.
 *
 * `claim` must be atomic check-and-set: when two identical deliveries arrive at once, exactly one
 * call may resolve `true`. The receiver claims a delivery for a short lease before `onEvent` runs,
 * `confirm`s it for the whole replay window once `onEvent` succeeded, and `release`s it when
 * `onEvent` failed, so the gateway's redelivery is handled again. If the process dies mid-`onEvent`,
 * the lease runs out and the redelivery is handled.
 *
 * @example
 * ```ts
 * // With node-redis (not a dependency of this package): SET … NX PX is an atomic check-and-set.
 * import { createClient } from "redis";
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const store: WebhookReplayStore = {
 *   claim: async (key, ttlMs) => (await redis.set(`aptic:webhook:${key}`, "1", { NX: true, PX: ttlMs })) === "OK",
 *   confirm: async (key, ttlMs) => void (await redis.set(`aptic:webhook:${key}`, "1", { PX: ttlMs })),
 *   release: async (key) => void (await redis.del(`aptic:webhook:${key}`)),
 * };
 * const handler = createWebhookHandler({ secret, replay: { store }, onEvent });
 * ```
 */
export interface WebhookReplayStore {
  /** Stores `key` for `ttlMs` unless it is already stored (and not expired); `true` if this call stored it. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Stores `key` for `ttlMs`, whether or not it is stored already (extends the lease to the window). */
  confirm(key: string, ttlMs: number): Promise<void>;
  /** Forgets `key`, so the next delivery with it is handled. */
  release(key: string): Promise<void>;
}

/**
 * Replay protection settings of {@link createWebhookHandler} (`replay: true` takes all defaults).
 *
 * @example
 * ```ts
 * const replay: WebhookReplayOptions = { windowMs: 60 * 60 * 1000, store: createMemoryReplayStore({ maxEntries: 50_000 }) };
 * ```
 */
export interface WebhookReplayOptions {
  /** @default a new {@link createMemoryReplayStore} per handler */
  store?: WebhookReplayStore | undefined;
  /** How long a handled delivery is remembered. @default 86400000 (24 h) */
  windowMs?: number | undefined;
  /**
   * How long a delivery is held while `onEvent` runs; an identical delivery arriving meanwhile is
   * acknowledged as a replay. Keep it above your slowest `onEvent`. @default 60000 (1 min)
   */
  leaseMs?: number | undefined;
}

/**
 * Options of {@link createMemoryReplayStore}.
 *
 * @example
 * ```ts
 * const options: MemoryReplayStoreOptions = { maxEntries: 1000 };
 * ```
 */
export interface MemoryReplayStoreOptions {
  /** Most keys kept; past it the oldest are forgotten first. @default 10000 */
  maxEntries?: number | undefined;
  /** Clock in ms, for tests. @default Date.now */
  now?: (() => number) | undefined;
}

/**
 * An in-process {@link WebhookReplayStore} with bounded memory: entries expire after their TTL,
 * and when `maxEntries` are held, expired ones are swept and then the oldest are evicted (a replay
 * of an evicted delivery is handled again: at-least-once, never lost). Not shared between
 * processes; use a shared store when you run several receivers.
 *
 * @example
 * ```ts
 * const handler = createWebhookHandler({ secret, replay: { store: createMemoryReplayStore({ maxEntries: 50_000 }) }, onEvent });
 * ```
 */
export function createMemoryReplayStore(options: MemoryReplayStoreOptions = {}): WebhookReplayStore {
  const { maxEntries = 10_000, now = Date.now } = options;
  if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0) throw new ApticUsageError(`maxEntries must be a positive integer (got ${String(maxEntries)})`);
  const expiries = new Map<string, number>();

  // A missing key counts as expired at 0 (clocks only move forward from there).
  const live = (key: string, at: number) => (expiries.get(key) ?? 0) > at;
  const store = (key: string, expiry: number) => {
    // Re-inserting moves the key to the end, so Map order stays "oldest first" for eviction.
    expiries.delete(key);
    // Stryker disable next-line ConditionalExpression: a performance guard; sweeping when not full changes nothing observable.
    if (expiries.size >= maxEntries) {
      const at = now();
      for (const [k, e] of expiries) if (e <= at) expiries.delete(k);
      for (const k of expiries.keys()) {
        if (expiries.size < maxEntries) break;
        expiries.delete(k);
      }
    }
    expiries.set(key, expiry);
  };

  return {
    // Synchronous inside: nothing can interleave between the check and the set in one process.
    async claim(key, ttlMs) {
      const at = now();
      if (live(key, at)) return false;
      store(key, at + ttlMs);
      return true;
    },
    async confirm(key, ttlMs) {
      store(key, now() + ttlMs);
    },
    async release(key) {
      expiries.delete(key);
    },
  };
}

const encoder = new TextEncoder();

/**
 * The replay key of an event: a hex SHA-256 over `[events_id, object_id, dt]` exactly as sent (so
 * `42` and `"42"` differ, and no separator inside a value can make two deliveries collide).
 *
 * @example
 * ```ts
 * const key = await replayKey(event); // 64 hex digits
 * ```
 */
export async function replayKey(event: Pick<AnyWebhookEvent, "name" | "objectId" | "dt">): Promise<string> {
  // JSON writes a missing object_id (undefined in an array) as null.
  const text = JSON.stringify([event.name, event.objectId, event.dt]);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
