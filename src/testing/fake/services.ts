import type { OperationId } from "../../../generated/operations.js";
import { ApticUsageError } from "../../errors/aptic-error.js";
import type { ParsedRequest } from "./context.js";
import { problem, type Answer } from "./responses.js";

/** The operations that invoke a service definition (their last path parameter is its name). */
export const SERVICE_OPERATIONS = [
  "invokeServiceGet",
  "invokeServicePost",
  "invokeServicePut",
  "invokeServicePatch",
  "invokeServiceDelete",
  "invokeDebtorService",
  "invokeDebtorAreaService",
  "invokeCustomerService",
  "invokeCustomerAreaService",
] as const satisfies readonly OperationId[];
/** The service operations whose URL may be extended with sub-paths (documented on the GET). */
export const SUB_PATH_OPERATIONS = [
  "invokeServiceGet",
  "invokeServicePost",
  "invokeServicePut",
  "invokeServicePatch",
  "invokeServiceDelete",
] as const satisfies readonly OperationId[];
/** The operations that invoke a named callback. */
export const CALLBACK_OPERATIONS = ["invokeCallbackGet", "invokeCallbackPost"] as const satisfies readonly OperationId[];

/**
 * What a service or callback handler receives.
 *
 * @example
 * ```ts
 * fake.defineService("creditCheck", ({ body, async, subPath }) => ({ approved: true, async, subPath }));
 * ```
 */
export interface InvocationCall {
  /** The service definition or callback name. */
  name: string;
  operationId: OperationId;
  method: string;
  /** Decoded segments after the name (`/services/reports/monthly/2026-10` → `["monthly", "2026-10"]`). */
  subPath: string[];
  /** The documented `async` query flag (false when absent). */
  async: boolean;
  /** Path parameters other than the name, e.g. `{ debtorGuid }` for a debtor's service. */
  params: Record<string, string>;
  /** Query parameters as sent (callbacks receive undeclared ones too). */
  query: Record<string, string>;
  body: unknown;
  request: Request;
}

/**
 * A service or callback implementation: returns the JSON output (`undefined` answers `{}`, as
 * the docs show), or a `Response` for full control.
 *
 * @example
 * ```ts
 * const handler: InvocationHandler = async (call) => ({ received: call.body });
 * ```
 */
export type InvocationHandler = (call: InvocationCall) => unknown;

const SERVICE_IDS = new Set<string>(SERVICE_OPERATIONS);
const CALLBACK_IDS = new Set<string>(CALLBACK_OPERATIONS);

/** Whether an operation invokes a service (`"service"`), a callback, or neither. */
export function invocationKind(id: OperationId): "service" | "callback" | undefined {
  return SERVICE_IDS.has(id) ? "service" : CALLBACK_IDS.has(id) ? "callback" : undefined;
}

/**
 * Checks a name given to `defineService`/`defineCallback`.
 *
 * @throws {ApticUsageError} for an empty or non-string name, or one with a slash.
 */
export function checkName(kind: string, name: unknown, handler: unknown): string {
  if (typeof name !== "string" || name === "" || name.includes("/"))
    throw new ApticUsageError(`${kind} name must be a non-empty string without "/" (got ${JSON.stringify(name)})`);
  if (typeof handler !== "function") throw new ApticUsageError(`${kind} "${name}" needs a handler function`);
  return name;
}

/**
 * Runs the handler defined for the invoked name, or answers the documented 404.
 *
 * @example
 * ```ts
 * const answer = await invoke(services, "service", parsed);
 * ```
 */
export async function invoke(handlers: Map<string, InvocationHandler>, kind: "service" | "callback", req: ParsedRequest): Promise<Answer | Response> {
  const nameParam = [...req.operation.info.pathParams].at(-1) ?? "";
  const name = req.match.params[nameParam] ?? "";
  const handler = handlers.get(name);
  if (!handler) {
    return problem(
      404,
      "service",
      `No ${kind === "service" ? "service definition" : "callback"} named '${name}' is defined (fake.define${kind === "service" ? "Service" : "Callback"}).`,
      { instance: req.path },
    );
  }
  const params = { ...req.match.params };
  delete params[nameParam];
  const output = await handler({
    name,
    operationId: req.operation.id,
    method: req.request.method,
    subPath: req.match.subPath,
    async: req.query["async"] === true,
    params,
    query: req.rawQuery,
    body: req.body,
    request: req.request,
  });
  if (output instanceof Response) return output;
  return { status: req.operation.info.success, body: output === undefined ? {} : output, source: "service" };
}
