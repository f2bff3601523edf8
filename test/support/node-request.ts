// A NodeIncomingMessage with headers only, for driving the Node webhook adapter without a server:
// its body never arrives (readableEnded false), so a rejection hangs up on `socket`.
import type { NodeIncomingMessage } from "../../src/node/types.js";

export function headersOnlyRequest(headers: NodeIncomingMessage["headers"], socket: NodeIncomingMessage["socket"]): NodeIncomingMessage {
  return {
    method: "POST",
    url: "/",
    headers,
    readableEnded: false,
    on: () => undefined,
    off: () => undefined,
    once: () => undefined,
    pause: () => undefined,
    resume: () => undefined,
    socket,
  };
}
