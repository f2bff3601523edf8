import { scrubDeep, type Scrub } from "../errors/scrub.js";

/** Fields every event of one call shares. URLs are redacted; nothing carries a credential. */
interface CallFields {
  /** HTTP method of the call. */
  method: string;
  /** The request URL, redacted (user-info and credential-like query values hidden). */
  url: string;
  /** The spec's operationId when the call was made by operation (`aptic.call(op)`), else undefined. */
  operationId: string | undefined;
  /** The path template called, e.g. `/debtors/{debtorGuid}`. */
  schemaPath: string;
  /** 1 for the first attempt. */
  attempt: number;
}

/**
 * One thing the client did, for tracing and logging. `type` tells which:
 * - `request`: an attempt is being sent;
 * - `response`: an attempt got a response (`status`, `durationMs` of the attempt, the gateway's `requestId`);
 * - `redirect`: a redirect was followed (`credentials: "kept"` same-origin, `"stripped"` cross-origin);
 * - `retry`: a retry is scheduled (`reason`, `delayMs`);
 * - `token`: an OAuth2 token was fetched (`durationMs`, `expiresInS`, `refreshed`) — never the token;
 * - `finished` / `failed`: the call ended (`durationMs` of the whole call, `status`, or the error's `errorName`).
 *
 * @example
 * ```ts
 * const onEvent = (event: ApticEvent) => {
 *   if (event.type === "response") metrics.histogram("aptic.ms", event.durationMs, { status: event.status });
 * };
 * ```
 */
export type ApticEvent =
  | (CallFields & { type: "request" })
  | (CallFields & { type: "response"; status: number; durationMs: number; requestId: string | undefined })
  | (CallFields & { type: "redirect"; status: number; to: string; credentials: "kept" | "stripped" })
  | (CallFields & { type: "retry"; reason: string; delayMs: number })
  | (CallFields & { type: "finished"; status: number; durationMs: number; requestId: string | undefined })
  | (CallFields & { type: "failed"; durationMs: number; errorName: string; message: string })
  | { type: "token"; tokenUrl: string; durationMs: number; expiresInS: number; refreshed: boolean };

/**
 * Where the client reports what it does: any subset of the four levels, each called as
 * `(message, fields)` — `console` works as is. Messages and fields never contain credentials.
 *
 * @example
 * ```ts
 * createApticClient({ baseUrl, logger: console });
 * ```
 */
export interface Logger {
  debug?(message: string, fields: ApticEvent): void;
  info?(message: string, fields: ApticEvent): void;
  warn?(message: string, fields: ApticEvent): void;
  error?(message: string, fields: ApticEvent): void;
}

/** Delivers one event (already built) to `onEvent` and the logger. */
export type Emit = (event: ApticEvent) => void;

const LEVEL = { request: "debug", response: "debug", redirect: "info", retry: "warn", token: "info", finished: "debug", failed: "error" } as const;

/** A one-line summary of an event for loggers. */
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
      return `${call} failed after ${e.attempt} attempt(s), ${e.durationMs} ms: ${e.message}`;
  }
}

/**
 * The emitter for a client, or undefined when nobody listens (so a call builds no event at all).
 * Every event is scrubbed of known secrets before anyone sees it; a listener that throws is
 * ignored (observability must never break a call).
 *
 * @example
 * ```ts
 * const emit = createEmitter(options.onEvent, options.logger, scrub);
 * emit?.({ type: "request", method, url, operationId, schemaPath, attempt: 1 });
 * ```
 */
export function createEmitter(onEvent: ((event: ApticEvent) => void) | undefined, logger: Logger | undefined, scrub: Scrub): Emit | undefined {
  if (!onEvent && !logger) return undefined;
  return (raw) => {
    const event = scrubDeep(raw, scrub) as ApticEvent;
    try {
      onEvent?.(event);
      const log = logger?.[LEVEL[event.type]];
      log?.call(logger, scrub(summary(event)), event);
    } catch {
      // A listener's bug must not fail or change the call it observes.
    }
  };
}
