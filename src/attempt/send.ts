import { usage } from "../errors/aptic-error.js";
import { ApticConnectionError } from "../errors/transport-errors.js";
import { redactUrl } from "../secrets/redact.js";
import type { Scrub } from "../secrets/scrub.js";
import { safeCause } from "../secrets/scrub.js";
import type { Emit } from "../events/types.js";
import type { Call } from "./call.js";

/** Always called with the attempt's signal and `redirect: "manual"`. */
export type Fetch = (input: Request, init?: RequestInit) => Promise<Response>;

/** An allowlist, not a list of credential names: a key in any custom header must not travel either. */
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

/** A refused redirect is never retried: the same answer would come again. */
const REFUSED: unique symbol = Symbol("refused redirect");

export function isRefusedRedirect(error: ApticConnectionError): boolean {
  return REFUSED in error;
}

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-correlation-id"];

export function requestIdFrom(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

export interface SendDeps {
  fetch: Fetch;
  dispatcher?: object | undefined;
  emit: Emit | undefined;
  scrub: Scrub;
}

/**
 * Follows redirects itself: fetch's own following strips only `Authorization` and `Cookie` and
 * re-sends an API key to whatever origin a `Location` names. `follow: false` is for the token
 * request, whose secret must stay where it was sent.
 */
export async function send(deps: SendDeps, state: Call, first: Request, body: () => Promise<ArrayBuffer | null>, follow: boolean): Promise<Response> {
  let request = first;
  for (let hop = 0; ; hop++) {
    let response: Response;
    if (state.halted) throw state.halted;
    try {
      const init: RequestInit & { dispatcher?: object } = { signal: state.signal ?? null, redirect: "manual" };
      if (deps.dispatcher) init.dispatcher = deps.dispatcher;
      response = await state.race(deps.fetch(request, init));
    } catch (cause) {
      throw state.halted ?? new ApticConnectionError({ method: state.method, url: state.url(), cause: safeCause(cause, deps.scrub) });
    }
    // A fetch wrapper that forgot its `return`: say so instead of a bare TypeError, and never retry it.
    usage(typeof response?.headers?.get === "function", "fetch resolved to something that is not a Response (does your fetch wrapper return it?)");
    const { status } = response;
    const fail = (why: string) => {
      response.body?.cancel().catch(() => {});
      const error = new ApticConnectionError({ method: state.method, url: state.url() }, why);
      Object.defineProperty(error, REFUSED, { value: true });
      return error;
    };
    if (!follow) return response;
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
