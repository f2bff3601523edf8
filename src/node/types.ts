/**
 * The parts of Node's `http.IncomingMessage` the adapter uses. Declared structurally (rather than
 * imported from "node:http") so the main entry's types need no @types/node in browser projects.
 */
export interface NodeIncomingMessage {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  readableEnded: boolean;
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  off(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  once(event: "end" | "close", listener: () => void): unknown;
  once(event: "error", listener: (err: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
  /** Destroyed after a rejection whose body was not read to the end (a slow or oversized sender). */
  socket?: { destroy(): unknown; end?(): unknown; once?(event: "end" | "close", listener: () => void): unknown } | null;
}

/** The parts of Node's `http.ServerResponse` the adapter uses (see {@link NodeIncomingMessage}). */
export interface NodeServerResponse {
  headersSent: boolean;
  writeHead(status: number, headers?: Record<string, string | string[]>): unknown;
  end(body: Uint8Array | string | undefined, callback: () => void): unknown;
}
