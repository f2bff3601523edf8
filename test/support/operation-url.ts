// Expected URLs for tests, built from the operation table instead of typed out: a test that
// asserts "the client called registerWebhook" then follows a path or method corrected in the
// spec (test/spec/rename.test.ts proves it). Written here, not borrowed from src/, so a bug in
// the client's own path serializer cannot cancel itself out in the assertion.
import type { OperationRef } from "../../src/client/types.js";

/**
 * Fills an operation's path template with percent-encoded values (every placeholder must be
 * given; an unused value is a mistake in the test, so both throw) and appends `suffix` as is.
 *
 * @example
 * ```ts
 * pathOf(getDebtor, { debtorGuid: "a/b" }); // "/debtors/a%2Fb"
 * pathOf(invokeServiceGet, { serviceDefinition: "Reports" }, "/monthly"); // "/services/Reports/monthly"
 * ```
 */
export function pathOf(operation: OperationRef, params: Record<string, string> = {}, suffix = ""): string {
  return pathWith(operation, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v)])), suffix);
}

/**
 * Like {@link pathOf}, but inserts the values exactly as given: for tests that state the encoding
 * they expect on the wire themselves.
 *
 * @example
 * ```ts
 * pathWith(invokeCallbackGet, { callbackName: "a%2Fb" }); // "/callbacks/a%2Fb"
 * ```
 */
export function pathWith(operation: OperationRef, values: Record<string, string>, suffix = ""): string {
  const unused = new Set(Object.keys(values));
  const path = operation.path.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`path of ${operation.id}: no value for {${name}}`);
    unused.delete(name);
    return value;
  });
  if (unused.size) throw new Error(`path of ${operation.id}: ${[...unused].join(", ")} not in ${operation.path}`);
  return path + suffix;
}

/**
 * `METHOD /path?query` as a fake fetch records it relative to the base URL (`query` is appended
 * as written, so the test still states the exact query string it expects).
 *
 * @example
 * ```ts
 * requestLine(invokeServicePost, { serviceDefinition: "CreditCheck" }, "?async=true"); // "POST /services/CreditCheck?async=true"
 * ```
 */
export function requestLine(operation: OperationRef, params: Record<string, string> = {}, query = ""): string {
  return `${operation.method} ${pathOf(operation, params)}${query}`;
}
