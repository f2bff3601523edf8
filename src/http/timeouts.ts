/**
 * Shared timeout buckets. Each attempt needs an AbortSignal that fires when its time is up;
 * creating one per attempt (plus a timer) is the largest cost the client adds to a call. Attempts
 * whose limits end within the same 100 ms share one controller and one timer instead; when the
 * timer fires, every attempt still registered is told (with its own typed error) and the shared
 * signal aborts their fetches. So limits of 1 s or more fire up to 100 ms late; shorter ones get
 * a bucket of their own and fire on time.
 */

/** Width of a shared bucket, in ms. */
const GRAIN = 100;
/** Limits below this get a private, exact bucket. */
const SHARED_FROM = 1000;

/** Something with a time limit: told when it ran out. */
export interface Timed {
  timedOut(): void;
}

/** One bucket: a signal for fetch, the attempts registered in it, and its timer. */
export interface Bucket {
  readonly signal: AbortSignal;
  readonly members: Set<Timed>;
}

interface LiveBucket extends Bucket {
  readonly controller: AbortController;
  readonly key: number | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const shared = new Map<number, LiveBucket>();
/** The reason a shared signal aborts with: the standard one, as `AbortSignal.timeout()` uses. */
const timedOut = () => new DOMException("The operation timed out.", "TimeoutError");

function fire(bucket: LiveBucket): void {
  if (bucket.key !== undefined) shared.delete(bucket.key);
  for (const member of bucket.members) member.timedOut();
  bucket.members.clear();
  bucket.controller.abort(timedOut());
}

/** Keeps Node alive only while someone waits on the bucket (an idle shared timer must not). */
function hold(bucket: LiveBucket, on: boolean): void {
  const timer = bucket.timer as { ref?: () => void; unref?: () => void } | undefined;
  (on ? timer?.ref : timer?.unref)?.call(timer);
}

/**
 * Registers `member` to be told when `ms` from now has passed; returns its bucket (whose signal
 * goes to fetch). Pair with {@link disarm}.
 *
 * @example
 * ```ts
 * const bucket = arm(attempt, 30_000);
 * await fetch(request, { signal: bucket.signal });
 * disarm(attempt, bucket);
 * ```
 */
export function arm(member: Timed, ms: number, now = Date.now()): Bucket {
  const key = ms >= SHARED_FROM ? Math.ceil((now + ms) / GRAIN) : undefined;
  let bucket = key === undefined ? undefined : shared.get(key);
  if (!bucket) {
    const controller = new AbortController();
    const created: LiveBucket = { controller, signal: controller.signal, members: new Set(), key, timer: undefined };
    created.timer = setTimeout(() => fire(created), key === undefined ? ms : key * GRAIN - now);
    if (key !== undefined) shared.set(key, created);
    bucket = created;
  }
  if (bucket.members.size === 0) hold(bucket, true);
  bucket.members.add(member);
  return bucket;
}

/**
 * Unregisters `member`. A private bucket is cleared at once; a shared one stays until its time
 * (later attempts may join it) but stops keeping the process alive once nobody waits on it.
 *
 * @example
 * ```ts
 * disarm(attempt, bucket);
 * ```
 */
export function disarm(member: Timed, bucket: Bucket): void {
  const live = bucket as LiveBucket;
  live.members.delete(member);
  if (live.members.size > 0) return;
  if (live.key === undefined) clearTimeout(live.timer);
  else hold(live, false);
}
