/**
 * Base class of every error this package throws, so one `instanceof ApticError` catches them all.
 *
 * @example
 * ```ts
 * try {
 *   await unwrap(aptic.GET("/debtors/ping"));
 * } catch (err) {
 *   if (err instanceof ApticError) console.error(err.name, err.message);
 * }
 * ```
 */
export class ApticError extends Error {
  override name = "ApticError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Thrown synchronously for bad input to this library (options, filter fields, helper
 * arguments): a programming error to fix, not a condition to retry.
 *
 * @example
 * ```ts
 * try {
 *   createApticClient({ baseUrl: "" });
 * } catch (err) {
 *   if (err instanceof ApticUsageError) console.error(err.message);
 * }
 * ```
 */
export class ApticUsageError extends ApticError {
  override name = "ApticUsageError";
}
