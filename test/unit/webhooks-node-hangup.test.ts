// How the Node adapter hangs up on a sender it rejects before reading the whole body: answer,
// FIN, then destroy once the sender closes or the linger ends. A socket that cannot half-close
// (only `destroy`) is destroyed at once. Driven through a bad header (400), which is rejected
// before any body is read.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { NodeIncomingMessage } from "../../src/node/types.js";
import { toNodeListener } from "../../src/node/webhook-listener.js";
import { createWebhookHandler } from "../../src/webhooks/handler.js";
import { headersOnlyRequest } from "../support/node-request.js";

const SECRET = "whsec-hangup-3c9e1a";

function rejected(socket: NodeIncomingMessage["socket"]) {
  const sent: { status?: number; answered?: Promise<void> } = {};
  let answered = () => {};
  sent.answered = new Promise<void>((resolve) => (answered = resolve));
  toNodeListener(createWebhookHandler({ secret: SECRET, onEvent: () => {} }))(
    headersOnlyRequest({ "content-type": "application/json", "x-webhook-secret": `${SECRET}\u0000` }, socket),
    {
      headersSent: false,
      writeHead: (status) => void (sent.status = status),
      end: (_body, done) => {
        done();
        answered();
      },
    },
  );
  return sent;
}

function halfClosable() {
  const on: Partial<Record<"end" | "close", () => void>> = {};
  const socket = {
    end: vi.fn(),
    destroy: vi.fn(),
    once: (event: "end" | "close", listener: () => void) => void (on[event] = listener),
  };
  return { socket, on };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Node adapter: hanging up after a rejection", () => {
  it("sends FIN first and destroys only after the linger of 1 s when the sender never closes", async () => {
    vi.useFakeTimers();
    const { socket } = halfClosable();
    const sent = rejected(socket);
    await sent.answered;
    expect(sent.status).toBe(400);
    expect(socket.end).toHaveBeenCalledTimes(1);
    expect(socket.destroy).not.toHaveBeenCalled();
    vi.advanceTimersByTime(999);
    expect(socket.destroy).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(socket.destroy).toHaveBeenCalledTimes(1);
  });

  it("destroys as soon as the sender closes its side, and a closed socket's linger never fires", async () => {
    vi.useFakeTimers();
    const { socket, on } = halfClosable();
    const sent = rejected(socket);
    await sent.answered;
    expect(sent.status).toBe(400);
    on.end?.();
    expect(socket.destroy).toHaveBeenCalledTimes(1);
    on.close?.();
    vi.advanceTimersByTime(5000);
    expect(socket.destroy).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("destroys at once a socket that can only be destroyed", async () => {
    const socket = { destroy: vi.fn() };
    const sent = rejected(socket);
    await sent.answered;
    expect(sent.status).toBe(400);
    expect(socket.destroy).toHaveBeenCalledTimes(1);
  });

  it("destroys at once a socket that can end but not listen", async () => {
    const socket = { destroy: vi.fn(), end: vi.fn() };
    const sent = rejected(socket);
    await sent.answered;
    expect(sent.status).toBe(400);
    expect(socket.destroy).toHaveBeenCalledTimes(1);
    expect(socket.end).not.toHaveBeenCalled();
  });
});
