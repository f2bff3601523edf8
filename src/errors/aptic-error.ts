/**
 * Base class of every error this package throws; `JSON.stringify(error)` is free of secrets.
 *
 * @example
 * ```ts
 * if (err instanceof ApticError) console.error(err.name, err.message);
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
 * Bad input to this library, thrown before anything is sent: a bug to fix, not a condition to retry.
 *
 * @example
 * ```ts
 * if (err instanceof ApticUsageError) console.error(err.message);
 * ```
 */
export class ApticUsageError extends ApticError {
  override name = "ApticUsageError";
}

export function usage(ok: unknown, message: string): asserts ok {
  if (!ok) throw new ApticUsageError(message);
}
