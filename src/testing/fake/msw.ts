import type { Outcome } from "./core.js";

/**
 * The part of msw's `http` namespace the adapter uses (the same in msw 2 and msw 3; both are
 * tested by `npm run check:package`). Passing it in keeps msw out of the testing kit's imports:
 * suites that use msw already have it, others never load it.
 *
 * @example
 * ```ts
 * import { http } from "msw";
 * const handlers = fake.mswHandlers(http);
 * ```
 */
export interface MswHttp<H> {
  all(path: string, resolver: (info: { request: Request }) => Promise<Response>): H;
}

/**
 * Builds the msw handlers of a fake: every request under `baseUrl` goes to the fake's core; a
 * connection reset becomes `Response.error()` (msw turns it into a network error), a stall
 * waits for the request's abort.
 *
 * @example
 * ```ts
 * const server = setupServer(...mswHandlersFor(http, "https://gateway.aptic.test", handle));
 * ```
 */
export function mswHandlersFor<H>(http: MswHttp<H>, baseUrl: string, handle: (request: Request, signal: AbortSignal) => Promise<Outcome>): H[] {
  const base = baseUrl.replace(/\/+$/, "");
  const resolver = async ({ request }: { request: Request }): Promise<Response> => {
    const outcome = await handle(request, request.signal);
    if (outcome.kind === "response") return outcome.response;
    if (outcome.kind === "reset") return Response.error();
    return new Promise<Response>((resolve) => request.signal.addEventListener("abort", () => resolve(Response.error()), { once: true }));
  };
  return [http.all(base, resolver), http.all(`${base}/*`, resolver)];
}
