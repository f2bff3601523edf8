// Theme: every failure is typed. Whatever a server (or a hostile thing posing as one) answers,
// a call resolves or rejects with an ApticError subclass — never a bare TypeError,
// SyntaxError or DOMException — and a body too large is cut off, not read to the end.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ApticConnectionError, ApticError, ApticResponseError, ApticUsageError, bearer, unwrap } from "../../src/index.js";
import { fakeClock } from "./support/clock.js";
import { clientFor, rejection } from "./support/endpoints.js";
import { closeAll, json, startRawServer, startServer } from "./support/loopback.js";
import { createDebtor, pingDebtors } from "../../src/operations/index.js";

afterEach(closeAll);

describe("a 2xx body that is not JSON for a JSON operation", () => {
  it.each([
    ["an HTML error page", "text/html", `<html><body>${"Service temporarily unavailable. ".repeat(300)}</body></html>`],
    ["truncated JSON", "application/json", '{"debtorGuid":"g-1","lastname":'],
    ["a bare word", "application/json", "OK"],
    ["JSON followed by junk", "application/json", '{"a":1} trailing'],
  ])("%s is an ApticResponseError (invalid_json) with status, request id, a short excerpt and the SyntaxError as cause", async (_, contentType, body) => {
    const gateway = await startServer((__, res) => {
      res.writeHead(200, { "content-type": contentType, "x-request-id": "req-42" });
      res.end(body);
    });
    const err = await rejection(clientFor(gateway.origin).GET(pingDebtors.path));

    expect(err).toBeInstanceOf(ApticResponseError);
    const e = err as ApticResponseError;
    expect(e.reason).toBe("invalid_json");
    expect(e.status).toBe(200);
    expect(e.requestId).toBe("req-42");
    expect(body.startsWith(e.bodyExcerpt ?? "-")).toBe(true);
    expect((e.bodyExcerpt ?? "").length).toBeGreaterThan(0);
    expect((e.bodyExcerpt ?? "").length).toBeLessThanOrEqual(200);
    expect((e.cause as Error | undefined)?.name).toBe("SyntaxError");
  });

  it("the same body through unwrap() is the same typed error (no SyntaxError escapes)", async () => {
    const gateway = await startServer((_, res) => {
      res.writeHead(201, { "content-type": "application/json" });
      res.end("<xml/>");
    });
    const err = await rejection(unwrap(clientFor(gateway.origin).POST(createDebtor.path, { body: {} as never })));
    expect(err).toBeInstanceOf(ApticResponseError);
    expect(err).not.toBeInstanceOf(SyntaxError);
  });
});

/** A server that writes `total` bytes (with or without Content-Length) and reports how far it got. */
async function largeBodyServer(status: number, total: number, declareLength: boolean) {
  let report: (r: { written: number; finished: boolean }) => void = () => {};
  const done = new Promise<{ written: number; finished: boolean }>((resolve) => (report = resolve));
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const server = await startServer(async (_, res: ServerResponse) => {
    res.writeHead(status, { "content-type": "application/json", ...(declareLength ? { "content-length": total } : {}) });
    let written = 0;
    let closed = false;
    res.on("close", () => (closed = true));
    res.write('"');
    while (written < total - 2 && !closed) {
      const ok = res.write(chunk);
      written += chunk.length;
      if (!ok)
        await new Promise<void>((resolve) => {
          const go = () => (res.off("drain", go), res.off("close", go), resolve());
          res.on("drain", go).on("close", go);
        });
    }
    if (!closed) res.end('"');
    report({ written, finished: !closed && res.writableFinished });
  });
  return { ...server, done };
}

describe("a body over maxResponseBytes", () => {
  const TOTAL = 64 * 1024 * 1024;

  it.each([
    ["with a declared Content-Length", true],
    ["chunked, without a length", false],
  ])("a 2xx body %s is an ApticResponseError (too_large) and the client stops reading it", async (_, declared) => {
    const gateway = await largeBodyServer(200, TOTAL, declared);
    const err = await rejection(clientFor(gateway.origin, { maxResponseBytes: 1024 }).GET(pingDebtors.path));

    expect(err).toBeInstanceOf(ApticResponseError);
    expect((err as ApticResponseError).reason).toBe("too_large");
    const { written, finished } = await gateway.done;
    expect(finished, "the server could write the whole body: the client kept reading").toBe(false);
    expect(written).toBeLessThan(TOTAL);
  });

  it.each([
    ["404 with a declared Content-Length", 404, true],
    ["500 chunked, without a length", 500, false],
  ])("an error body (%s) is an ApticResponseError (too_large) and the client stops reading it", async (_, status, declared) => {
    const gateway = await largeBodyServer(status, TOTAL, declared);
    const err = await rejection(clientFor(gateway.origin, { maxResponseBytes: 4096 }).GET(pingDebtors.path));

    expect(err).toBeInstanceOf(ApticResponseError);
    expect((err as ApticResponseError).reason).toBe("too_large");
    expect((err as ApticResponseError).status).toBe(status);
    expect((await gateway.done).finished).toBe(false);
  });

  it.each([200, 500])("a declared Content-Length over the limit (%i) is refused before a single byte of the body is pulled", async (status) => {
    let pulls = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls++;
          controller.enqueue(new Uint8Array(1024));
        },
        cancel: () => void (cancelled = true),
      },
      { highWaterMark: 0 },
    );
    const fetch = async () => new Response(body, { status, headers: { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) } });
    const err = await rejection(clientFor("https://gw.example.org", { fetch, maxResponseBytes: 4096 }).GET(pingDebtors.path));

    expect(err).toBeInstanceOf(ApticResponseError);
    expect((err as ApticResponseError).reason).toBe("too_large");
    expect(pulls).toBe(0);
    expect(cancelled).toBe(true);
  });

  it("a body just under the limit is read normally", async () => {
    const gateway = await startServer((_, res) => json(res, 200, { pad: "x".repeat(900) }));
    const data = await unwrap(clientFor(gateway.origin, { maxResponseBytes: 1024 }).GET(pingDebtors.path));
    expect(data).toEqual({ pad: "x".repeat(900) });
  });

  it.each([0, -1, 1.5, NaN, Infinity, "1024"])("maxResponseBytes %s is an ApticUsageError", (value) => {
    expect(() => clientFor("https://gw.example.org", { maxResponseBytes: value as number })).toThrow(ApticUsageError);
  });
});

