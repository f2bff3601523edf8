import type { OperationId } from "../../../generated/operations.js";
import type { operations as OperationTypes } from "../../../generated/aptic.js";
import type { AnswerSource } from "./responses.js";

/** The JSON request body type of an operation (`undefined` for operations without one). */
export type RequestBodyOf<Id extends OperationId> = OperationTypes[Id] extends { requestBody?: { content: { "application/json": infer B } } } ? B : undefined;

/**
 * One request the fake received, as a test asserts it. Secrets are redacted: the
 * `authorization`, API-key, cookie and webhook-secret headers, `client_secret` in token requests
 * and `secret`-like fields of JSON bodies read `[redacted]`.
 *
 * @example
 * ```ts
 * const [created] = fake.requests.of("createCustomer");
 * created?.body?.fullName; // typed as the operation's request body (CustomerCreate)
 * ```
 */
export interface LoggedRequest<Id extends OperationId | "token" | undefined = OperationId | "token" | undefined> {
  /** Sequence number, from 1. */
  seq: number;
  method: string;
  /** The path below the fake's base path, e.g. `/debtors/3f2c…`. */
  path: string;
  /** The operation it was routed to; `"token"` for the token endpoint; `undefined` when none matched. */
  operationId: Id;
  /** Path parameters of the matched operation. */
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON (or form fields for token requests); `undefined` without a body. */
  body: Id extends OperationId ? RequestBodyOf<Id> | undefined : unknown;
  /** The status answered; `undefined` while in flight or for connection faults. */
  status: number | undefined;
  /** What produced the answer (store, example, handler, fault, …). */
  source: AnswerSource | "connection" | undefined;
  /** When it arrived, on the fake's clock (ms since the epoch). */
  at: number;
}

/**
 * The fake's request log: a read-only array (every array method works, e.g. `at(-1)`,
 * `filter`), plus `of(operationId)` for typed entries and `clear()`.
 *
 * @example
 * ```ts
 * expect(fake.requests.of("createCustomer")).toHaveLength(1);
 * fake.requests.clear();
 * ```
 */
export type RequestLog = ReadonlyArray<LoggedRequest> & {
  of<Id extends OperationId | "token">(operationId: Id): LoggedRequest<Id>[];
  clear(): void;
};

const REDACTED = "[redacted]";
const SECRET_KEY = /^(secret|client_secret|password|api_?key|access_token|refresh_token|token)$/i;

/** Replaces secret-looking fields of a JSON value, at any depth. */
export function redactBody(value: unknown, depth = 0): unknown {
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactBody(v, depth + 1));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) && v !== null && v !== undefined ? REDACTED : redactBody(v, depth + 1);
  return out;
}

const SECRET_QUERY = /^(access_token|token|id_token|refresh_token|key|api_?key|client_secret|password|signature|sig|code|jwt|x-amz-signature)$/i;

/** Query parameters, with credential-like ones (access_token, api_key, signature…) redacted. */
export function redactQuery(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  params.forEach((value, name) => (out[name] = SECRET_QUERY.test(name) ? REDACTED : value));
  return out;
}

/** Copies headers with secret ones redacted (the scheme word of `authorization` is kept). */
export function redactHeaders(headers: Headers, secretHeaders: readonly string[]): Record<string, string> {
  const secret = new Set(["authorization", "proxy-authorization", "cookie", ...secretHeaders.map((h) => h.toLowerCase())]);
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!secret.has(name)) out[name] = value;
    else if (name === "authorization" || name === "proxy-authorization") out[name] = `${/^\S+(?=\s)/.exec(value)?.[0] ?? ""} ${REDACTED}`.trim();
    else out[name] = REDACTED;
  });
  return out;
}

/**
 * Creates an empty log.
 *
 * @example
 * ```ts
 * const log = createRequestLog();
 * log.clear();
 * ```
 */
export function createRequestLog(): RequestLog & LoggedRequest[] {
  const entries: LoggedRequest[] = [];
  Object.defineProperties(entries, {
    of: { value: (id: string) => entries.filter((e) => e.operationId === id), enumerable: false },
    clear: { value: () => void entries.splice(0, entries.length), enumerable: false },
  });
  return entries as RequestLog & LoggedRequest[];
}
