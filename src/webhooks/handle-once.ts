import type { WebhookReplayStore } from "./replay.js";
import { replayKey } from "./replay.js";
import type { AnyWebhookEvent } from "./event.js";
import { ApticWebhookError } from "./webhook-error.js";

const storeFailed = (step: string, cause: unknown) =>
  new ApticWebhookError("store_failed", `The webhook replay store failed to ${step} the delivery`, { cause });

/**
 * Runs `handle` for a delivery at most once per replay window: claims the delivery's key for a
 * lease, runs `handle`, then keeps the key for the window. Resolves `true` (a replay, `handle` not
 * run) when the key is already held — handled before, or being handled right now by a concurrent
 * identical delivery. When `handle` throws, the claim is released so the gateway's redelivery is
 * handled; the error is rethrown. A store that fails is a `store_failed` error (503: the gateway
 * retries), never a silent skip.
 *
 * @example
 * ```ts
 * const replay = await handleOnce({ store, windowMs, leaseMs }, event, () => onEvent(event));
 * ```
 */
export async function handleOnce(
  settings: { store: WebhookReplayStore; windowMs: number; leaseMs: number },
  event: AnyWebhookEvent,
  handle: () => Promise<void>,
): Promise<boolean> {
  const { store, windowMs, leaseMs } = settings;
  const key = await replayKey(event);
  let claimed: boolean;
  try {
    claimed = await store.claim(key, leaseMs);
  } catch (err) {
    throw storeFailed("claim", err);
  }
  // A store that resolves anything else (say, a forgotten `return`) would silently drop every delivery.
  if (typeof claimed !== "boolean") throw storeFailed("claim", new TypeError(`claim() must resolve to a boolean (got ${typeof claimed})`));
  if (!claimed) return true;
  try {
    await handle();
  } catch (err) {
    try {
      await store.release(key);
    } catch (releaseError) {
      // The delivery still failed (500, so it is redelivered); the held lease only delays that.
      throw new ApticWebhookError(
        "handler_failed",
        `The onEvent callback failed, and releasing it in the replay store failed too (a redelivery within ${leaseMs} ms counts as a replay)`,
        {
          cause: new AggregateError([err instanceof ApticWebhookError ? err.cause : err, releaseError]),
        },
      );
    }
    throw err;
  }
  try {
    await store.confirm(key, windowMs);
  } catch (err) {
    // onEvent did run; the lease still blocks redeliveries until it ends.
    throw storeFailed("confirm", err);
  }
  return false;
}
