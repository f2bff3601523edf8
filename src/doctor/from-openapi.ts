import { operations as table, type OperationId } from "../../generated/operations.js";
import { spec } from "../../generated/spec.js";
import { paramsOf, type RoutesInput } from "../routes/define.js";
import type { RouteMethod } from "../routes/types.js";
import { listOperations, localResolver, matchOperations, pathPrefix, type SpecOperation } from "./match.js";

/** One of our operations that the vendor's file puts elsewhere (another path or method). */
export interface MovedOperation {
  operationId: string;
  from: { method: RouteMethod; path: string };
  to: { method: RouteMethod; path: string };
  methodChange: boolean;
  score: number;
  /** What made the match (`summary`, `operationId`, `path`…). */
  reasons: string[];
}

/** One of our operations that more than one vendor operation fits about as well: not written. */
export interface AmbiguousOperation {
  operationId: string;
  /** The candidates, best first (`PATCH /api/v1/Debtors/{debtorId}`). */
  candidates: { method: RouteMethod; path: string; score: number }[];
}

/** What `doctor --from-openapi` learned from a vendor OpenAPI file, without sending anything. */
export interface OpenApiRoutesReport {
  /** The vendor's common path prefix (`/api/v1`), "" when none. */
  prefix: string;
  /** Matched operations the vendor's file keeps where ours are. */
  unchanged: string[];
  moved: MovedOperation[];
  ambiguous: AmbiguousOperation[];
  unmatched: {
    /** Vendor operations that fit none of ours (`GET /api/v1/Debtors/{debtorId}/Notes`). */
    vendor: string[];
    /** Our operations the vendor's file has no match for (left as generated). */
    ours: string[];
  };
  /** The routes of the moved operations: the content of `--write-routes`. */
  routes: RoutesInput;
}

const upper = (method: string) => method.toUpperCase() as RouteMethod;
const label = (op: SpecOperation) => `${upper(op.method)} ${op.path}`;

/**
 * The vendor's path with our path parameter names, by position (`/Debtors/{debtorId}` →
 * `/Debtors/{debtorGuid}`); undefined when the counts differ (then no route can be written).
 */
function renamed(vendor: SpecOperation, names: readonly string[]): string | undefined {
  if (paramsOf(vendor.path).length !== names.length) return undefined;
  let i = 0;
  return vendor.path.replace(/\{[^{}]*\}/g, () => `{${names[i++]}}`);
}

/**
 * Matches a vendor's OpenAPI document (already parsed: JSON) with the generated operations, the
 * way `npm run specs:import` does (src/doctor/match.ts), and returns the routes of the operations
 * it puts elsewhere. Sends no request. An operation with a near rival is reported as ambiguous and
 * gets no route.
 *
 * @example
 * ```ts
 * const report = routesFromOpenApi({ openapi: "3.0.1", paths: {} });
 * report.routes; // {}
 * ```
 */
export function routesFromOpenApi(vendorDoc: unknown): OpenApiRoutesReport {
  const vDeref = localResolver(vendorDoc);
  const oDeref = localResolver(spec);
  const vendorOps = listOperations(vendorDoc, vDeref);
  const ourOps = listOperations(spec, oDeref);
  const prefix = pathPrefix(vendorOps.map((op) => op.path));
  const ourPrefix = pathPrefix(ourOps.map((op) => op.path));
  const { matched, vendorOnly, oursOnly } = matchOperations(vendorOps, ourOps, { prefix, ourPrefix, vDeref, oDeref });
  const unchanged: string[] = [];
  const moved: MovedOperation[] = [];
  const ambiguous: AmbiguousOperation[] = [];
  const routes: Record<string, { method: RouteMethod; path: string; methodChange?: true }> = {};
  const candidate = (vendor: SpecOperation, score: number) => ({ method: upper(vendor.method), path: vendor.path, score });
  for (const pair of matched) {
    const id = String(pair.ours.op["operationId"]);
    const info = table[id as OperationId];
    const path = renamed(pair.vendor, info.pathParams);
    if (pair.rivals.length > 0 || path === undefined) {
      // A rival that wants the same vendor operation for another of ours adds no candidate path.
      const others = pair.rivals.filter((r) => r.vendor !== pair.vendor).map((r) => candidate(r.vendor, r.score));
      ambiguous.push({ operationId: id, candidates: [candidate(pair.vendor, pair.score), ...others] });
      continue;
    }
    const method = upper(pair.vendor.method);
    if (method === info.method && path === info.path) {
      unchanged.push(id);
      continue;
    }
    const methodChange = method !== info.method;
    moved.push({
      operationId: id,
      from: { method: info.method, path: info.path },
      to: { method, path },
      methodChange,
      score: pair.score,
      reasons: pair.reasons,
    });
    routes[id] = methodChange ? { method, path, methodChange: true } : { method, path };
  }
  const ours = oursOnly.map((op) => String(op.op["operationId"]));
  return { prefix, unchanged, moved, ambiguous, unmatched: { vendor: vendorOnly.map(label), ours }, routes };
}
