import createClient from "openapi-fetch";
import type { paths } from "../../generated/aptic.js";
import type { BoundAuth } from "../auth/types.js";
import { runAttempts, type AttemptDeps } from "../attempt/attempts.js";
import { Call } from "../attempt/call.js";
import { requestIdFrom, type Fetch } from "../attempt/send.js";
import { realTiming } from "../attempt/timing.js";
import { ApticUsageError, usage } from "../errors/aptic-error.js";
import { createEmitter } from "../events/events.js";
import { isRepeatable, resolveRetry, type ResolvedRetryOptions } from "../retry/options.js";
import { createScrubber, safeCause, scrubDeep } from "../secrets/scrub.js";
import { checkDuration, checkHeaders, checkHeaderValue, checkInteger, checkTransport, checkUrl } from "../validate/checks.js";
import { VERSION } from "../version.js";
import { bindCustom, checkOptionShape, type ApticClientOptions } from "./options.js";
import { errorResponse, ORIGIN, readData } from "./response.js";
import { bodySerializer, checkPathTemplate, pathSerializer, querySerializer } from "./serializers.js";
import type { ApticClient } from "./types.js";

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

interface Settings {
  timeoutMs: number;
  deadlineMs: number;
  retry: ResolvedRetryOptions;
  maxResponseBytes: number;
}

function checkId(value: unknown, name: string): void {
  usage(typeof value === "string" && value !== "", `${name} must be a non-empty string`);
  checkHeaderValue(value, name);
}

/**
 * Creates a typed client for the Aptic API Gateway, with auth, retries, timeouts and redaction.
 *
 * @throws {ApticUsageError} for a bad option, at construction rather than at the first request.
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
      auth !== null && typeof auth.bind === "function" && typeof (auth as { kind?: unknown }).kind === "string",
      "auth must come from bearer(), apiKey() or clientCredentials(), or be a provider function",
    );
    bound = auth.bind({ fetch, timing, retry: settings.retry, emit, allowInsecureHttp });
  }
  const deps: AttemptDeps = { fetch, timing, emit, scrub };

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

  const { routes, validateResponses } = options;
  async function request(method: (typeof METHODS)[number], path: string, init: Init | undefined, operationId: string | undefined) {
    const moved = routes?.resolve(method, path, operationId);
    if (moved) ({ method, path, operationId } = moved);
    const {
      timeoutMs,
      deadlineMs,
      retry,
      idempotencyKey,
      requestId,
      signal,
      parseAs = "json",
      fetch: ownFetch,
      dispatcher: ownDispatcher,
      ...rest
    } = init ?? {};
    usage(PARSE_AS.includes(parseAs as string), `parseAs must be one of ${PARSE_AS.join(", ")}`);
    if (idempotencyKey !== undefined) checkId(idempotencyKey, "idempotencyKey");
    if (requestId !== undefined) checkId(requestId, "requestId");
    if (signal != null) usage(typeof signal === "object" && "aborted" in signal, "signal must be an AbortSignal");
    if (ownFetch !== undefined) usage(typeof ownFetch === "function", "fetch must be a function");
    if (ownDispatcher !== undefined) usage(typeof ownDispatcher === "object" && ownDispatcher !== null, "dispatcher must be an undici Dispatcher");
    const dispatcher = (ownDispatcher as object | undefined) ?? options.dispatcher;
    checkPathTemplate(path, (rest.params as { path?: unknown } | undefined)?.path);
    checkHeaders(rest.headers, "headers");
    checkHeaders(rest.params?.header, "params.header");
    if (rest["baseUrl"] !== undefined) checkBase(rest["baseUrl"], "baseUrl");
    const call = new Call({
      method,
      label: path,
      operationId,
      timeoutMs: timeoutMs === undefined ? settings.timeoutMs : checkDuration(timeoutMs, "timeoutMs"),
      deadlineMs: deadlineMs === undefined ? settings.deadlineMs : checkDuration(deadlineMs, "deadlineMs"),
      signal: (signal ?? undefined) as AbortSignal | undefined,
      now: timing.now,
    });
    // Stryker disable next-line ConditionalExpression: resolving the client-wide layer again gives settings.retry itself.
    const retrying = retry === undefined ? settings.retry : resolveRetry(options.retry, retry as ResolvedRetryOptions | false);
    const plan = { retry: retrying, repeatable: isRepeatable(method, idempotencyKey !== undefined, retrying.unsafe) };
    const reading = { call, limit: settings.maxResponseBytes, scrub };
    const callDeps = ownFetch || dispatcher ? { ...deps, fetch: (ownFetch as Fetch | undefined) ?? deps.fetch, dispatcher } : deps;
    const context = dispatcher ? { dispatcher } : undefined;
    const attempts = async (input: Request): Promise<Response> => {
      if (idempotencyKey !== undefined) input.headers.set("Idempotency-Key", idempotencyKey as string);
      if (requestId !== undefined) input.headers.set("X-Request-Id", requestId as string);
      const backup = input.body === null ? undefined : input.clone();
      let bytes: Promise<ArrayBuffer | null> | undefined;
      let sent: Record<string, string> = {};
      const withAuth = (headers: Record<string, string>) => {
        sent = headers;
        const request = call.attempt === 1 || !backup ? input : backup.clone();
        for (const name in headers) request.headers.set(name, headers[name] as string);
        return request;
      };
      const response = await runAttempts(callDeps, {
        call,
        ...plan,
        follow: true,
        prepare() {
          const pending = bound.headers(context);
          return pending instanceof Promise ? pending.then(withAuth) : withAuth(pending);
        },
        body: () => (bytes ??= backup ? backup.clone().arrayBuffer() : Promise.resolve(null)),
        refresh: () => bound.invalidate(sent),
        finish: async (r) => r,
      });
      return response.ok ? response : errorResponse(reading, response);
    };
    // Bodies are read here (bounded, typed errors): openapi-fetch hands over the stream untouched.
    const ownParse = parseAs !== "stream";
    try {
      const result = await core[method](path, { ...rest, parseAs: ownParse ? "stream" : parseAs, fetch: attempts });
      const { response } = result;
      if (response.ok) {
        // openapi-fetch gives no data for a 204 or an empty Content-Length: nothing to read.
        if (ownParse) result.data = result.data == null ? undefined : await readData(reading, response, parseAs as string);
      } else {
        // Scrubbed as text already; again once parsed, for escapes (`\/`…) no text form matches.
        result.error = scrubDeep(result.error, scrub);
        Object.defineProperty(result, ORIGIN, { value: { method, url: call.url(), secretHeaders: bound.secretHeaders, scrub } });
      }
      if (validateResponses && parseAs === "json") {
        const checked = { operationId, method, schemaPath: path, status: response.status, ok: response.ok, body: response.ok ? result.data : result.error };
        await validateResponses.check(checked, call.fields(), emit);
      }
      emit?.({
        type: "finished",
        ...call.fields(),
        status: response.status,
        durationMs: timing.now() - call.startedAt,
        requestId: requestIdFrom(response.headers),
      });
      return result;
    } catch (err) {
      // A TypeError before our fetch ran: openapi-fetch could not build the request from the caller's input.
      const error =
        !call.request && err instanceof TypeError
          ? new ApticUsageError(`The request could not be built: ${scrub(err.message)}`, { cause: safeCause(err, scrub) })
          : err;
      const { name = "Error", message = String(error) } = error instanceof Error ? error : {};
      emit?.({ type: "failed", ...call.fields(), durationMs: timing.now() - call.startedAt, errorName: name, errorMessage: message });
      throw error;
    } finally {
      call.close();
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
