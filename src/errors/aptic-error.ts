/**
 * Base class of every error this package throws, so one `instanceof ApticError` catches them all.
 * `JSON.stringify(error)` gives its name, message and own fields (all already free of secrets).
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

  /** Name, message and own enumerable fields; never `cause` or `stack`. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/**
 * Thrown for bad input to this library (options, call arguments, filter fields, helper
 * arguments) before anything is sent: a programming error to fix, not a condition to retry.
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

/**
 * Throws an {@link ApticUsageError} with `message` unless `ok` holds. Keeps validation one line.
 *
 * @example
 * ```ts
 * usage(typeof key === "string", "idempotencyKey must be a string");
 * ```
 */
export function usage(ok: unknown, message: string): asserts ok {
  if (!ok) throw new ApticUsageError(message);
}
