import type { operations as OperationTypes } from "../../../generated/aptic.js";
import type { OperationId, operations as table } from "../../../generated/operations.js";
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

type Op<Id extends OperationId> = OperationTypes[Id];
type Responses<Id extends OperationId> = Op<Id>["responses"];

/**
 * The path parameters of an operation, by name (`{}` for an operation without any).
 *
 * @example
 * ```ts
 * const params: PathParamsOf<"getDebtorAddress"> = { debtorGuid: "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90", addressGuid: "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d" };
 * ```
 */
export type PathParamsOf<Id extends OperationId> = Op<Id>["parameters"] extends { path: infer P extends object } ? P : Record<never, string>;

/**
 * The declared query parameters of an operation, as parsed (numbers as numbers).
 *
 * @example
 * ```ts
 * const query: QueryParamsOf<"listDebtors"> = { $top: 10 };
 * ```
 */
export type QueryParamsOf<Id extends OperationId> = Op<Id>["parameters"] extends { query?: infer Q }
  ? [NonNullable<Q>] extends [never]
    ? Record<never, unknown>
    : NonNullable<Q>
  : Record<never, unknown>;

/**
 * The body a handler sees: the operation's JSON request body (validated already), `| undefined`
 * when the body is optional, `undefined` when the operation takes none.
 *
 * @example
 * ```ts
 * const body: OverrideBodyOf<"createDebtor"> = { lastname: "Lindqvist" };
 * ```
 */
export type OverrideBodyOf<Id extends OperationId> =
  Op<Id> extends { requestBody: { content: { "application/json": infer B } } } ? B : RequestBodyOf<Id> | undefined;

/**
 * The JSON (or problem+json) body documented for `status`; `undefined` for a status documented
 * without a body; `unknown` for an undocumented status (a fault the spec does not list).
 *
 * @example
 * ```ts
 * const body: ReplyBodyOf<"getDebtor", 200> = { debtorGuid: "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90" }; // a Debtor
 * ```
 */
export type ReplyBodyOf<Id extends OperationId, S extends number> = S extends keyof Responses<Id>
  ? Responses<Id>[S] extends { content: { "application/json": infer B } }
    ? B
    : Responses<Id>[S] extends { content: { "application/problem+json": infer P } }
      ? P
      : undefined
  : unknown;

/**
 * The body of an operation's documented success response (what a handler may return as a plain value).
 *
 * @example
 * ```ts
 * const debtor: SuccessBodyOf<"getDebtor"> = { debtorGuid: "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90", lastname: "Lindqvist" };
 * ```
 */
export type SuccessBodyOf<Id extends OperationId> = ReplyBodyOf<Id, (typeof table)[Id]["success"]>;

/**
 * What an `fake.on(operationId, handler)` handler receives, typed for that operation: `params`
 * are its path parameters, `query` its declared query parameters, `body` its request body, and
 * `reply(status, body)` takes the body documented for `status`. Auth and request validation have
 * already passed; what it returns is still checked against the operation's response schema.
 *
 * @example
 * ```ts
 * fake.on("getDebtor", (ctx) => (ctx.params.debtorGuid === lockedId ? ctx.reply(403) : undefined));
 * ```
 */
export interface OverrideContext<Id extends OperationId = OperationId> {
  operationId: Id;
  params: PathParamsOf<Id>;
  /** Declared query parameters, typed and defaulted. */
  query: QueryParamsOf<Id>;
  body: OverrideBodyOf<Id>;
  request: Request;
  /**
   * Builds an answer with any status (a problem body is made for ≥ 400 when `body` is omitted).
   * A documented status takes its documented body; an undocumented one (a fault) any body.
   */
  reply<S extends number>(status: S, body?: ReplyBodyOf<Id, S>, headers?: Record<string, string>): Reply;
}

/**
 * What a handler may return: the success body (sent with the documented success status), a
 * {@link Reply} from `ctx.reply(…)`, a `Response` (sent as is: the escape hatch for bodies the
 * spec does not describe), or `undefined` to let the fake answer as usual — or a promise of one.
 *
 * @example
 * ```ts
 * const answer: OverrideResult<"pingDebtors"> = {};
 * ```
 */
export type OverrideResult<Id extends OperationId = OperationId> = SuccessBodyOf<Id> | Reply | Response | undefined;

/**
 * An override: return `ctx.reply(…)`, a `Response`, or the success body (sent as JSON with the
 * documented success status); return `undefined` to let the fake answer as usual.
 *
 * @example
 * ```ts
 * const handler: OverrideHandler<"pingDebtors"> = () => ({});
 * ```
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a block body that returns nothing ("answer as usual") needs no `return undefined`
export type OverrideHandler<Id extends OperationId = OperationId> = (ctx: OverrideContext<Id>) => OverrideResult<Id> | Promise<OverrideResult<Id>> | void;

/** Creates a {@link Reply}. */
export function reply(status: number, body?: unknown, headers: Record<string, string> = {}): Reply {
  return new Reply(status, body, headers);
}

/**
 * Turns what an override returned into an answer (`undefined` = not handled).
 *
 * @example
 * ```ts
 * await overrideAnswer(returned, 200, (status) => problem(status, "handler", "Answered by fake.on()."));
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
