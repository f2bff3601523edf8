/** An HTTP method an operation can be re-pointed to. */
export type RouteMethod = "GET" | "PUT" | "POST" | "DELETE" | "PATCH";

/**
 * Where one operation really lives on your gateway. `path` keeps the operation's path
 * parameters (`{debtorGuid}`…), exactly those, in any order. `method` defaults to the generated
 * one; a different method must be confirmed with `methodChange: true` (it changes which calls the
 * default retry policy repeats: retries follow the method actually sent).
 *
 * @example
 * ```ts
 * const route: RouteOverride = { method: "GET", path: "/api/v1/Debtors/{debtorGuid}" };
 * ```
 */
export interface RouteOverride {
  /** @default the generated method */
  method?: RouteMethod;
  /** Path template on the gateway, e.g. `/api/v1/Debtors/{debtorGuid}`. */
  path: string;
  /** Confirms a `method` other than the generated one. @default false */
  methodChange?: boolean;
}

/** Where a call goes after the routes table is applied. */
export interface ResolvedRoute {
  method: RouteMethod;
  path: string;
  /** The operation the call was re-pointed as (also for a path-literal call of its generated path). */
  operationId: string;
}

/**
 * A checked routes table, from `defineRoutes()` (aptic-gateway-client/routes). Pass it as
 * the client option `routes`.
 *
 * @example
 * ```ts
 * const routes: ApticRoutes = defineRoutes({ getDebtor: { path: "/api/v1/Debtors/{debtorGuid}" } });
 * createApticClient({ baseUrl, routes });
 * ```
 */
export interface ApticRoutes {
  /** The moved operations, by operationId, with their method filled in. */
  readonly table: Readonly<Record<string, Readonly<{ method: RouteMethod; path: string }>>>;
  /**
   * Where a call goes: by `operationId` when the call names one (its generated path may carry a
   * sub-path suffix, as custom services do), else by an exact generated method + path template.
   * `undefined` means unchanged.
   */
  resolve(method: string, path: string, operationId: string | undefined): ResolvedRoute | undefined;
}
