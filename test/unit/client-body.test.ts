// The response body is read by openapi-fetch after the retrying fetch has returned, so the
// attempt's timeout must stay armed until the body is read, and failures while reading it must
// still surface as the client's typed errors. A real loopback server makes the sockets real.
import { once } from "node:events";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApticAbortError, ApticConnectionError, ApticTimeoutError, createApticClient, unwrap } from "../../src/index.js";
import { fakeFetch, GUID, json } from "../support/fake-fetch.js";

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

const get = (id: string, init: { timeoutMs?: number; signal?: AbortSignal } = {}) => {
  const aptic = createApticClient({ baseUrl, auth: { token: "tok" }, retry: false });
  return unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid: id } }, ...init }));
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

  it("once the body is read the timer is gone: the request is never aborted afterwards", async () => {
    const fetch = fakeFetch(() => json(200, { debtorGuid: GUID }));
    const sent: Request[] = [];
    const aptic = createApticClient({ baseUrl, auth: { token: "tok" }, fetch: (r) => (sent.push(r), fetch(r)), timeoutMs: 20 });
    await unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid: GUID } } }));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.signal.aborted).toBe(false);
  });

  it("a custom fetch gets the attempt's signal as init.signal, aborted on timeout (so it can free the connection)", async () => {
    const signals: AbortSignal[] = [];
    const fetch = (_: Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        if (init?.signal) signals.push(init.signal);
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true });
      });
    const aptic = createApticClient({ baseUrl, auth: { token: "tok" }, fetch, retry: false, timeoutMs: 30 });
    const err = await aptic.GET("/debtors/ping").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticTimeoutError);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[0]?.reason).toBe(err);
  });

  it("a malformed JSON body keeps its SyntaxError (server content, not a transport failure)", async () => {
    const fetch = async () => new Response("{not json", { status: 200, headers: { "content-type": "application/json", "content-length": "9" } });
    const aptic = createApticClient({ baseUrl, auth: { token: "tok" }, fetch });
    await expect(aptic.GET("/debtors/ping")).rejects.toBeInstanceOf(SyntaxError);
  });
});