describe("a request body that cannot be JSON-encoded", () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic["self"] = cyclic;

  it.each<[string, unknown]>([
    ["a BigInt", { amount: 10n }],
    ["a cycle", cyclic],
    [
      "a toJSON that throws",
      {
        toJSON: () => {
          throw new Error("nope");
        },
      },
    ],
  ])("%s is an ApticUsageError before anything is sent", async (_, body) => {
    const gateway = await startServer();
    const err = await rejection(clientFor(gateway.origin).POST(createDebtor.path, { body: body as never }));
    expect(err).toBeInstanceOf(ApticUsageError);
    expect(gateway.received).toHaveLength(0);
  });
});

describe("hostile servers: everything a call rejects with is an ApticError", () => {
  const HOSTILE: Array<[string, (socket: import("node:net").Socket) => void]> = [
    ["a reset in the middle of the headers", (s) => (s.write("HTTP/1.1 200 OK\r\nContent-Ty"), s.resetAndDestroy())],
    ["a garbage status line", (s) => s.end("GARBAGE NOT HTTP\r\n\r\n")],
    ["no status line at all (HTTP/0.9 style)", (s) => s.end("hello world")],
    ["a close right after the headers (body promised)", (s) => s.end("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")],
    ["a close in the middle of the body", (s) => s.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"value":[1,2')],
    [
      "a reset in the middle of the body",
      (s) => (s.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"value":['), setTimeout(() => s.resetAndDestroy(), 10)),
    ],
    ["a broken chunked encoding", (s) => s.end("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n")],
    ["conflicting Content-Length headers", (s) => s.end("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 7\r\n\r\n{}")],
    ["a close with no bytes at all", (s) => s.destroy()],
    ["an oversized header block", (s) => s.end(`HTTP/1.1 200 OK\r\nX-Big: ${"a".repeat(256 * 1024)}\r\n\r\n{}`)],
    [
      "a gzip body that is not gzip",
      (s) => s.end("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 12\r\n\r\nnot-gzip-at!"),
    ],
    [
      "an error status whose body is cut off",
      (s) => s.end('HTTP/1.1 500 Oops\r\nContent-Type: application/problem+json\r\nContent-Length: 100\r\n\r\n{"title":'),
    ],
    ["only a 100 Continue, then a close", (s) => s.end("HTTP/1.1 100 Continue\r\n\r\n")],
  ];

  it.each(HOSTILE)("%s: GET rejects (or resolves) with nothing but ApticError, with and without retries", async (_, behave) => {
    const server = await startRawServer((socket) => behave(socket));
    for (const retry of [false, { retries: 2 }] as const) {
      for (const parseAs of ["json", "text"] as const) {
        const aptic = clientFor(server.origin, { auth: bearer("t0ken-value"), retry, timing: fakeClock().timing });
        const err = await rejection(aptic.GET(pingDebtors.path, { parseAs }));
        if (err !== undefined) expect(err, `${JSON.stringify(retry)} ${parseAs}: ${String(err)}`).toBeInstanceOf(ApticError);
        const viaUnwrap = await rejection(unwrap(aptic.GET(pingDebtors.path, { parseAs })));
        expect(viaUnwrap, `unwrap ${JSON.stringify(retry)} ${parseAs}: ${String(viaUnwrap)}`).toBeInstanceOf(ApticError);
      }
    }
  });

  it.each(HOSTILE)("%s: POST with a body rejects with nothing but ApticError", async (_, behave) => {
    const server = await startRawServer((socket) => behave(socket));
    const err = await rejection(unwrap(clientFor(server.origin).POST(createDebtor.path, { body: { firstname: "Ola" } as never, idempotencyKey: "k-1" })));
    expect(err, String(err)).toBeInstanceOf(ApticError);
  });

  it("a connection refused is an ApticConnectionError", async () => {
    const server = await startServer();
    const origin = server.origin;
    await server.close();
    const err = await rejection(clientFor(origin).GET(pingDebtors.path));
    expect(err).toBeInstanceOf(ApticConnectionError);
  });
});

describe("body reads the client does not type yet", () => {
  it.each(["arrayBuffer", "blob"] as const)(
    "a connection lost in the middle of the body with parseAs %s is an ApticError, not a bare TypeError",
    async (parseAs) => {
      const server = await startRawServer((socket) =>
        socket.end("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\nabc"),
      );
      const err = await rejection(clientFor(server.origin).GET(pingDebtors.path, { parseAs }));
      expect(err, String(err)).toBeInstanceOf(ApticError);
    },
  );
});
