import type { NodeIncomingMessage } from "./types.js";

/**
 * Streams an IncomingMessage into a Web ReadableStream with backpressure: Node data is paused
 * whenever the Web side has a chunk it has not pulled yet, so nothing is buffered beyond one
 * chunk, and cancelling (the handler hit its size limit or its body timeout) stops reading
 * altogether.
 *
 * @example
 * ```ts
 * // `duplex` is required by Node's fetch for a streamed body but missing from the DOM typings.
 * const init: RequestInit & { duplex: "half" } = { method: "POST", headers, body: bodyStream(req), duplex: "half" };
 * const request = new Request(url, init);
 * ```
 */
export function bodyStream(req: NodeIncomingMessage): ReadableStream<Uint8Array> {
  // Once closed, errored or cancelled, later Node events must not touch the controller (it throws).
  let settled = false;
  let onData: ((chunk: Uint8Array | string) => void) | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // A body parser (e.g. express.json()) that ran first has already drained the stream and
        // 'end' will not fire again: close now so the handler reports an empty body, not a hang.
        if (req.readableEnded) return controller.close();
        onData = (chunk) => {
          controller.enqueue(typeof chunk === "string" ? new TextEncoder().encode(chunk) : new Uint8Array(chunk));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        };
        req.on("data", onData);
        const settle = (finish: () => void) => {
          if (settled) return;
          settled = true;
          finish();
        };
        req.once("end", () => settle(() => controller.close()));
        req.once("error", (err) => settle(() => controller.error(err)));
        // A sender that disconnects mid-body may only produce 'close'; fail the read, do not hang.
        req.once("close", () => settle(() => controller.error(new Error("Request closed before its body ended"))));
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        settled = true;
        // Pause, not destroy: destroying the request would kill the socket before the 413 is sent.
        req.pause();
        // Stryker disable next-line ConditionalExpression: cancel() only runs after start() has set onData.
        if (onData) req.off("data", onData);
      },
    },
    // The default queuing strategy (highWaterMark 1) holds one chunk: the backpressure above.
  );
}
