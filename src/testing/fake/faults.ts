import type { OperationId } from "../../../generated/operations.js";
import { ApticUsageError } from "../../errors/aptic-error.js";

/**
 * Which requests a fault applies to; every given criterion must hold. `operationId: "token"` is
 * the OAuth2 token endpoint.
 *
 * @example
 * ```ts
 * const match: FaultMatch = { operationId: "createCustomer", times: 2 };
 * ```
 */
export interface FaultMatch {
  operationId?: OperationId | "token" | undefined;
  /** The request path below the base path: exact string, or a RegExp. */
  path?: string | RegExp | undefined;
  method?: string | undefined;
  /** How many matching requests it applies to. @default 1 */
  times?: number | undefined;
}

/**
 * A fault for {@link FakeGateway.failNext}: an HTTP answer, or a connection failure — `reset`
 * (the fetch rejects like a dropped socket), `stall` (no answer until the request is aborted) or
 * `stall-body` (headers arrive, the body never finishes).
 *
 * @example
 * ```ts
 * fake.failNext({ operationId: "getDebtor", status: 503, retryAfter: 30 });
 * fake.failNext({ operationId: "listDebtors", connection: "stall" });
 * ```
 */
export type FailNextOptions = FaultMatch &
  (
    | { status: number; retryAfter?: number | string | Date | undefined; body?: unknown; headers?: Record<string, string> | undefined; connection?: never }
    | { connection: "reset" | "stall" | "stall-body"; status?: never }
  );

/** A queued fault (internal). */
export type FaultRule = { match: FaultMatch; remaining: number } & ({ kind: "fail"; fault: FailNextOptions } | { kind: "delay"; ms: number });

const MAX_MS = 2 ** 31 - 1;

function checkMatch(match: FaultMatch): number {
  const times = match.times ?? 1;
  if (!Number.isSafeInteger(times) || times < 1) throw new ApticUsageError(`times must be a positive integer (got ${String(times)})`);
  if (match.path !== undefined && typeof match.path !== "string" && !(match.path instanceof RegExp))
    throw new ApticUsageError("path must be a string or a RegExp");
  return times;
}

/**
 * Builds a fail rule after checking the options (a status outside 100–599, a negative
 * Retry-After or an unknown connection fault is a caller mistake).
 *
 * @throws {ApticUsageError} for invalid options.
 * @example
 * ```ts
 * failRule({ status: 503, times: 2 });
 * ```
 */
export function failRule(options: FailNextOptions): FaultRule {
  if (typeof options !== "object" || options === null) throw new ApticUsageError("failNext expects an options object");
  const times = checkMatch(options);
  if (options.connection !== undefined) {
    if (!["reset", "stall", "stall-body"].includes(options.connection))
      throw new ApticUsageError(`connection must be "reset", "stall" or "stall-body" (got ${String(options.connection)})`);
  } else {
    if (!Number.isInteger(options.status) || options.status < 100 || options.status > 599)
      throw new ApticUsageError(`status must be an integer from 100 to 599 (got ${String(options.status)})`);
    const { retryAfter } = options;
    if (typeof retryAfter === "number" && (!Number.isFinite(retryAfter) || retryAfter < 0))
      throw new ApticUsageError(`retryAfter must be a finite number of seconds ≥ 0 (got ${retryAfter})`);
    if (retryAfter instanceof Date && Number.isNaN(retryAfter.getTime())) throw new ApticUsageError("retryAfter is an invalid Date");
  }
  return { kind: "fail", fault: options, match: options, remaining: times };
}

/**
 * Builds a delay rule.
 *
 * @throws {ApticUsageError} unless `ms` is finite, ≥ 0 and ≤ 2^31−1.
 * @example
 * ```ts
 * delayRule(250, { operationId: "getDebtor" });
 * ```
 */
export function delayRule(ms: number, match: FaultMatch = {}): FaultRule {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > MAX_MS)
    throw new ApticUsageError(`delayNext needs a duration from 0 to ${MAX_MS} ms (got ${String(ms)})`);
  return { kind: "delay", ms, match, remaining: checkMatch(match) };
}

function matches(match: FaultMatch, operationId: string | undefined, method: string, path: string): boolean {
  if (match.operationId !== undefined && match.operationId !== operationId) return false;
  if (match.method !== undefined && match.method.toUpperCase() !== method) return false;
  if (typeof match.path === "string" && match.path !== path) return false;
  if (match.path instanceof RegExp) {
    match.path.lastIndex = 0; // a /g RegExp keeps state between tests
    if (!match.path.test(path)) return false;
  }
  return true;
}

/**
 * Takes (consumes once) the first queued rule of `kind` that matches the request.
 *
 * @example
 * ```ts
 * const rule = takeRule(rules, "fail", "getDebtor", "GET", "/debtors/1");
 * ```
 */
export function takeRule<K extends FaultRule["kind"]>(
  rules: FaultRule[],
  kind: K,
  operationId: string | undefined,
  method: string,
  path: string,
): Extract<FaultRule, { kind: K }> | undefined {
  const index = rules.findIndex((r) => r.kind === kind && matches(r.match, operationId, method, path));
  const rule = rules[index];
  if (!rule) return undefined;
  rule.remaining -= 1;
  if (rule.remaining <= 0) rules.splice(index, 1);
  return rule as Extract<FaultRule, { kind: K }>;
}

/** The Retry-After header value: delay-seconds or an HTTP-date. */
export function retryAfterHeader(value: number | string | Date): string {
  if (value instanceof Date) return value.toUTCString();
  return typeof value === "number" ? String(Math.ceil(value)) : value;
}
