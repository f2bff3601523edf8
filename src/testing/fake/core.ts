import type { OperationId } from "../../../generated/operations.js";
import type { FakeAuth } from "./auth.js";
import type { FakeState, Mutation, ParsedRequest } from "./context.js";
import { exampleAnswer } from "./examples.js";
import { retryAfterHeader, takeRule, type FaultRule } from "./faults.js";
import { overrideAnswer, reply, type OverrideHandler } from "./overrides.js";
import { createRequestLog, redactBody, redactHeaders, redactQuery, type LoggedRequest } from "./request-log.js";
import { validateRequest } from "./request-validation.js";
import { handleResource } from "./resource-handler.js";
import { ownerOf, type ResourceModel } from "./resources.js";
import { checkAnswer, violationAnswer, type SpecViolation } from "./response-check.js";
import { problem, toResponse, type Answer } from "./responses.js";
import type { Router } from "./router.js";
import { invocationKind, invoke, type InvocationHandler } from "./services.js";
import type { OperationModel } from "../../schema/spec-model.js";
import { eventsFor } from "./webhook-events.js";
import type { FakeWebhooks } from "./webhooks.js";

/** What a mount does with a request: send a response, drop the connection, or never answer. */
export type Outcome = { kind: "response"; response: Response } | { kind: "reset" } | { kind: "stall" };

const WEBHOOK_OPS = { registerWebhook: "register", listWebhooks: "list", unregisterWebhook: "unregister" } as const satisfies Partial<
  Record<OperationId, string>
>;

/** The one request → outcome function behind every mount (internal). */
export class FakeCore {
  readonly rules: FaultRule[] = [];
  readonly overrides = new Map<OperationId, OverrideHandler>();
  readonly services = new Map<string, InvocationHandler>();
  readonly callbacks = new Map<string, InvocationHandler>();
  readonly allowed = new Set<string>();
  readonly requests = createRequestLog();
  readonly violations: SpecViolation[] = [];
  readonly #resourceOps = new Map<OperationId, { resource: ResourceModel; kind: keyof ResourceModel["ops"] }>();
  #seq = 0;

  constructor(
    private readonly state: FakeState,
    private readonly auth: FakeAuth,
    private readonly webhooks: FakeWebhooks,
    private readonly router: Router,
    private readonly options: { basePath: string; strict: boolean; secretHeaders: string[] },
  ) {
    for (const resource of state.resources.values()) {
      for (const [kind, op] of Object.entries(resource.ops)) if (op) this.#resourceOps.set(op.id, { resource, kind: kind as keyof ResourceModel["ops"] });
    }
  }

  async handle(request: Request, signal: AbortSignal | undefined): Promise<Outcome> {
    const url = new URL(request.url);
    const { basePath } = this.options;
    const inBase = basePath === "" || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
    const path = inBase ? url.pathname.slice(basePath.length) || "/" : url.pathname;
    const method = request.method.toUpperCase();
    const isToken = inBase && path === this.state.model.tokenPath;
    const route = isToken || !inBase ? undefined : this.router.match(method, path);
    const op = route?.kind === "match" ? route.match.operation : undefined;
    const contentType = request.headers.get("content-type") ?? "";
    const forHandler = op && (this.overrides.has(op.id) || invocationKind(op.id)) ? request.clone() : undefined;
    const text = method === "GET" || method === "HEAD" || request.body === null ? "" : await request.text();
    const entry: LoggedRequest = {
      seq: (this.#seq += 1),
      method,
      path,
      operationId: isToken ? "token" : op?.id,
      params: route?.kind === "match" ? route.match.params : {},
      query: redactQuery(url.searchParams),
      headers: redactHeaders(request.headers, this.options.secretHeaders),
      body: logBody(text, contentType),
      status: undefined,
      source: undefined,
      at: this.state.clock.now(),
    };
    this.requests.push(entry);

    const delay = takeRule(this.rules, "delay", entry.operationId, method, path);
    if (delay) await this.state.clock.sleep(delay.ms, signal);
    const fault = takeRule(this.rules, "fail", entry.operationId, method, path)?.fault;
    if (fault?.connection === "reset" || fault?.connection === "stall") {
      entry.source = "connection";
      return { kind: fault.connection };
    }
    let answer: Answer;
    let mutations: Mutation[] = [];
    if (fault?.connection === "stall-body") {
      entry.status = op?.info.success ?? 200;
      entry.source = "connection";
      return { kind: "response", response: stalledBody(entry.status, signal) };
    }
    if (fault && fault.connection === undefined) {
      answer =
        fault.body === undefined ? problem(fault.status, "fault", `Injected by fake.failNext().`) : { status: fault.status, body: fault.body, source: "fault" };
      answer.headers = {
        ...answer.headers,
        ...fault.headers,
        ...(fault.retryAfter === undefined ? {} : { "retry-after": retryAfterHeader(fault.retryAfter) }),
      };
    } else if (isToken) {
      answer = await this.auth.token(new Request(url, { method, headers: request.headers, body: text === "" ? null : text }));
    } else if (!route || route.kind === "none") {
      answer = problem(404, "routing", `No operation of the spec matches ${method} ${path}.`, { instance: path });
    } else if (route.kind === "method") {
      answer = problem(405, "routing", `${path} does not support ${method}.`, { instance: path }, { allow: route.allow.join(", ") });
    } else {
      ({ answer, mutations } = await this.#serve(
        { request: forHandler ?? request, url, path, match: route.match, operation: route.match.operation, query: {}, rawQuery: {}, body: undefined },
        text,
        contentType,
      ));
    }
    if (op && answer.source !== "violation" && answer.source !== "strict") {
      const violation = this.#checkMutations(op.id, mutations) ?? checkAnswer(this.state.checker, op, answer);
      if (violation) {
        this.violations.push(violation);
        answer = violationAnswer(violation, path);
        mutations = [];
      }
    }
    entry.status = answer.status;
    entry.source = answer.source;
    if (mutations.length > 0) await this.webhooks.deliver(mutations.flatMap(eventsFor));
    return { kind: "response", response: toResponse(answer) };
  }

