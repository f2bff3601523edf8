import { spec } from "../../../generated/spec.js";
import type { OperationId } from "../../../generated/operations.js";
import { ApticError, ApticUsageError } from "../../errors/aptic-error.js";
import { defineRoutes, type RoutesInput } from "../../routes/define.js";
import type { ApticRoutes } from "../../routes/types.js";
import type { WebhookEventName } from "../../webhooks/event-names.js";
import { FakeAuth } from "./auth.js";
import { realClock } from "./clock.js";
import { FakeCore } from "./core.js";
import { delayRule, failRule } from "./faults.js";
import type { FakeGateway, FakeGatewayOptions } from "./gateway-types.js";
import { listenFake } from "./listen.js";
import { mswHandlersFor } from "./msw.js";
import { findResources } from "./resources.js";
import { createRouter } from "./router.js";
import { loadSchemaChecker } from "../../schema/checker.js";
import { checkName, SUB_PATH_OPERATIONS } from "./services.js";
import { buildSpecModel } from "../../schema/spec-model.js";
import { ItemStore } from "./store.js";
import { seedItems, storeView } from "./store-view.js";
import { FakeWebhooks } from "./webhooks.js";

const DEFAULT_BASE_URL = "https://gateway.aptic.test";

/** The moved operations: a `defineRoutes()` table, or the same JSON (checked the same way). */
function servedRoutes(routes: FakeGatewayOptions["routes"]): ApticRoutes["table"] {
  if (routes === undefined) return {};
  return typeof (routes as ApticRoutes).resolve === "function" ? (routes as ApticRoutes).table : defineRoutes(routes as RoutesInput).table;
}

function checkOptions(options: FakeGatewayOptions): string {
  if (typeof options !== "object" || options === null) throw new ApticUsageError("createFakeGateway expects an options object");
  for (const key of ["clientId", "clientSecret", "apiKey"] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== "string" || value === "" || /[\r\n:]/.test(value)))
      throw new ApticUsageError(`${key} must be a non-empty string without ":" or line breaks`);
  }
  const lifetime = options.tokenLifetimeSeconds;
  if (lifetime !== undefined && (!Number.isFinite(lifetime) || lifetime <= 0 || lifetime > 2 ** 31 / 1000))
    throw new ApticUsageError(`tokenLifetimeSeconds must be > 0 and ≤ ${Math.floor(2 ** 31 / 1000)} (got ${String(lifetime)})`);
  const base = options.baseUrl ?? DEFAULT_BASE_URL;
  if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol))
    throw new ApticUsageError(`baseUrl must be an absolute http(s) URL (got ${JSON.stringify(base)})`);
  return base.replace(/\/+$/, "");
}

/**
 * Creates an in-memory Aptic gateway from the bundled spec: stateful resources, OAuth2 and API
 * key auth, request and response validation, paging with `$filter`/`$orderby`, faults, a request
 * log and webhooks. One core (Web `Request` → `Response`) is mounted as `fake.fetch` (no
 * socket; any runtime), `fake.listen()` (real HTTP on 127.0.0.1) and `fake.mswHandlers(http)`.
 * Needs `@cfworker/json-schema` (not a dependency): without it this rejects with
 * `createFakeGateway needs @cfworker/json-schema: npm install --save-dev @cfworker/json-schema@4`.
 * With `routes` it serves moved operations at other paths or methods, as a gateway whose routes
 * differ from the inferred ones.
 *
 * @example
 * ```ts
 * import { apiKey, createApticClient, unwrap } from "aptic-gateway-client";
 * import { createFakeGateway } from "aptic-gateway-client/testing";
 *
 * const fake = await createFakeGateway();
 * const aptic = createApticClient({ baseUrl: fake.baseUrl, fetch: fake.fetch, auth: apiKey(fake.apiKey, { header: fake.apiKeyHeader }) });
 * const created = await unwrap(aptic.POST("/debtors", { body: { lastname: "Lindqvist", juridicalType: 0 } }));
 * ```
 */
