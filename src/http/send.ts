import { usage } from "../errors/aptic-error.js";
import { ApticConnectionError } from "../errors/transport-errors.js";
import { redactUrl } from "../errors/redact.js";
import type { Scrub } from "../errors/scrub.js";
import { safeCause } from "../errors/scrub.js";
import type { CallState } from "./call-state.js";
import type { Emit } from "./events.js";

/** A fetch as the client calls it: always with the attempt's signal and `redirect: "manual"`. */
export type Fetch = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * The only headers a cross-origin redirect keeps. An allowlist rather than a list of credential
 * names: a key passed in any custom header (`headers: { "X-Tenant-Key": … }`) must not travel either.
 */
const CROSS_ORIGIN_HEADERS = [
  "accept",
  "accept-language",
  "content-type",
  "content-language",
  "user-agent",
  "idempotency-key",
  "x-request-id",
  "traceparent",
  "tracestate",
];
const MAX_REDIRECTS = 10;

/** Redirects refused on purpose: the same answer would come again, so they are not retried. */
const REFUSED = new WeakSet<object>();

/**
 * Whether a connection error is a refused redirect (deterministic, so not worth a retry).
 *
 * @example
 * ```ts
 * if (isRefusedRedirect(err)) throw err;
 * ```
 */
export function isRefusedRedirect(error: ApticConnectionError): boolean {
  return REFUSED.has(error);
}

/** What sending needs from the client. */
export interface SendDeps {
  fetch: Fetch;
  emit: Emit | undefined;
  scrub: Scrub;
}

/**
 * Sends one attempt and follows redirects itself, because fetch's own following strips only
 * `Authorization` and `Cookie` and re-sends everything else — an API key, say — to whatever
 * origin a `Location` names. Same-origin hops keep every header; cross-origin hops keep only
 * a short allowlist (no credential of any name); a redirect from https to http is refused (it
 * would send the request in clear).
 * 303, and 301/302 after a POST, continue as a GET without body (as fetch does).
 * Transport failures become ApticConnectionError (cause scrubbed); a stop (timeout, abort)
 * rejects with its own typed error.
 *
 * @example
 * ```ts
 * const response = await send(deps, state, request, body);
 * ```
 */
export async function send(deps: SendDeps, state: CallState, first: Request, body: () => Promise<ArrayBuffer | null>): Promise<Response> {
  let request = first;
  for (let hop = 0; ; hop++) {
    let response: Response;
    // Stopped already (the caller aborted before the call, say): nothing may go out.
    if (state.halted) throw state.halted;
    try {
      response = await state.race(deps.fetch(request, { signal: state.signal ?? null, redirect: "manual" }));
    } catch (cause) {
      throw state.halted ?? new ApticConnectionError({ method: state.method, url: state.url(), cause: safeCause(cause, deps.scrub) });
    }
    // A fetch wrapper that forgot its `return` resolves to undefined: say so, instead of a bare
    // TypeError further on (and never retry it: the same fetch would do the same again).
    usage(typeof response?.headers?.get === "function", "fetch resolved to something that is not a Response (does your fetch wrapper return it?)");
    const { status } = response;
    const fail = (why: string) => {
      response.body?.cancel().catch(() => {});
      const error = new ApticConnectionError({ method: state.method, url: state.url() }, why);
      REFUSED.add(error);
      return error;
    };
    if (response.type === "opaqueredirect") throw fail("redirect not followed: this runtime hides its target");
    const location = status >= 300 && status < 400 ? response.headers.get("location") : null;
    if (location === null) return response;
    if (hop === MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects`);
    let target: URL;
    try {
      target = new URL(location, request.url);
    } catch {
      throw fail("redirect to an invalid URL");
    }
    const from = new URL(request.url);
    if (target.protocol !== "https:" && target.protocol !== "http:") throw fail(`redirect to ${target.protocol} refused`);
    if (target.username || target.password) throw fail("redirect to a URL with user-info refused");
    if (from.protocol === "https:" && target.protocol === "http:") throw fail("redirect from https to http refused");
    response.body?.cancel().catch(() => {});

    const sameOrigin = target.origin === from.origin;
    const toGet = (status === 303 && request.method !== "HEAD") || ((status === 301 || status === 302) && request.method === "POST");
    const headers = new Headers();
    request.headers.forEach((value, name) => {
      if (sameOrigin || CROSS_ORIGIN_HEADERS.includes(name)) headers.append(name, value);
    });
    if (toGet) for (const name of ["content-type", "content-length", "content-encoding", "content-language", "content-location"]) headers.delete(name);
    deps.emit?.({ type: "redirect", ...state.fields(), status, to: redactUrl(target.href), credentials: sameOrigin ? "kept" : "stripped" });
    request = new Request(target, { method: toGet ? "GET" : request.method, headers, body: toGet ? null : await state.race(body()), redirect: "manual" });
  }
}
