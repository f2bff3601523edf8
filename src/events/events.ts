import { scrubDeep, type Scrub } from "../secrets/scrub.js";
import type { ApticEvent, Emit, Logger, MessageFirstLogger } from "./types.js";

const LEVEL = {
  request: "debug",
  response: "debug",
  redirect: "info",
  retry: "warn",
  token: "info",
  finished: "debug",
  failed: "error",
  validation: "warn",
} as const;

function summary(e: ApticEvent): string {
  if (e.type === "token") return `token ${e.refreshed ? "refreshed" : "fetched"} from ${e.tokenUrl} in ${e.durationMs} ms (expires in ${e.expiresInS} s)`;
  const call = `${e.method} ${e.url}`;
  switch (e.type) {
    case "request":
      return `→ ${call} (attempt ${e.attempt})`;
    case "response":
      return `← ${call} ${e.status} in ${e.durationMs} ms`;
    case "redirect":
      return `↪ ${call} ${e.status} to ${e.to} (credentials ${e.credentials})`;
    case "retry":
      return `${call}: ${e.reason}; retrying in ${e.delayMs} ms`;
    case "finished":
      return `${call} ${e.status} after ${e.attempt} attempt(s), ${e.durationMs} ms`;
    case "failed":
      return `${call} failed after ${e.attempt} attempt(s), ${e.durationMs} ms: ${e.errorMessage}`;
    case "validation":
      return `${call} ${e.status}: ${e.errorMessage}`;
  }
}

/** Undefined when nobody listens, so a call builds no event at all. */
export function createEmitter(onEvent: ((event: ApticEvent) => void) | undefined, logger: Logger | undefined, scrub: Scrub): Emit | undefined {
  if (!onEvent && !logger) return undefined;
  return (raw) => {
    const event = scrubDeep(raw, scrub) as ApticEvent;
    try {
      onEvent?.(event);
      // Stryker disable next-line OptionalChaining: without them the TypeError is swallowed just the same.
      logger?.[LEVEL[event.type]]?.call(logger, event, scrub(summary(event)));
    } catch {
      // A listener's bug must not fail or change the call it observes.
    }
  };
}

export const LEVELS = ["debug", "info", "warn", "error"] as const;

/**
 * Adapts a `(message, meta)` logger such as winston to the client's `(fields, message)` shape.
 *
 * @example
 * ```ts
 * import winston from "winston";
 * createApticClient({ baseUrl, logger: messageFirst(winston.createLogger({ transports: [new winston.transports.Console()] })) });
 * ```
 */
export function messageFirst(logger: MessageFirstLogger): Logger {
  const out: Logger = {};
  for (const level of LEVELS) {
    const log = logger[level];
    if (typeof log === "function") out[level] = (fields, message) => void log.call(logger, message, fields);
  }
  return out;
}
