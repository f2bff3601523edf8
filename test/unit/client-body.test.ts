// The response body is read by openapi-fetch after the retrying fetch has returned, so the
// attempt's timeout must stay armed until the body is read, and failures while reading it must
// still surface as the client's typed errors. A real loopback server makes the sockets real.
import { once } from "node:events";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApticAbortError, ApticConnectionError, ApticResponseError, ApticTimeoutError, bearer, createApticClient, unwrap } from "../../src/index.js";
import { fakeFetch, GUID, json } from "../support/fake-fetch.js";
import { getDebtor, pingDebtors } from "../../src/operations/index.js";

type Behaviour = (res: ServerResponse) => void;
const behaviours = new Map<string, Behaviour>();
let server: Server;
let baseUrl: string;

const head = (res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write('{"debtorGuid":"'); // part of the body, then the behaviour decides
};

beforeAll(async () => {
  behaviours.set("stall", head); // never finishes the body
  behaviours.set("reset", (res) => {
    head(res);
    setTimeout(() => res.socket?.destroy(), 20);
  });
  behaviours.set("slow-ok", (res) => {
    head(res);
    setTimeout(() => res.end(`${GUID}"}`), 30);
  });
  // 64 kB streamed in 1 kB chunks, no Content-Length: only a running count can stop it.
  behaviours.set("endless", (res) => {
    head(res);
    let sent = 0;
    const more = () => {
      if (res.destroyed || sent++ >= 64) return void res.end();
      res.write("x".repeat(1024), more);
    };
    more();
  });
  server = createServer((req, res) => {
    const id = req.url?.split("/").pop() ?? "";
    (behaviours.get(id) ?? ((r: ServerResponse) => r.writeHead(404).end()))(res);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

const get = (id: string, init: { timeoutMs?: number; signal?: AbortSignal } = {}, maxResponseBytes?: number) => {
  const aptic = createApticClient({ baseUrl, auth: bearer("tok"), retry: false, ...(maxResponseBytes ? { maxResponseBytes } : {}) });
  return unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: id } }, ...init }));
};

describe("response bodies", () => {
  it("a body that stalls after the headers is an ApticTimeoutError, not a hang", async () => {
    const err = await get("stall", { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticTimeoutError);
    expect(err).toMatchObject({ timeoutMs: 100, method: "GET" });
  });

  it("a connection reset while the body streams is an ApticConnectionError", async () => {
    const err = await get("reset", { timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticConnectionError);
    expect(err).not.toBeInstanceOf(ApticTimeoutError);
  });

  it("a caller abort while the body streams is an ApticAbortError", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 50);
    const err = await get("stall", { timeoutMs: 5000, signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticAbortError);
    expect((err as ApticAbortError).cause).toEqual(new Error("user left"));
  });

  it("a body that arrives within the timeout is read in full", async () => {
    expect(await get("slow-ok", { timeoutMs: 2000 })).toEqual({ debtorGuid: GUID });
  });

  it("once the body is read the timer is gone: the attempt's signal is never aborted afterwards", async () => {
    const fetch = fakeFetch(() => json(200, { debtorGuid: GUID }));
    const aptic = createApticClient({ baseUrl, auth: bearer("tok"), fetch, timeoutMs: 20 });
    await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } }));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fetch.seen).toHaveLength(1);
    expect(fetch.seen[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(fetch.seen[0]?.signal?.aborted).toBe(false);
  });

  it("a custom fetch gets the attempt's signal as init.signal, aborted on timeout (so it can free the connection)", async () => {
    const signals: AbortSignal[] = [];
    const modes: Array<RequestRedirect | undefined> = [];
    const fetch = (_: Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        if (init?.signal) signals.push(init.signal);
        modes.push(init?.redirect);
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true });
      });
    const aptic = createApticClient({ baseUrl, auth: bearer("tok"), fetch, retry: false, timeoutMs: 30 });
    const err = await aptic.GET(pingDebtors.path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticTimeoutError);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    // The signal may be shared by attempts whose limits end together, so its reason is the
    // standard TimeoutError; the call itself rejects with its own typed error.
    expect(signals[0]?.reason).toMatchObject({ name: "TimeoutError" });
    expect(modes).toEqual(["manual"]);
  });

  // Deliberate change: a 2xx with invalid JSON was a bare SyntaxError; it is now a typed
  // ApticResponseError (reason "invalid_json") that keeps the SyntaxError as its cause.
  it("a malformed JSON body is an ApticResponseError with the SyntaxError as cause (server content, not a transport failure)", async () => {
    const fetch = async () =>
      new Response("{not json", { status: 200, headers: { "content-type": "application/json", "content-length": "9", "x-request-id": "req-9" } });
    const aptic = createApticClient({ baseUrl, auth: bearer("tok"), fetch });
    const err = await aptic.GET(pingDebtors.path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticResponseError);
    expect(err).not.toBeInstanceOf(ApticConnectionError);
    expect(err).toMatchObject({
      reason: "invalid_json",
      status: 200,
      method: "GET",
      url: `${baseUrl}${pingDebtors.path}`,
      requestId: "req-9",
      bodyExcerpt: "{not json",
    });
    expect((err as Error).cause).toBeInstanceOf(SyntaxError);
  });

  it("a body over maxResponseBytes is an ApticResponseError (too_large), declared or streamed", async () => {
    const declared = async () => new Response("{}", { status: 200, headers: { "content-type": "application/json", "content-length": "2000000" } });
    const aptic = createApticClient({ baseUrl, auth: bearer("tok"), fetch: declared, maxResponseBytes: 1000 });
    await expect(aptic.GET(pingDebtors.path)).rejects.toMatchObject({ name: "ApticResponseError", reason: "too_large", status: 200 });
    const err = await get("endless", { timeoutMs: 5000 }, 10_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticResponseError);
    expect(err).toMatchObject({ reason: "too_large", status: 200 });
    // The same body under a larger limit is read in full (and then is not JSON).
    await expect(get("endless", { timeoutMs: 5000 }, 100_000)).rejects.toMatchObject({ reason: "invalid_json" });
  });
});
