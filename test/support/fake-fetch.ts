// A scripted fetch for unit tests: records each request (cloned, body read) and answers from a
// queue of handlers, so tests assert exactly what went over the "wire" without a network.
export interface Seen {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  /** The attempt's signal, as the client passes it (`init.signal`, not `request.signal`). */
  signal: AbortSignal | null | undefined;
  /** The redirect mode the client asked for (always "manual": it follows redirects itself). */
  redirect: RequestRedirect | undefined;
}

/** Answers one request; `init` is what the client passed with it (`{ signal, redirect }`). */
export type Handler = (request: Request, init?: RequestInit) => Response | Promise<Response>;

export interface FakeFetch {
  (input: Request, init?: RequestInit): Promise<Response>;
  seen: Seen[];
}

/** Answers the n-th request with handlers[n] (the last one repeats). */
export function fakeFetch(...handlers: Handler[]): FakeFetch {
  const seen: Seen[] = [];
  const fn = (async (input: Request, init?: RequestInit) => {
    const index = Math.min(seen.length, handlers.length - 1);
    seen.push({
      method: input.method,
      url: input.url,
      headers: new Headers(input.headers),
      body: await input.clone().text(),
      signal: init?.signal,
      redirect: init?.redirect,
    });
    const handler = handlers[index];
    if (!handler) throw new Error("fakeFetch: no handler");
    return handler(input, init);
  }) as FakeFetch;
  fn.seen = seen;
  return fn;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

export const problem = (status: number, title: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: "about:blank", title, status, ...extra }), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });

/**
 * A fetch that never answers until the attempt's signal aborts (for timeout tests). It listens to
 * `init.signal` only, as the client's fetch contract says: the client does not put its signal on
 * the Request. Without a signal it hangs for ever (the client must still give up on time).
 */
export const hangingFetch: Handler = (_request, init) =>
  new Promise((_, reject) => {
    const signal = init?.signal;
    if (signal?.aborted) return reject(signal.reason);
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });

/** Timing that never waits: records every sleep; the clock starts at `start` (ms). */
export function fakeTiming(random = 0.5, start = Date.parse("2026-11-23T10:00:00Z")) {
  const sleeps: number[] = [];
  let now = start;
  return {
    sleeps,
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

export const GUID = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";
