import { operations as table } from "../../generated/operations.js";
import { spec } from "../../generated/spec.js";
import type { ApticAuth } from "../auth/types.js";
import { createApticClient } from "../client/create-client.js";
import type { ApticClient } from "../client/types.js";
import { usage } from "../errors/aptic-error.js";
import { ApticTokenError } from "../errors/token-error.js";
import type { Fetch } from "../attempt/send.js";
import { defineRoutes, type RoutesInput } from "../routes/define.js";
import type { RouteMethod } from "../routes/types.js";
import { loadSchemaChecker, type FieldErrors } from "../schema/checker.js";
import { checkResponse } from "../schema/response-check.js";
import { buildSpecModel, type OperationModel } from "../schema/spec-model.js";
import { classify, bodyKey, type ControlAnswer, type Verdict } from "./classify.js";
import { planProbe, planValues, type ProbePlan } from "./plan.js";

/** What the doctor learned about one operation. */
export interface OperationReport {
  operationId: string;
  method: RouteMethod;
  /** The path template probed (the generated one, or the one `routes` gave). */
  path: string;
  verdict: Verdict;
  /** Why, in words (the status and what the body showed). */
  reason: string;
  /** How it was checked: a GET, a write probe (random ids, a body the spec rejects), or not at all. */
  probe: "read" | "write" | "none";
  status: number | undefined;
  /** Where a refuted operation answered instead (a variant of its path), when one did. */
  found?: { method: RouteMethod; path: string };
}

/** A response body that did not match the spec (only answers of confirmed routes are checked). */
export interface BodyMismatchReport {
  operationId: string;
  status: number;
  message: string;
  errors: FieldErrors;
}

/** The doctor's findings (what `--json` prints). Holds no secret: no header, token or body text. */
export interface DoctorReport {
  baseUrl: string;
  auth: { scheme: string; result: "accepted" | "refused" | "not checked"; detail: string };
  summary: Record<Verdict, number>;
  operations: OperationReport[];
  /** Operations that only a write probe could check. */
  writeProbed: string[];
  mismatches: BodyMismatchReport[];
  /** The routes learned (plus those given): the content of `--write-routes`. */
  routes: Record<string, { method: RouteMethod; path: string }>;
}

/** Options of {@link runDoctor}. */
export interface DoctorOptions {
  baseUrl: string;
  auth?: ApticAuth;
  /** How the report names the auth (never a secret), e.g. "OAuth2 client credentials". @default "none" */
  authScheme?: string;
  fetch?: Fetch;
  /** Routes already known (a routes file): probes go there. */
  routes?: RoutesInput;
  /** Also probe write operations (random ids, bodies the spec rejects). @default false */
  writeProbes?: boolean;
  /** Path prefixes tried for refuted operations, besides the bare path. @default ["/api", "/api/v1"] */
  tryPrefixes?: readonly string[];
  /** Only these operationIds. @default all */
  only?: readonly string[];
  /** Per-probe time limit. @default 10000 */
  timeoutMs?: number;
  /** Called as each operation is classified (progress). */
  onResult?: (result: OperationReport, index: number, total: number) => void;
  /** Randomness for ids. @default Math.random */
  random?: () => number;
}

