/**
 * Where the client reports what it does. Any subset of the four levels; `console` works as is.
 * Messages never contain credentials: URLs are redacted and known secrets are scrubbed.
 *
 * @example
 * ```ts
 * createApticClient({ baseUrl, logger: console });
 * ```
 */
export interface Logger {
  debug?(message: string, meta?: Record<string, unknown>): void;
  info?(message: string, meta?: Record<string, unknown>): void;
  warn?(message: string, meta?: Record<string, unknown>): void;
  error?(message: string, meta?: Record<string, unknown>): void;
}

/**
 * Wraps a logger so every message has the given secrets replaced by `[REDACTED]` — a last line
 * of defence should a secret ever reach a message.
 *
 * @example
 * ```ts
 * const log = scrubbingLogger(console, [clientSecret]);
 * log.warn?.(`retrying`); // safe
 * ```
 */
export function scrubbingLogger(logger: Logger | undefined, secrets: readonly string[]): Logger {
  if (!logger) return {};
  const scrub = (text: string) => secrets.reduce((t, s) => (s ? t.split(s).join("[REDACTED]") : t), text);
  const out: Logger = {};
  for (const level of ["debug", "info", "warn", "error"] as const) {
    const fn = logger[level];
    if (fn) out[level] = (message, meta) => fn.call(logger, scrub(message), meta);
  }
  return out;
}
