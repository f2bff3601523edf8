import { ApticUsageError } from "../errors/aptic-error.js";
import { describeValue } from "./field-path.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A validated GUID literal. OData v4 writes GUIDs unquoted (`debtorGuid eq 0f8fad5b-…`), which is
 * only safe because the constructor admits nothing but 8-4-4-4-12 hex. Create one with {@link guid}.
 *
 * @example
 * ```ts
 * const id: Guid = guid("0f8fad5b-d9cb-469f-a165-70867728950e");
 * String(id); // => "0f8fad5b-d9cb-469f-a165-70867728950e"
 * ```
 */
export class Guid {
  // An ES private field makes the class nominal: a plain `{ value }` object cannot pose as a
  // Guid and smuggle an unvalidated, unquoted string into a filter.
  readonly #value: string;

  constructor(value: string) {
    if (typeof value !== "string" || !GUID.test(value)) {
      throw new ApticUsageError(`Invalid GUID ${describeValue(value)}: expected 8-4-4-4-12 hexadecimal digits, e.g. "0f8fad5b-d9cb-469f-a165-70867728950e".`);
    }
    this.#value = value;
  }

  /** The GUID text exactly as given (already validated). */
  get value(): string {
    return this.#value;
  }

  toString(): string {
    return this.#value;
  }
}

/**
 * Wraps a GUID string so the filter builder emits it as an unquoted OData GUID literal.
 *
 * @throws {ApticUsageError} unless `value` is 8-4-4-4-12 hexadecimal.
 * @example
 * ```ts
 * const f = filterFor<Debtor>();
 * String(f.eq("debtorGuid", guid("0f8fad5b-d9cb-469f-a165-70867728950e")));
 * // => "debtorGuid eq 0f8fad5b-d9cb-469f-a165-70867728950e"
 * ```
 */
export function guid(value: string): Guid {
  return new Guid(value);
}
