import type { OperationId } from "../../../generated/operations.js";
import type { OperationModel } from "../../schema/spec-model.js";

/** A matched request: the operation, its decoded path parameters and any sub-path beyond it. */
export interface RouteMatch {
  operation: OperationModel;
  params: Record<string, string>;
  /** Decoded segments after the template (only for operations that accept sub-paths). */
  subPath: string[];
}

/** Result of {@link Router.match}: a match, a known path with another method (405), or nothing. */
export type RouteResult = { kind: "match"; match: RouteMatch } | { kind: "method"; allow: string[] } | { kind: "none" };

interface Route {
  operation: OperationModel;
  method: string;
  segments: { literal?: string; param?: string }[];
  tail: boolean;
}

/** Literal segments rank before parameters at each position, so `/debtors/ping` wins over `/debtors/{debtorGuid}`. */
function compareRoutes(a: Route, b: Route): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i += 1) {
    const la = a.segments[i]?.literal !== undefined;
    const lb = b.segments[i]?.literal !== undefined;
    if (la !== lb) return la ? -1 : 1;
  }
  if (a.tail !== b.tail) return a.tail ? 1 : -1;
  return b.segments.length - a.segments.length;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Routes method + path to an operation, from the operation table's templates only (no path is
 * written by hand). Operations listed in `withSubPaths` also match longer paths and receive the
 * rest as `subPath` (the documented `/services/{serviceDefinition}/<sub-path>`). `served` moves
 * operations to other methods and paths (a `defineRoutes()` table): a gateway whose real routes
 * differ from the inferred ones.
 *
 * @example
 * ```ts
 * const router = createRouter(model.operations.values(), new Set(["invokeServiceGet"]));
 * router.match("GET", "/debtors/ping"); // { kind: "match", match: { operation: pingDebtors … } }
 * ```
 */
export function createRouter(
  operations: Iterable<OperationModel>,
  withSubPaths: ReadonlySet<OperationId>,
  served: Readonly<Record<string, { method: string; path: string }>> = {},
) {
  const routes: Route[] = [];
  for (const operation of operations) {
    const { method, path } = served[operation.id] ?? operation.info;
    const segments = path
      .split("/")
      .filter((s) => s !== "")
      .map((s) => {
        const param = /^\{(.+)\}$/.exec(s)?.[1];
        return param === undefined ? { literal: s } : { param };
      });
    routes.push({ operation, method, segments, tail: withSubPaths.has(operation.id) });
  }
  routes.sort(compareRoutes);

  function matchRoute(route: Route, parts: string[]): RouteMatch | undefined {
    if (parts.length < route.segments.length || (!route.tail && parts.length !== route.segments.length)) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < route.segments.length; i += 1) {
      const segment = route.segments[i];
      const part = parts[i] ?? "";
      if (segment?.literal !== undefined) {
        if (segment.literal !== part) return undefined;
      } else if (segment?.param !== undefined) {
        const value = decode(part);
        if (value === undefined || value === "") return undefined;
        params[segment.param] = value;
      }
    }
    const rest = parts.slice(route.segments.length).map(decode);
    if (rest.some((p) => p === undefined || p === "")) return undefined;
    return { operation: route.operation, params, subPath: rest as string[] };
  }

  return {
    match(method: string, path: string): RouteResult {
      const parts = path.split("/").slice(1);
      if (parts.at(-1) === "" && parts.length > 1) parts.pop();
      const allow = new Set<string>();
      for (const route of routes) {
        const found = matchRoute(route, parts);
        if (!found) continue;
        if (route.method === method) return { kind: "match", match: found };
        allow.add(route.method);
      }
      return allow.size > 0 ? { kind: "method", allow: [...allow].sort() } : { kind: "none" };
    },
  };
}

/** The router's type. */
export type Router = ReturnType<typeof createRouter>;
