import createClient from "openapi-fetch";
import type { paths } from "../../generated/aptic.js";
import type { BoundAuth } from "../auth/types.js";
import { ApticUsageError, usage } from "../errors/aptic-error.js";
import { createScrubber, safeCause, scrubDeep } from "../errors/scrub.js";
import { CallState } from "../http/call-state.js";
import { createEmitter } from "../http/events.js";
import { callFetch, type PipelineDeps } from "../http/pipeline.js";
import { readBytes, readText, requestIdFrom, responseError } from "../http/read-body.js";
import { realTiming } from "../http/timing.js";
import { resolveRetry, type ResolvedRetryOptions } from "../retry/options.js";
import { VERSION } from "../version.js";
import { checkDuration, checkHeaders, checkHeaderValue, checkInteger, checkTransport, checkUrl } from "./checks.js";
import { bindCustom, checkOptionShape, type ApticClientOptions } from "./options.js";
import { bodySerializer, checkPathTemplate, pathSerializer, querySerializer } from "./serializers.js";
import type { ApticClient } from "./types.js";
import { rememberOrigin } from "./unwrap.js";

type Init = Record<string, unknown> & { params?: { header?: unknown }; headers?: unknown };
type Core = Record<(typeof METHODS)[number], (path: string, init: Init) => Promise<{ data?: unknown; error?: unknown; response: Response }>>;

const NO_AUTH: BoundAuth = {
  headers: () => ({}),
  // Stryker disable next-line ArrowFunction: `() => undefined` is as falsy as `false`: no retry after a 401 either way.
  invalidate: () => false,
  // Stryker disable next-line ArrayDeclaration: no header name contains the space of the seeded one, so none is redacted by it.
  secretHeaders: [],
  // Stryker disable next-line ArrayDeclaration: a seeded entry would only be noticed by a text containing that very entry.
  secrets: () => [],
};
const PARSE_AS = ["json", "text", "blob", "arrayBuffer", "stream"];
const METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH"] as const;

/** The client-wide settings a call starts from. */
interface Settings {
  timeoutMs: number;
  deadlineMs: number;
  retry: ResolvedRetryOptions;
  maxResponseBytes: number;
}

/** Validates an id sent as a header (Idempotency-Key, X-Request-Id). */
function checkId(value: unknown, name: string): void {
  usage(typeof value === "string" && value !== "", `${name} must be a non-empty string`);
  checkHeaderValue(value, name);
}

/**
 * Parses a JSON body read by the client; empty means no data, invalid JSON a typed error. The
 * cause is a SyntaxError of our own: V8's message quotes the body's first characters, which may
 * be the start of an echoed secret too short to recognise.
 */
function parseJson(state: CallState, response: Response, text: string, deps: PipelineDeps): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(String(error))?.[1];
    const cause = new SyntaxError(`Unexpected token in JSON${at === undefined ? "" : ` at position ${at}`}`);
    throw responseError(state, response, "invalid_json", "body is not valid JSON", deps.scrub, text, cause);
  }
}

