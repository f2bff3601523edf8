import {
  invokeCallbackGet,
  invokeCallbackPost,
  invokeCustomerAreaService as invokeCustomerAreaServiceOp,
  invokeCustomerService as invokeCustomerServiceOp,
  invokeDebtorAreaService as invokeDebtorAreaServiceOp,
  invokeDebtorService as invokeDebtorServiceOp,
  invokeServiceDelete,
  invokeServiceGet,
  invokeServicePatch,
  invokeServicePost,
  invokeServicePut,
} from "../../generated/operations.js";
import type { ApticRequestOptions } from "../client/call-options.js";
import { describe } from "../validate/checks.js";
import type { ApticClient, OperationRef } from "../client/types.js";
import { unwrap } from "../client/response.js";
import { ApticUsageError, usage } from "../errors/aptic-error.js";

/** HTTP methods the gateway documents for invoking a service definition. */
export type ServiceMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Options for invoking a service definition or callback. The body and result are free-form JSON.
 *
 * @example
 * ```ts
 * const options: InvokeOptions = { body: { amount: 1250, currencyCode: "SEK" }, async: true, idempotencyKey: "order-1001" };
 * ```
 */
export interface InvokeOptions extends ApticRequestOptions {
  /** Any JSON input (`null` included). Omit for no body. */
  body?: unknown;
  /** Perform the custom action asynchronously (the documented `async` query flag). */
  async?: boolean;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

type Loose = (operation: OperationRef, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** The service-definition operations of the table, by HTTP method. */
const SERVICE: Record<ServiceMethod, OperationRef> = {
  GET: invokeServiceGet,
  POST: invokeServicePost,
  PUT: invokeServicePut,
  PATCH: invokeServicePatch,
  DELETE: invokeServiceDelete,
};

/** The options argument, refused unless it is an object (null included: it is no options). */
function checkOptions<O>(options: O): O {
  usage(typeof options === "object" && options !== null, "options must be an object");
  return options;
}

/** Validates a sub-path segment (path parameters get the same check from the path serializer). */
function segment(value: unknown): string {
  if (typeof value !== "string" || value === "" || /^(\.|%2e){1,2}$/i.test(value)) {
    throw new ApticUsageError(`subPath segments must be non-empty strings other than "." and ".." (got ${describe(value)})`);
  }
  try {
    return encodeURIComponent(value);
  } catch {
    throw new ApticUsageError("subPath segments must be well-formed Unicode");
  }
}

/**
 * Sends one free-form call through the operation table. The spec types these bodies as "any
 * JSON", so the typed methods add nothing here; `suffix` extends the path with encoded sub-paths.
 */
async function call<T>(
  client: ApticClient,
  operation: OperationRef,
  path: Record<string, unknown>,
  options: InvokeOptions & { query?: Record<string, unknown> },
  suffix = "",
): Promise<T> {
  const { body, async: isAsync, query, ...rest } = checkOptions(options);
  usage(query === undefined || (typeof query === "object" && query !== null && !Array.isArray(query)), "query must be an object of names to values");
  usage(isAsync === undefined || typeof isAsync === "boolean", "async must be a boolean");
  if (operation.method === "GET" && body !== undefined) throw new ApticUsageError("A GET invocation cannot carry a body; use POST, PUT, PATCH or DELETE");
  // An undefined body is no body to openapi-fetch.
  const init = { ...rest, body, params: { path, query: { ...query, ...(isAsync === undefined ? {} : { async: isAsync }) } } };
  return unwrap((client.call as unknown as Loose)({ ...operation, path: operation.path + suffix }, init)) as Promise<T>;
}

/**
 * Invokes a custom action based on a service definition (Custom services area). The method
 * defaults to POST when there is a body and GET otherwise; `subPath` extends the URL with
 * sub-paths (documented on the GET variant), each segment percent-encoded.
 *
 * @example
 * ```ts
 * const result = await invokeService(aptic, "CreditCheck", { body: { idNumber: "19850312-4521" } });
 * const report = await invokeService(aptic, "Reports", { subPath: ["monthly", "2026-10"] });
 * ```
 */
export async function invokeService<T = unknown>(
  client: ApticClient,
  serviceDefinition: string,
  options: InvokeOptions & { method?: ServiceMethod; subPath?: string | readonly string[] } = {},
): Promise<T> {
  const { method = options.body === undefined ? "GET" : "POST", subPath, ...rest } = checkOptions(options);
  const operation = SERVICE[method];
  usage(Object.hasOwn(SERVICE, method) && operation, `method must be one of ${Object.keys(SERVICE).join(", ")}`);
  usage(subPath === undefined || typeof subPath === "string" || Array.isArray(subPath), "subPath must be a string or an array of segments");
  const parts = subPath === undefined ? [] : typeof subPath === "string" ? subPath.split("/") : [...subPath];
  return call<T>(client, operation, { serviceDefinition }, rest, parts.map((p) => `/${segment(p)}`).join(""));
}

/**
 * Invokes a service definition for one debtor (`POST /debtors/{debtorGuid}/services/{serviceDefinition}`).
 *
 * @example
 * ```ts
 * await invokeDebtorService(aptic, debtorGuid, "SendPaymentReminder", { body: { channel: "EMAIL" }, async: true });
 * ```
 */
export async function invokeDebtorService<T = unknown>(
  client: ApticClient,
  debtorGuid: string,
  serviceDefinition: string,
  options: InvokeOptions = {},
): Promise<T> {
  return call<T>(client, invokeDebtorServiceOp, { debtorGuid, serviceDefinition }, options);
}

/**
 * Invokes a debtor-area service definition not tied to one debtor (`POST /debtor-services/{serviceDefinition}`).
 *
 * @example
 * ```ts
 * await invokeDebtorAreaService(aptic, "RecalculateInterest", { async: true });
 * ```
 */
export async function invokeDebtorAreaService<T = unknown>(client: ApticClient, serviceDefinition: string, options: InvokeOptions = {}): Promise<T> {
  return call<T>(client, invokeDebtorAreaServiceOp, { serviceDefinition }, options);
}

/**
 * Invokes a service definition for one customer (`POST /customers/{customerGuid}/services/{serviceDefinition}`).
 *
 * @example
 * ```ts
 * await invokeCustomerService(aptic, customerGuid, "UpdateCreditLimit", { body: { limit: 50000, currencyCode: "NOK" } });
 * ```
 */
export async function invokeCustomerService<T = unknown>(
  client: ApticClient,
  customerGuid: string,
  serviceDefinition: string,
  options: InvokeOptions = {},
): Promise<T> {
  return call<T>(client, invokeCustomerServiceOp, { customerGuid, serviceDefinition }, options);
}

/**
 * Invokes a customer-area service definition not tied to one customer (`POST /customer-services/{serviceDefinition}`).
 *
 * @example
 * ```ts
 * await invokeCustomerAreaService(aptic, "NightlyLedgerExport", { async: true });
 * ```
 */
export async function invokeCustomerAreaService<T = unknown>(client: ApticClient, serviceDefinition: string, options: InvokeOptions = {}): Promise<T> {
  return call<T>(client, invokeCustomerAreaServiceOp, { serviceDefinition }, options);
}

/**
 * Invokes a named callback: GET without a body, POST with one. The docs allow optional query
 * arguments (passed through as given) and say authorization might be optional.
 *
 * @example
 * ```ts
 * await invokeCallback(aptic, "PaymentReceived", { body: { reference: "7350012345", amount: 499.5 } });
 * await invokeCallback(aptic, "Ping", { query: { source: "erp" } });
 * ```
 */
export async function invokeCallback<T = unknown>(
  client: ApticClient,
  callbackName: string,
  options: Omit<InvokeOptions, "async"> & { query?: Record<string, string | number | boolean> } = {},
): Promise<T> {
  return call<T>(client, checkOptions(options).body === undefined ? invokeCallbackGet : invokeCallbackPost, { callbackName }, options);
}
