import { operations, type OperationId, type OperationInfo } from "../../generated/operations.js";
import { usage } from "../errors/aptic-error.js";
import type { ApticRoutes, ResolvedRoute, RouteMethod, RouteOverride } from "./types.js";

/** What `defineRoutes` takes: operationId → where it lives (a routes file holds the same JSON). */
export type RoutesInput = Partial<Record<OperationId, RouteOverride>>;

const METHODS: readonly string[] = ["GET", "PUT", "POST", "DELETE", "PATCH"];
const KEYS = ["method", "path", "methodChange"];
const table: Readonly<Record<string, OperationInfo>> = operations;

/** The parameter names of a path template, in order (`/debtors/{debtorGuid}` → `["debtorGuid"]`). */
export const paramsOf = (path: string) => [...path.matchAll(/\{([^{}]*)\}/g)].map((m) => String(m[1]));
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function suggestion(name: string): string {
  const lower = name.toLowerCase();
  const near = Object.keys(table).find((id) => id.toLowerCase() === lower);
  return near ? ` (did you mean "${near}"?)` : "";
}

function checkRoute(id: string, route: unknown): { method: RouteMethod; path: string } {
  const info = table[id];
  usage(Object.hasOwn(table, id) && info, `routes: unknown operation "${id}"${suggestion(id)}; names come from aptic-gateway-client/operations`);
  usage(typeof route === "object" && route !== null && !Array.isArray(route), `routes.${id} must be an object { method?, path }`);
  const { method = info.method, path, methodChange = false } = route as RouteOverride;
  for (const key of Object.keys(route)) usage(KEYS.includes(key), `routes.${id}: unknown key "${key}"; known: ${KEYS.join(", ")}`);
  usage(METHODS.includes(method), `routes.${id}.method must be one of ${METHODS.join(", ")} (got ${JSON.stringify(method)})`);
  usage(typeof methodChange === "boolean", `routes.${id}.methodChange must be a boolean`);
  usage(
    method === info.method || methodChange,
    `routes.${id} changes the method from ${info.method} to ${method}; confirm with methodChange: true (retries follow the method sent)`,
  );
  // The same characters the client accepts in any path template, and no `.`/`..` segment.
  usage(
    typeof path === "string" && /^(\/[\w\-.~!$&'()*+,;=:@%{}]+)+$/.test(path) && !path.split("/").some((s) => /^(\.|%2e){1,2}$/i.test(s)),
    `routes.${id}.path must be a path template such as "/api/v1/Debtors/{debtorGuid}" (got ${JSON.stringify(path)})`,
  );
  const params = paramsOf(path);
  const missing = info.pathParams.filter((p) => !params.includes(p));
  const extra = params.filter((p) => !info.pathParams.includes(p));
  usage(missing.length === 0, `routes.${id}.path lacks the path parameter(s) ${missing.map((p) => `{${p}}`).join(", ")} of ${info.method} ${info.path}`);
  usage(
    sameSet(params, info.pathParams),
    `routes.${id}.path has path parameter(s) ${extra.map((p) => `{${p}}`).join(", ") || "twice"} that ${id} does not take (it takes ${info.pathParams.map((p) => `{${p}}`).join(", ") || "none"})`,
  );
  return { method, path };
}

/**
 * Checks a routes table and returns it ready for the client option `routes`: calls by operation
 * (`aptic.call(op)`, `paginate`, the service and webhook helpers) and path-literal calls of an
 * operation's generated method + path go to the route given here instead. Unknown operation
 * names, missing or extra path parameters and an unconfirmed method change throw an
 * ApticUsageError here, before any client exists. A routes file (as `npx aptic-gateway-client
 * doctor --write-routes` writes) is the same JSON: parse it and pass it in.
 *
 * @throws {ApticUsageError} for a name, method or path the table cannot hold.
 * @example
 * ```ts
 * import { createApticClient } from "aptic-gateway-client";
 * import { defineRoutes } from "aptic-gateway-client/routes";
 *
 * const routes = defineRoutes({
 *   getDebtor: { path: "/api/v1/Debtors/{debtorGuid}" },
 *   updateDebtor: { method: "PUT", path: "/api/v1/Debtors/{debtorGuid}", methodChange: true },
 * });
 * const aptic = createApticClient({ baseUrl: "https://gateway.example.org", routes });
 * ```
 */
export function defineRoutes(input: RoutesInput): ApticRoutes {
  usage(typeof input === "object" && input !== null && !Array.isArray(input), "defineRoutes expects an object { operationId: { method?, path } }");
  const moved: Record<string, { method: RouteMethod; path: string }> = {};
  const byTemplate = new Map<string, string>();
  const targets = new Map<string, string>();
  for (const [id, route] of Object.entries(input)) {
    if (route === undefined) continue;
    const target = checkRoute(id, route);
    const key = `${target.method} ${target.path.replace(/\{[^{}]*\}/g, "{}")}`;
    const clash = targets.get(key);
    usage(clash === undefined, `routes.${id} and routes.${clash} both go to ${target.method} ${target.path}`);
    targets.set(key, id);
    moved[id] = Object.freeze(target);
    const info = table[id] as OperationInfo;
    byTemplate.set(`${info.method} ${info.path}`, id);
  }
  Object.freeze(moved);
  return Object.freeze({
    table: moved,
    resolve(method: string, path: string, operationId: string | undefined): ResolvedRoute | undefined {
      const id = operationId ?? byTemplate.get(`${method} ${path}`);
      const target = id && moved[id];
      const from = id && table[id];
      // A caller's own operation object (same id, another path) is left as it is.
      if (!target || !from || from.method !== method || !path.startsWith(from.path)) return undefined;
      const rest = path.slice(from.path.length);
      if (!(rest === "" || rest.startsWith("/"))) return undefined;
      return { method: target.method, path: target.path + rest, operationId: from.id };
    },
  });
}
