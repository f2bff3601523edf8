// A scripted fetch for unit tests: records each request (cloned, body read) and answers from a
// queue of handlers, so tests assert exactly what went over the "wire" without a network.
export interface Seen {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

export type Handler = (request: Request) => Response | Promise<Response>;

export interface FakeFetch {
  (input: Request): Promise<Response>;
  seen: Seen[];
}

/** Answers the n-th request with handlers[n] (the last one repeats). */
export function fakeFetch(...handlers: Handler[]): FakeFetch {
  const seen: Seen[] = [];
  const fn = (async (input: Request) => {
    const index = Math.min(seen.length, handlers.length - 1);
    seen.push({ method: input.method, url: input.url, headers: new Headers(input.headers), body: await input.clone().text() });
    const handler = handlers[index];
    if (!handler) throw new Error("fakeFetch: no handler");
    return handler(input);
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

/** A fetch that never answers until its request is aborted (for timeout tests). */
export const hangingFetch: Handler = (request) =>
  new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true }));

/** Timing that never waits: records every sleep. */
export function fakeTiming(random = 0.5) {
  const sleeps: number[] = [];
  let now = Date.parse("2026-11-23T10:00:00Z");
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
