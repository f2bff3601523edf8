// `aptic-gateway-client/routes`: where operations really live on a gateway whose paths differ from
// the inferred ones. A subpath of its own (it carries the operation table to check against), so
// apps that do not re-point anything bundle none of it.
export { defineRoutes, type RoutesInput } from "./define.js";
export type { ApticRoutes, ResolvedRoute, RouteMethod, RouteOverride } from "./types.js";
