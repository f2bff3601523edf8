import type {
  BodySerializer,
  ClientOptions,
  FetchResponse,
  HeadersOptions,
  Middleware,
  ParamsOption,
  ParseAs,
  PathSerializer,
  QuerySerializer,
  QuerySerializerOptions,
} from "openapi-fetch";
import type { paths } from "../../generated/aptic.js";
import type { ApticRequestOptions } from "./call-options.js";

type Lower = "get" | "put" | "post" | "delete" | "patch";

/** Every path of the gateway that supports `Method` (computed once per method). */
export type ApticPath<Method extends Lower> = { [P in keyof paths]: paths[P] extends { [K in Method]: object } ? P : never }[keyof paths];

/** The operation object (generated types) behind a path and method. */
type OperationAt<P, M> = P extends keyof paths ? (M extends keyof paths[P] ? paths[P][M] : never) : never;

// openapi-fetch wraps bodies in Readable<>/Writable<> (mapped types that strip readOnly/writeOnly
// markers): structurally a no-op here (the generator emits no markers), but the compiler then
// spells out every field where it could say `Debtor`. These are openapi-fetch's definitions
// without the wrappers, so hovers, signatures and errors name the generated types.
type MediaType = `${string}/${string}`;
type OkStatus = 200 | 201 | 202 | 203 | 204 | 206 | 207 | "2XX";
type ErrorStatus =
  | 400
  | 401
  | 402
  | 403
  | 404
  | 405
  | 406
  | 407
  | 408
  | 409
  | 410
  | 411
  | 412
  | 413
  | 414
  | 415
  | 416
  | 417
  | 418
  | 420
  | 421
  | 422
  | 423
  | 424
  | 425
  | 426
  | 427
  | 428
  | 429
  | 430
  | 431
  | 444
  | 450
  | 451
  | 497
  | 498
  | 499
  | "4XX"
  | 500
  | 501
  | 502
  | 503
  | 504
  | 505
  | 506
  | 507
  | 508
  | 510
  | 511
  | "5XX"
  | "default";
// Not distributive (`[Operation] extends [...]`): the compiler meets these with the union of every
// operation while it infers the path, and a distributive version builds the union of all bodies
// there — 6× the check time of bare openapi-fetch (bench/typecheck.mjs) instead of 1×.
type Responses<Operation> = [Operation] extends [{ responses: infer R }] ? R : never;
/** The body types of the responses with one of `Codes` (`undefined` for one without content). */
type ContentAt<R, Codes> = {
  [K in keyof R & Codes]: R[K] extends { content: infer C } ? ([C[keyof C & MediaType]] extends [never] ? C : C[keyof C & MediaType]) : undefined;
}[keyof R & Codes];
type BodyContent<Operation> = [Operation] extends [{ requestBody?: { content: infer C } }] ? C[keyof C & MediaType] : never;
type BodyOption<Operation> = [BodyContent<Operation>] extends [never]
  ? { body?: never }
  : [Operation] extends [{ requestBody: object }]
    ? { body: BodyContent<Operation> }
    : { body?: BodyContent<Operation> };
type RequestOptions<Operation> = ParamsOption<Operation> &
  BodyOption<Operation> & {
    baseUrl?: string;
    querySerializer?: QuerySerializer<Operation> | QuerySerializerOptions;
    bodySerializer?: BodySerializer<Operation>;
    pathSerializer?: PathSerializer;
    parseAs?: ParseAs;
    fetch?: ClientOptions["fetch"];
    headers?: HeadersOptions;
    middleware?: Middleware[];
  };

/**
 * The init argument of a call: openapi-fetch's typed `params`/`body`/`headers`/`parseAs`…
 * plus {@link ApticRequestOptions}. Not a bare type parameter (as in openapi-fetch), so
 * TypeScript's excess-property check applies: a misspelt body field does not compile. Computed
 * once per operation and cached by the compiler, whatever the number of calls.
 */
export type ApticInit<Operation> = RequestOptions<Operation> & Omit<RequestInit, "body" | "headers"> & ApticRequestOptions;

/** The rest parameter: optional when the operation needs nothing (no required params or body). */
type InitArgs<Operation, As> =
  // Only `params` and `body` can be required (every other key is optional): looking at those two
  // alone keeps this check from walking all of RequestInit's keys once per operation.
  [Operation] extends [never]
    ? [init?: ApticInit<Operation>]
    : ParamsOption<Operation> extends { params: unknown }
      ? [init: ApticInit<Operation> & { parseAs?: As }]
      : BodyOption<Operation> extends { body: unknown }
        ? [init: ApticInit<Operation> & { parseAs?: As }]
        : [init?: ApticInit<Operation> & { parseAs?: As }];

/**
 * The result: openapi-fetch's `{ data, error, response }`, `data` shaped by `parseAs`. For JSON
 * (the default) `data` and `error` are the generated types themselves (`Debtor`, `ProblemDetails`).
 */
export type ApticResult<Operation, As extends ParseAs = "json"> = As extends "json"
  ?
      | { data: ContentAt<Responses<Operation>, OkStatus>; error?: never; response: Response }
      | { data?: never; error: ContentAt<Responses<Operation>, ErrorStatus>; response: Response }
  : FetchResponse<
      // biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's own constraint; an intersection here would be a new type per operation
      Operation extends Record<string | number, any> ? Operation : never,
      { parseAs: As },
      MediaType
    >;

/** A typed call for one HTTP method of the gateway. */
export type ApticMethod<Method extends Lower> = <Path extends ApticPath<Method>, As extends ParseAs = "json">(
  url: Path,
  ...init: InitArgs<paths[Path][Method], As>
) => Promise<ApticResult<paths[Path][Method], As>>;

/** What `call` accepts: an entry of the operation table (`aptic-gateway-client/operations`). */
export interface OperationRef {
  readonly id: string;
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH";
  readonly path: string;
}

/**
 * The typed gateway client: one method per HTTP verb (openapi-fetch's idiom, paths and bodies
 * checked against the spec), and `call` by operation, which does not depend on the path. Calls
 * resolve to `{ data, error, response }`; wrap them in `unwrap()` for the data or a typed error.
 *
 * @example
 * ```ts
 * import { getDebtor } from "aptic-gateway-client/operations";
 *
 * const { data, error } = await aptic.GET("/debtors", { params: { query: { $top: 10 } } });
 * const debtor = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
 * ```
 */
export interface ApticClient {
  GET: ApticMethod<"get">;
  PUT: ApticMethod<"put">;
  POST: ApticMethod<"post">;
  DELETE: ApticMethod<"delete">;
  PATCH: ApticMethod<"patch">;
  /**
   * Calls an operation of the table by reference, so a path corrected in the spec reaches the
   * call without editing it. Import only the operations you use: the rest is not bundled.
   * @example `await unwrap(aptic.call(listDebtors, { params: { query: { $top: 5 } } }))`
   */
  call<Operation extends OperationRef, As extends ParseAs = "json">(
    operation: Operation,
    ...init: InitArgs<OperationAt<Operation["path"], Lowercase<Operation["method"]>>, As>
  ): Promise<ApticResult<OperationAt<Operation["path"], Lowercase<Operation["method"]>>, As>>;
  /**
   * Adds openapi-fetch middleware (`onRequest` / `onResponse` / `onError`, exactly as openapi-fetch
   * documents them). Middleware runs once per call, outside the retries: `onRequest` before the
   * first attempt, `onResponse` with the final response after retries and redirects.
   */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: Middleware[]): void;
}
