import type { OperationId } from "../../../generated/operations.js";
import type { RequestBodyOf } from "./request-log.js";
import type { Answer } from "./responses.js";

/**
 * A status, body and headers built by `ctx.reply()`; a class, so a plain object returned by a
 * handler is never mistaken for one (it is sent as the body).
 *
 * @example
 * ```ts
 * fake.on("getDebtor", (ctx) => ctx.reply(404));
 * ```
 */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {}
}

/**
 * What an `fake.on(operationId, handler)` handler receives. Auth and request validation have
 * already passed; what it returns is still checked against the operation's response schema.
 *
 * @example
 * ```ts
 * fake.on("getDebtor", (ctx) => (ctx.params.debtorGuid === lockedId ? ctx.reply(403) : undefined));
 * ```
 */
export interface OverrideContext<Id extends OperationId = OperationId> {
  operationId: Id;
  params: Record<string, string>;
  /** Declared query parameters, typed and defaulted. */
  query: Record<string, unknown>;
  body: RequestBodyOf<Id> | undefined;
  request: Request;
  /** Builds an answer with any status (a problem body is made for ≥ 400 when `body` is omitted). */
  reply(status: number, body?: unknown, headers?: Record<string, string>): Reply;
}

/**
 * An override: return `ctx.reply(…)`, a `Response`, or any other value (sent as the JSON body
 * with the documented success status); return `undefined` to let the fake answer as usual.
 *
 * @example
 * ```ts
 * const handler: OverrideHandler<"pingDebtors"> = () => ({});
 * ```
 */
export type OverrideHandler<Id extends OperationId = OperationId> = (ctx: OverrideContext<Id>) => unknown;

/** Creates a {@link Reply}. */
export function reply(status: number, body?: unknown, headers: Record<string, string> = {}): Reply {
  return new Reply(status, body, headers);
}

/**
 * Turns what an override returned into an answer (`undefined` = not handled).
 *
 * @example
 * ```ts
 * await overrideAnswer(returned, 200, (status) => problem(status, "handler", "…"));
 * ```
 */
export async function overrideAnswer(value: unknown, success: number, problemFor: (status: number) => Answer): Promise<Answer | undefined> {
  if (value === undefined) return undefined;
  if (value instanceof Response) {
    const text = await value.text();
    const headers: Record<string, string> = {};
    value.headers.forEach((v, k) => (headers[k] = v));
    let body: unknown = text === "" ? undefined : text;
    try {
      if (text !== "") body = JSON.parse(text);
    } catch {
      // Not JSON: kept as a string, which the response check then reports.
    }
    return { status: value.status, body, headers, source: "handler", contentType: value.headers.get("content-type") ?? undefined };
  }
  if (value instanceof Reply) {
    if (value.body === undefined && value.status >= 400) return { ...problemFor(value.status), headers: value.headers, source: "handler" };
    return { status: value.status, body: value.body, headers: value.headers, source: "handler" };
  }
  return { status: success, body: value, source: "handler" };
}
