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
 * - `finished` / `failed`: the call ended (`durationMs` of the whole call, `status`, or the error's `errorName` and `errorMessage`);
 * - `validation`: with `validateResponses` on, a response body broke the spec (`errorMessage`, and `errors`: JSON path → messages).
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
  | (CallFields & { type: "failed"; durationMs: number; errorName: string; errorMessage: string })
  | (CallFields & { type: "validation"; status: number; errorMessage: string; errors: Record<string, string[]> })
  | { type: "token"; tokenUrl: string; durationMs: number; expiresInS: number; refreshed: boolean };

/**
 * Where the client reports what it does: any subset of the four levels, each called as
 * `(fields, message)` — pino's and bunyan's shape, which `console` prints as well. For winston and
 * other `(message, meta)` loggers wrap them in {@link messageFirst}. Messages and fields never
 * contain credentials.
 *
 * @example
 * ```ts
 * import pino from "pino";
 * createApticClient({ baseUrl, logger: pino() });
 * ```
 */
export interface Logger {
  debug?(fields: ApticEvent, message: string): void;
  info?(fields: ApticEvent, message: string): void;
  warn?(fields: ApticEvent, message: string): void;
  error?(fields: ApticEvent, message: string): void;
}

/** A logger whose methods take the message first, `(message, meta)`, as winston's do. */
export interface MessageFirstLogger {
  debug?(message: string, meta: ApticEvent): unknown;
  info?(message: string, meta: ApticEvent): unknown;
  warn?(message: string, meta: ApticEvent): unknown;
  error?(message: string, meta: ApticEvent): unknown;
}

/** Delivers one event (already built) to `onEvent` and the logger. */
export type Emit = (event: ApticEvent) => void;
