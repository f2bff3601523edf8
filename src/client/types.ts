import type { Client, ClientPathsWithMethod, FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { paths } from "../../generated/aptic.js";
import type { ApticRequestOptions } from "../http/request-options.js";
import type { ListInit, ListItem, ListPage, ListPath, PaginateOptions } from "../pagination/types.js";

type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type MediaType = `${string}/${string}`;
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/**
 * Rejects body keys the operation does not document. openapi-fetch infers `Init` from the call,
 * which switches off TypeScript's excess-property check, so a typo like `firstnme` would pass.
 */
type ExactBody<Init, Expected> = unknown extends Expected
  ? unknown // free-form ("any JSON") bodies accept anything, as the spec says
  : Init extends { body?: infer Body }
  ? Body extends readonly unknown[] | null | undefined
    ? unknown
    : { body?: Body & { [K in Exclude<keyof Body, keyof NonNullable<Expected>>]: never } }
  : unknown;

/** The init argument: openapi-fetch's typed params/body plus our per-call options. */
type InitArg<Init, Expected> = RequiredKeys<Init> extends never
  ? [(Init & ApticRequestOptions & ExactBody<Init, Expected>)?]
  : [Init & ApticRequestOptions & ExactBody<Init, Expected>];

/** Every path of the gateway that supports `Method`. */
export type ApticPath<Method extends HttpMethod> = ClientPathsWithMethod<Client<paths>, Method>;

type BodyOf<Init> = Init extends { body?: infer Body } ? Body : never;

type PathsOf<Paths, Method extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [K in Method]: unknown } ? P : never;
}[keyof Paths];

/** openapi-fetch's ClientMethod with {@link ApticRequestOptions} added to the init argument. */
type MethodFor<Paths, Method extends HttpMethod> = <
  Path extends PathsOf<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method & keyof Paths[Path]>,
>(
  url: Path,
  ...init: InitArg<Init, BodyOf<MaybeOptionalInit<Paths[Path], Method & keyof Paths[Path]>>>
  // Extract<…> restates what PathsOf guarantees in a form FetchResponse's constraint accepts;
  // biome-ignore lint/suspicious/noExplicitAny: mirrors openapi-fetch's own constraint (Record<string | number, any>).
) => Promise<FetchResponse<Extract<Paths[Path][Method & keyof Paths[Path]], Record<string | number, any>>, Init, MediaType>>;

/** A typed call for one HTTP method of the gateway. */
export type ApticMethod<Method extends HttpMethod> = MethodFor<paths, Method>;

/**
 * The typed gateway client: one method per HTTP verb, paths and bodies checked against the spec.
 * Calls resolve to openapi-fetch's `{ data, error, response }`; wrap them in `unwrap()` to get
 * the data or a typed error.
 *
 * @example
 * ```ts
 * const { data, error } = await aptic.GET("/debtors", { params: { query: { $top: 10 } } });
 * ```
 */
export interface ApticClient {
  GET: ApticMethod<"get">;
  PUT: ApticMethod<"put">;
  POST: ApticMethod<"post">;
  DELETE: ApticMethod<"delete">;
  PATCH: ApticMethod<"patch">;
  /**
   * Iterates every item of a paged list lazily (pages of up to 100).
   * @example `for await (const debtor of aptic.paginate("/debtors")) console.log(debtor.lastname);`
   */
  paginate<P extends ListPath>(path: P, init?: ListInit<P>, options?: PaginateOptions): AsyncGenerator<ListItem<P>, void, undefined>;
  /**
   * Iterates whole pages (`count/skip/total/value`) of a paged list lazily.
   * @example `for await (const page of aptic.paginatePages("/customers")) console.log(page.total);`
   */
  paginatePages<P extends ListPath>(path: P, init?: ListInit<P>, options?: PaginateOptions): AsyncGenerator<ListPage<P>, void, undefined>;
  /** Add openapi-fetch middleware (runs before our retrying fetch). */
  use: Client<paths>["use"];
  /** Remove middleware added with `use`. */
  eject: Client<paths>["eject"];
}