type Loose = (
  op: { id?: string; method: string; path: string },
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** The answer to one request, or the error that stood for it. */
type Sent = { status: number; text: string; allow: string | null; requestPath: string; routePath: string; ids: string[] } | { failed: Error };

const pascal = (path: string) =>
  path
    .split("/")
    .map((s) => (s.startsWith("{") ? s : s.replace(/(^|[-_])([a-z])/g, (_, _sep: string, c: string) => c.toUpperCase())))
    .join("/");

/** Paths a refuted route may really have: with the prefixes, and in PascalCase (ASP.NET style). */
function variants(path: string, prefixes: readonly string[]): string[] {
  const out = new Set<string>();
  for (const prefix of ["", ...prefixes]) for (const form of [path, pascal(path)]) out.add(`${prefix.replace(/\/+$/, "")}${form}`);
  out.delete(path);
  return [...out];
}

/**
 * Another operation (same method) whose template also matches this one's path with literals in
 * its parameters' places, e.g. getDebtor's `/debtors/{debtorGuid}` for pingDebtors' `/debtors/ping`:
 * if the literal route is wrong, that operation answers instead.
 */
function shadowOf(
  op: OperationModel,
  all: Iterable<OperationModel>,
  target: { method: string; path: string },
  moved: Readonly<Record<string, { method: string; path: string }>>,
): string | undefined {
  const parts = target.path.split("/");
  for (const other of all) {
    const at = moved[other.id] ?? other.info;
    if (other.id === op.id || at.method !== target.method) continue;
    const segments = at.path.split("/");
    // Two operations never share a method and path, so a match needs at least one parameter.
    if (segments.length === parts.length && segments.every((s, i) => s === parts[i] || (s.startsWith("{") && !parts[i]?.startsWith("{"))))
      return `${at.method} ${at.path} (${other.id})`;
  }
  return undefined;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

/**
 * Checks a real gateway: one probe per operation (see planProbe and classify for the rules),
 * variants of refuted paths, and the bodies that arrive against the spec. Never prints or keeps
 * a secret; sends writes only with `writeProbes`, and then only bodies the spec rejects.
 *
 * @throws {ApticTokenError} when the token URL or the credentials fail (nothing can be probed).
 * @example
 * ```ts
 * import { runDoctor } from "aptic-gateway-client/doctor";
 *
 * const report = await runDoctor({ baseUrl: "https://gateway.example.org", auth: apiKey(key), authScheme: "API key" });
 * console.log(report.summary); // { confirmed: 70, refuted: 3, unknown: 5 }
 * ```
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const checker = await loadSchemaChecker(spec, "The doctor");
  const model = buildSpecModel(checker.doc);
  const given = defineRoutes(options.routes ?? {});
  const random = options.random ?? Math.random;
  const only = options.only;
  if (only) for (const id of only) usage(Object.hasOwn(table, id), `--only: unknown operation "${id}"`);
  // A prefix that is not a path would build no URL, and every variant with it would fail unseen.
  for (const prefix of options.tryPrefixes ?? [])
    usage(/^\/[^\s?#]*$/.test(prefix), `--try-prefix: ${JSON.stringify(prefix.slice(0, 64))} is not a path starting with "/"`);
  let tokens = 0;
  const client: ApticClient = createApticClient({
    baseUrl: options.baseUrl,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    routes: given,
    retry: false,
    timeoutMs: options.timeoutMs ?? 10_000,
    onEvent: (event) => void (event.type === "token" && (tokens += 1)),
  });
  const call = client.call as unknown as Loose;
  // openapi-fetch drops one trailing slash of the base URL, no more: the path requested is this plus the route.
  const basePath = new URL(options.baseUrl).pathname.replace(/\/$/, "");

  async function send(method: string, path: string, id: string | undefined, plan: Exclude<ProbePlan, { kind: "skip" }>): Promise<Sent> {
    try {
      const init = { params: { path: plan.path, query: plan.query }, parseAs: "text", ...(plan.body ? { body: plan.body } : {}) };
      const result = await call({ ...(id ? { id } : {}), method, path }, init);
      const { response } = result;
      const raw = response.ok ? result.data : result.error;
      const text = raw === undefined || raw === null ? "" : typeof raw === "string" ? raw : JSON.stringify(raw);
      const routePath = fill(given.resolve(method, path, id)?.path ?? path, plan.path);
      return { status: response.status, text, allow: response.headers.get("allow"), requestPath: basePath + routePath, routePath, ids: planValues(plan) };
    } catch (error) {
      if (error instanceof ApticTokenError) throw error;
      return { failed: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  const controls = new Map<string, Promise<ControlAnswer | undefined>>();
  const control = (method: string) => {
    const hex = () => Math.floor(random() * 2 ** 32).toString(16);
    let found = controls.get(method);
    if (!found) {
      const path = `/aptic-doctor-${hex()}/${hex()}`;
      found = send(method, path, undefined, { kind: "read", path: {}, query: {}, body: undefined }).then((sent) =>
        "failed" in sent ? undefined : { status: sent.status, key: bodyKey(sent.text, [sent.requestPath, sent.routePath], []) },
      );
      controls.set(method, found);
    }
    return found;
  };

  const ops = [...model.operations.values()].filter((op) => !only || only.includes(op.id));
  const report: DoctorReport = {
    baseUrl: redactBase(options.baseUrl),
    auth: { scheme: options.authScheme ?? "none", result: "not checked", detail: "no probe reached the gateway" },
    summary: { confirmed: 0, refuted: 0, unknown: 0 },
    operations: [],
    writeProbed: [],
    mismatches: [],
    routes: { ...given.table },
  };
  let accepted = 0;
  let refusedAuth = 0;
  for (const [index, op] of ops.entries()) {
    const result = await probeOne(op);
    report.operations.push(result);
    report.summary[result.verdict] += 1;
    if (result.probe === "write") report.writeProbed.push(op.id);
    if (result.status === 401 || result.status === 403) refusedAuth += 1;
    else if (result.status !== undefined) accepted += 1;
    options.onResult?.(result, index, ops.length);
  }
  if (accepted + refusedAuth > 0) {
    const fetched = tokens > 0 ? `; ${tokens} token(s) issued by the token URL` : "";
    report.auth.result = accepted > 0 ? "accepted" : "refused";
    report.auth.detail = accepted > 0 ? `${accepted} probe(s) got past auth${fetched}` : `every probe was refused with 401/403${fetched}`;
  }
  return report;

  async function probeOne(op: OperationModel): Promise<OperationReport> {
    const target = given.table[op.id] ?? op.info;
    const base = { operationId: op.id, method: target.method, path: target.path };
    const plan = planProbe(op, checker, model.resolve, { writeProbes: options.writeProbes === true, random });
    if (plan.kind === "skip") return { ...base, verdict: "unknown", reason: plan.reason, probe: "none", status: undefined };
    const probe = plan.kind;
    const sent = await send(op.info.method, op.info.path, op.id, plan);
    if ("failed" in sent) return { ...base, verdict: "unknown", reason: `no answer: ${sent.failed.name}: ${sent.failed.message}`, probe, status: undefined };
    let { verdict, reason } = classify(sent, await control(target.method), target.path);
    const shadow = verdict === "confirmed" && sent.status > 299 ? shadowOf(op, model.operations.values(), target, given.table) : undefined;
    if (shadow) [verdict, reason] = ["unknown", `${reason}, but ${shadow} matches this path too and may have answered`];
    if (verdict === "confirmed") checkBody(op, sent.status, sent.text);
    const result: OperationReport = { ...base, verdict, reason, probe, status: sent.status };
    if (verdict === "refuted") {
      for (const path of variants(target.path, options.tryPrefixes ?? ["/api", "/api/v1"])) {
        const tried = await send(target.method, path, undefined, plan);
        if ("failed" in tried || classify(tried, await control(target.method), path).verdict !== "confirmed") continue;
        result.found = { method: target.method, path };
        report.routes[op.id] = { method: target.method, path };
        break;
      }
    }
    return result;
  }

  function checkBody(op: OperationModel, status: number, text: string) {
    if (!op.responses.has(status)) return;
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      report.mismatches.push({ operationId: op.id, status, message: `The ${status} body of ${op.id} is not JSON`, errors: {} });
      return;
    }
    const mismatch = checkResponse(checker, op, status, body);
    if (mismatch) report.mismatches.push({ operationId: op.id, status, ...mismatch });
  }
}

/** The base URL without user-info, query or fragment. */
function redactBase(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
