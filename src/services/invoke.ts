import type { ApticClient } from "../client/types.js";
import { unwrap } from "../client/unwrap.js";
import { ApticUsageError } from "../errors/aptic-error.js";
import type { ApticRequestOptions } from "../http/request-options.js";

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

type Loose = (path: string, init: Record<string, unknown>) => ReturnType<ApticClient["GET"]>;

/** Validates a sub-path segment (path parameters get the same check from the path serializer). */
function segment(name: string, value: string): string {
  if (typeof value !== "string" || value === "" || value === "." || value === "..") {
    throw new ApticUsageError(`${name} must be a non-empty path segment other than "." or ".." (got ${JSON.stringify(value)})`);
  }
  return value;
}

/**
 * Sends one free-form call. The spec types these bodies as "any JSON", so openapi-fetch's typed
 * methods add nothing here; we call them loosely and keep the path template for encoding.
 */
async function call<T>(client: ApticClient, method: ServiceMethod, template: string, path: Record<string, string>, options: InvokeOptions & { query?: Record<string, unknown> }): Promise<T> {
  const { body, async: isAsync, query, ...rest } = options;
  const init: Record<string, unknown> = { ...rest, params: { path, query: { ...query, ...(isAsync === undefined ? {} : { async: isAsync }) } } };
  if (body !== undefined) init["body"] = body;
  if (method === "GET" && body !== undefined) throw new ApticUsageError("A GET invocation cannot carry a body; use POST, PUT, PATCH or DELETE");
  return unwrap((client[method] as unknown as Loose)(template, init)) as Promise<T>;
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
  const { method = options.body === undefined ? "GET" : "POST", subPath, ...rest } = options;
  const parts = subPath === undefined ? [] : typeof subPath === "string" ? subPath.split("/") : [...subPath];
  const tail = parts.map((p) => `/${encodeURIComponent(segment("subPath segment", p))}`).join("");
  return call<T>(client, method, `/services/{serviceDefinition}${tail}`, { serviceDefinition: serviceDefinition }, rest);
}

/**
 * Invokes a service definition for one debtor (`POST /debtors/{debtorGuid}/services/{serviceDefinition}`).
 *
 * @example
 * ```ts
 * await invokeDebtorService(aptic, debtorGuid, "SendPaymentReminder", { body: { channel: "EMAIL" }, async: true });
 * ```
 */
export async function invokeDebtorService<T = unknown>(client: ApticClient, debtorGuid: string, serviceDefinition: string, options: InvokeOptions = {}): Promise<T> {
  return call<T>(client, "POST", "/debtors/{debtorGuid}/services/{serviceDefinition}", { debtorGuid: debtorGuid, serviceDefinition: serviceDefinition }, options);
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
  return call<T>(client, "POST", "/debtor-services/{serviceDefinition}", { serviceDefinition: serviceDefinition }, options);
}

/**
 * Invokes a service definition for one customer (`POST /customers/{customerGuid}/services/{serviceDefinition}`).
 *
 * @example
 * ```ts
 * await invokeCustomerService(aptic, customerGuid, "UpdateCreditLimit", { body: { limit: 50000, currencyCode: "NOK" } });
 * ```
 */
export async function invokeCustomerService<T = unknown>(client: ApticClient, customerGuid: string, serviceDefinition: string, options: InvokeOptions = {}): Promise<T> {
  return call<T>(client, "POST", "/customers/{customerGuid}/services/{serviceDefinition}", { customerGuid: customerGuid, serviceDefinition: serviceDefinition }, options);
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
  return call<T>(client, "POST", "/customer-services/{serviceDefinition}", { serviceDefinition: serviceDefinition }, options);
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
export async function invokeCallback<T = unknown>(client: ApticClient, callbackName: string, options: Omit<InvokeOptions, "async"> & { query?: Record<string, string | number | boolean> } = {}): Promise<T> {
  const method = options.body === undefined ? "GET" : "POST";
  return call<T>(client, method, "/callbacks/{callbackName}", { callbackName: callbackName }, options);
}
