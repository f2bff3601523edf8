import { ApticError } from "../errors/aptic-error.js";

/**
 * A 2xx response body that does not match the spec's schema for its operation and status,
 * thrown by `responseValidation("throw")`. Names where, never what: the body itself is not kept
 * (it may hold personal data).
 *
 * @example
 * ```ts
 * try {
 *   await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
 * } catch (err) {
 *   if (err instanceof ApticResponseValidationError) console.error(err.operationId, err.status, err.path);
 * }
 * ```
 */
export class ApticResponseValidationError extends ApticError {
  override name = "ApticResponseValidationError";
  /** The operation whose response broke the spec. */
  readonly operationId: string;
  readonly status: number;
  /** JSON path of the first violation (`$` is the body itself), e.g. `value[0].debtorGuid`. */
  readonly path: string;
  /** Every violation: JSON path → messages. */
  readonly errors: Record<string, string[]>;

  constructor(message: string, details: { operationId: string; status: number; errors: Record<string, string[]> }) {
    super(message);
    this.operationId = details.operationId;
    this.status = details.status;
    this.errors = details.errors;
    this.path = Object.keys(details.errors)[0] ?? "$";
  }
}