export async function createFakeGateway(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const baseUrl = checkOptions(options);
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const checker = await loadSchemaChecker(spec, "createFakeGateway");
  const model = buildSpecModel(checker.doc);
  const clock = { ...realClock, ...options.clock };
  const state = { model, checker, clock, resources: findResources(model), store: new ItemStore(), createId: options.createId ?? (() => crypto.randomUUID()) };
  const secretHeader = (options.webhookSecretHeader ?? "x-webhook-secret").toLowerCase();
  const auth = new FakeAuth(
    {
      clientId: options.clientId ?? "fake-client",
      clientSecret: options.clientSecret ?? `fake-secret-${crypto.randomUUID()}`,
      apiKey: options.apiKey ?? `fake-key-${crypto.randomUUID()}`,
      apiKeyHeader: model.apiKeyHeader,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    },
    clock,
  );
  const webhooks = new FakeWebhooks({ clock, secretHeader, timeoutMs: options.webhookTimeoutMs ?? 5000, receiver: options.webhookReceiver });
  const served = servedRoutes(options.routes);
  const router = createRouter(model.operations.values(), new Set<OperationId>(SUB_PATH_OPERATIONS), served);
  const core = new FakeCore(state, auth, webhooks, router, { basePath, strict: options.strict === true, secretHeaders: [model.apiKeyHeader, secretHeader] });

  const handle = (request: Request, signal: AbortSignal | undefined) => core.handle(request, signal);
  const fetchMount = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && (init === undefined || Object.keys(init).every((k) => k === "signal")) ? input : new Request(input, init);
    const signal = init?.signal ?? request.signal;
    const outcome = await handle(request, signal ?? undefined);
    if (outcome.kind === "response") return outcome.response;
    if (outcome.kind === "reset")
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("read ECONNRESET (injected by fake.failNext)"), { code: "ECONNRESET" }) });
    return new Promise<Response>((_, reject) => {
      if (signal?.aborted) reject(signal.reason);
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
  };
  const shadowed = (name: string) =>
    SUB_PATH_OPERATIONS.some((id) => {
      const info = served[id] ?? model.operations.get(id)?.info;
      const probe = info?.path.replace(/\{[^}]+\}$/, encodeURIComponent(name)) ?? "";
      const hit = info ? router.match(info.method, probe) : { kind: "none" as const };
      return hit.kind === "match" && hit.match.operation.id !== id;
    });

  return {
    baseUrl,
    tokenUrl: `${baseUrl}${model.tokenPath}`,
    clientId: auth.settings.clientId,
    clientSecret: auth.settings.clientSecret,
    apiKey: auth.settings.apiKey,
    apiKeyHeader: model.apiKeyHeader,
    fetch: fetchMount,
    listen: (port = 0) => {
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ApticUsageError(`port must be an integer from 0 to 65535 (got ${String(port)})`);
      return listenFake(handle, port, basePath, model.tokenPath);
    },
    mswHandlers: (http, mswOptions) => mswHandlersFor(http, mswOptions?.baseUrl ?? baseUrl, handle),
    resources: [...state.resources.keys()] as FakeGateway["resources"],
    seed: (resource, items, ...parent) => seedItems(state, resource, items, parent),
    store: storeView(state),
    reset: () => {
      state.store.clear();
      core.requests.clear();
      core.rules.splice(0);
      core.violations.splice(0);
      webhooks.registrations.splice(0);
      webhooks.deliveries.clear();
      auth.revokeTokens();
    },
    defineService: (name, handler) => {
      if (shadowed(checkName("defineService", name, handler)))
        throw new ApticUsageError(`A service named "${name}" is shadowed by a literal path of the spec (e.g. a ping) and could never be invoked`);
      core.services.set(name, handler);
    },
    defineCallback: (name, handler) => void core.callbacks.set(checkName("defineCallback", name, handler), handler),
    requests: core.requests,
    failNext: (fault) => void core.rules.push(failRule(fault)),
    delayNext: (ms, match) => void core.rules.push(delayRule(ms, match)),
    pendingFaults: () => core.rules.reduce((n, r) => n + r.remaining, 0),
    on: (operationId, handler) => {
      if (!model.operations.has(operationId)) throw new ApticUsageError(`on(): unknown operationId ${JSON.stringify(operationId)}`);
      if (typeof handler !== "function") throw new ApticUsageError("on() needs a handler function");
      core.overrides.set(operationId, handler as never);
      return () => {
        if (core.overrides.get(operationId) === (handler as never)) core.overrides.delete(operationId);
      };
    },
    allow: (...ids) => {
      for (const id of ids) {
        if (!model.operations.has(id)) throw new ApticUsageError(`allow(): unknown operationId ${JSON.stringify(id)}`);
        core.allowed.add(id);
      }
    },
    violations: core.violations,
    verify: () => {
      if (core.violations.length === 0) return;
      const lines = core.violations.map((v) => `- ${v.message}${Object.keys(v.errors).length ? ` ${JSON.stringify(v.errors)}` : ""}`);
      throw new ApticError(`The fake gateway saw ${core.violations.length} problem(s):\n${lines.join("\n")}`);
    },
    revokeTokens: () => auth.revokeTokens(),
    get tokensIssued() {
      return auth.issued;
    },
    get webhooks() {
      return webhooks.registrations.map(({ url, events, method }) => ({ url, events: [...events] as WebhookEventName[], method }));
    },
    emit: (event, data, emitOptions) => webhooks.emit(event, data, emitOptions?.objectId),
    deliveries: webhooks.deliveries,
  };
}