  async #serve(req: ParsedRequest, text: string, contentType: string): Promise<{ answer: Answer; mutations: Mutation[] }> {
    const op = req.operation;
    const none = (answer: Answer) => ({ answer, mutations: [] });
    if (this.options.strict && !this.allowed.has(op.id) && !this.overrides.has(op.id)) {
      const message = `Unexpected request in strict mode: ${op.id} (${req.request.method} ${req.path}). Allow it with fake.allow("${op.id}") or fake.on("${op.id}", …).`;
      this.violations.push({ operationId: op.id, status: 501, message, errors: {} });
      return none({ ...problem(501, "strict", message, { instance: req.path }) });
    }
    const denied = this.auth.check(req.request.headers, op.info.authOptional);
    if (denied) return none(denied);
    const kind = invocationKind(op.id);
    const valid = validateRequest(this.state.model, this.state.checker, op, text, contentType, req.url, req.match.params, {
      passThrough: kind === "callback",
      strict: this.options.strict,
      path: req.path,
    });
    if (!valid.ok) return none(valid.answer);
    const parsed: ParsedRequest = { ...req, query: valid.query, rawQuery: valid.rawQuery, body: valid.body };
    const missing = this.#missingParent(op, parsed);
    if (missing) return none(missing);
    const override = this.overrides.get(op.id);
    if (override) {
      try {
        const returned = await override({
          operationId: op.id,
          params: parsed.match.params,
          query: parsed.query,
          body: parsed.body as never,
          request: parsed.request,
          reply,
        });
        const answer = await overrideAnswer(returned, op.info.success, (status) => problem(status, "handler", `Answered by fake.on("${op.id}").`));
        if (answer) return none(answer);
      } catch (err) {
        const message = `fake.on("${op.id}") handler threw: ${err instanceof Error ? err.message : String(err)}`;
        this.violations.push({ operationId: op.id, status: 500, message, errors: {} });
        return none(problem(500, "violation", message, { instance: req.path }));
      }
    }
    const webhookAction = (WEBHOOK_OPS as Partial<Record<OperationId, "register" | "list" | "unregister">>)[op.id];
    if (webhookAction === "list") return none(this.webhooks.list());
    if (webhookAction) return none(this.webhooks[webhookAction](parsed.body, parsed.path));
    if (kind) {
      const result = await invoke(kind === "service" ? this.services : this.callbacks, kind, parsed);
      const answer =
        result instanceof Response
          ? await overrideAnswer(result, op.info.success, (status) => problem(status, "service", "Answered by the service handler."))
          : result;
      return none(answer ?? { status: op.info.success, body: {}, source: "service" });
    }
    const resourceOp = this.#resourceOps.get(op.id);
    if (resourceOp) return handleResource(this.state, resourceOp.resource, resourceOp.kind, parsed);
    return none(exampleAnswer(parsed));
  }

  /** Every item a change stored must still match its resource's item schema (PUT can break it). */
  #checkMutations(operationId: OperationId, mutations: Mutation[]): SpecViolation | undefined {
    for (const m of mutations) {
      if (m.action === "delete") continue;
      const errors = this.state.checker.checkOnce(m.item, m.resource.itemSchema);
      if (Object.keys(errors).length > 0)
        return { operationId, status: 500, message: `The ${m.resource.typeName} stored by ${operationId} does not match its schema`, errors };
    }
    return undefined;
  }

  /** The documented 404 when an operation hangs off an item (or items) that do not exist. */
  #missingParent(op: OperationModel, req: ParsedRequest): Answer | undefined {
    const owner = ownerOf(this.state.resources, op.info.path);
    const chain: ResourceModel[] = [];
    for (let r = owner?.itemPath === op.info.path ? owner.parent : owner; r; r = r.parent) chain.unshift(r);
    for (const resource of chain) {
      const parents = resource.parentParams.map((p) => req.match.params[p] ?? "");
      const id = req.match.params[resource.idParam] ?? "";
      if (!this.state.store.has(resource, parents, id))
        return problem(404, "store", `No ${resource.typeName} with ${resource.idParam} '${id}' exists.`, { instance: req.path });
    }
    return undefined;
  }
}

function logBody(text: string, contentType: string): unknown {
  if (text === "") return undefined;
  if (/x-www-form-urlencoded/i.test(contentType)) return redactBody(Object.fromEntries(new URLSearchParams(text)));
  try {
    return redactBody(JSON.parse(text));
  } catch {
    return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  }
}

/** Headers now, a body that never ends (errors when the request is aborted). */
function stalledBody(status: number, signal: AbortSignal | undefined): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"stalled":'));
      signal?.addEventListener("abort", () => controller.error(signal.reason), { once: true });
    },
  });
  return new Response(body, { status, headers: { "content-type": "application/json", "x-fake-gateway-source": "fault" } });
}