/** Reads a 2xx body the way the caller asked for it, bounded and under the attempt's limit. */
async function readBody(state: CallState, response: Response, parseAs: string, deps: PipelineDeps): Promise<unknown> {
  if (parseAs === "json" || parseAs === "text") {
    const text = await readText(state, response, deps.scrub);
    return parseAs === "text" ? text : parseJson(state, response, text, deps);
  }
  const bytes = await readBytes(state, response, deps.scrub);
  return parseAs === "blob"
    ? new Blob([bytes], { type: response.headers.get("content-type") ?? "" })
    : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

/**
 * Creates a typed client for the Aptic API Gateway. Paths, parameters, bodies and responses are
 * typed from the merged OpenAPI spec (or call operations by name with `aptic.call(getDebtor, …)`);
 * auth, retries, timeouts, redirects and redaction are built in. Options are checked here, so a
 * mistake fails at construction with a clear ApticUsageError, not at the first request.
 *
 * @example
 * ```ts
 * import { bearer, createApticClient, unwrap } from "aptic-gateway-client";
 *
 * const aptic = createApticClient({ baseUrl: "https://gateway.example.org", auth: bearer(process.env.APTIC_TOKEN ?? "") });
 * const debtor = await unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } }));
 * ```
 */
export function createApticClient(options: ApticClientOptions): ApticClient {
  checkOptionShape(options);
  const { auth, allowInsecureHttp = false } = options;
  const checkBase = (value: unknown, name: string) => {
    const url = checkUrl(value, name, false);
    if (auth !== undefined) checkTransport(url, name, allowInsecureHttp);
  };
  checkBase(options.baseUrl, "baseUrl");
  const settings: Settings = {
    timeoutMs: checkDuration(options.timeoutMs ?? 30_000, "timeoutMs"),
    deadlineMs: checkDuration(options.deadlineMs ?? 0, "deadlineMs"),
    retry: resolveRetry(options.retry),
    maxResponseBytes: checkInteger(options.maxResponseBytes ?? 52_428_800, "maxResponseBytes", 1, Number.MAX_SAFE_INTEGER),
  };
  checkHeaders(options.headers, "headers");
  const timing = { ...realTiming, ...options.timing };
  // Bound late so a test or polyfill that swaps globalThis.fetch after import still applies.
  const fetch = options.fetch ?? ((input: Request, init?: RequestInit) => globalThis.fetch(input, init));
  let bound = NO_AUTH;
  const scrub = createScrubber(() => bound.secrets());
  const emit = createEmitter(options.onEvent, options.logger, scrub);
  if (typeof auth === "function") bound = bindCustom(auth, (headers) => checkHeaders(headers, "the auth provider's headers"));
  else if (auth !== undefined) {
    usage(
      // Any other value (a primitive's `bind` is undefined; null has none) is refused here.
      auth !== null && typeof auth.bind === "function",
      "auth must come from bearer(), apiKey() or clientCredentials(), or be a provider function",
    );
    bound = auth.bind({ fetch, timing, retry: settings.retry, emit, allowInsecureHttp });
  }
  const deps: PipelineDeps = { fetch, auth: bound, timing, emit, scrub };

  const headers: Record<string, string> = { ...options.headers };
  // Browsers forbid setting User-Agent (and would warn); everywhere else we identify ourselves.
  if (!(typeof window === "object" && typeof document === "object"))
    headers["User-Agent"] = checkHeaderValue(options.userAgent ?? `aptic-gateway-client/${VERSION}`, "userAgent");
  const core = createClient<paths>({
    baseUrl: options.baseUrl,
    headers,
    pathSerializer,
    querySerializer,
    bodySerializer,
    redirect: "manual",
  }) as unknown as Core & Pick<ApticClient, "use" | "eject">;

  async function request(method: (typeof METHODS)[number], path: string, init: Init | undefined, operationId: string | undefined) {
    const { timeoutMs, deadlineMs, retry, idempotencyKey, requestId, signal, parseAs = "json", fetch: ownFetch, ...rest } = init ?? {};
    usage(PARSE_AS.includes(parseAs as string), `parseAs must be one of ${PARSE_AS.join(", ")}`);
    if (idempotencyKey !== undefined) checkId(idempotencyKey, "idempotencyKey");
    if (requestId !== undefined) checkId(requestId, "requestId");
    if (signal != null) usage(typeof signal === "object" && "aborted" in signal, "signal must be an AbortSignal");
    if (ownFetch !== undefined) usage(typeof ownFetch === "function", "fetch must be a function");
    checkPathTemplate(path, (rest.params as { path?: unknown } | undefined)?.path);
    checkHeaders(rest.headers, "headers");
    checkHeaders(rest.params?.header, "params.header");
    if (rest["baseUrl"] !== undefined) checkBase(rest["baseUrl"], "baseUrl");
    const state = new CallState({
      method,
      schemaPath: path,
      operationId,
      timeoutMs: timeoutMs === undefined ? settings.timeoutMs : checkDuration(timeoutMs, "timeoutMs"),
      deadlineMs: deadlineMs === undefined ? settings.deadlineMs : checkDuration(deadlineMs, "deadlineMs"),
      // Stryker disable next-line ConditionalExpression: resolving the client-wide layer again gives settings.retry itself.
      retry: retry === undefined ? settings.retry : resolveRetry(options.retry, retry as ResolvedRetryOptions | false),
      idempotencyKey: idempotencyKey as string | undefined,
      requestId: requestId as string | undefined,
      maxResponseBytes: settings.maxResponseBytes,
      signal: (signal ?? undefined) as AbortSignal | undefined,
      now: timing.now,
    });
    // Bodies are read here (bounded, under the attempt's limit, typed errors): openapi-fetch
    // hands over the stream untouched. Only `parseAs: "stream"` gives the caller the raw stream.
    const ownParse = parseAs !== "stream";
    const callDeps = ownFetch ? { ...deps, fetch: ownFetch as PipelineDeps["fetch"] } : deps;
    try {
      const result = await core[method](path, { ...rest, parseAs: ownParse ? "stream" : parseAs, fetch: callFetch(callDeps, state) });
      const { response } = result;
      if (response.ok) {
        // openapi-fetch gives no data for a 204 or an empty Content-Length: nothing to read.
        if (ownParse) result.data = result.data == null ? undefined : await readBody(state, response, parseAs as string, deps);
      } else {
        // Scrubbed as text already; again once parsed, for escapes (`\/`…) no text form matches.
        result.error = scrubDeep(result.error, scrub);
        rememberOrigin(response, { method, url: state.url(), secretHeaders: bound.secretHeaders, scrub });
      }
      emit?.({
        type: "finished",
        ...state.fields(),
        status: response.status,
        durationMs: timing.now() - state.startedAt,
        requestId: requestIdFrom(response.headers),
      });
      return result;
    } catch (err) {
      // A TypeError before our fetch ran means openapi-fetch could not build the request from
      // what the caller passed; anything else (typed errors, a middleware's own) passes as is.
      const error =
        !state.request && err instanceof TypeError
          ? new ApticUsageError(`The request could not be built: ${scrub(err.message)}`, { cause: safeCause(err, scrub) })
          : err;
      const { name = "Error", message = String(error) } = error instanceof Error ? error : {};
      emit?.({ type: "failed", ...state.fields(), durationMs: timing.now() - state.startedAt, errorName: name, message });
      throw error;
    } finally {
      state.close();
    }
  }

  const client = { use: core.use, eject: core.eject } as Record<string, unknown>;
  for (const method of METHODS) client[method] = (path: string, init?: Init) => request(method, path, init, undefined);
  // Async like the methods, so a bad operation rejects rather than throwing where `.catch` misses it.
  client["call"] = async (operation: { id?: unknown; method?: unknown; path?: unknown }, init?: Init) => {
    usage(
      operation != null && METHODS.includes(operation.method as "GET") && typeof operation.path === "string",
      "call expects an operation from aptic-gateway-client/operations",
    );
    return request(operation.method as (typeof METHODS)[number], operation.path as string, init, operation.id as string | undefined);
  };
  return client as unknown as ApticClient;
}
