// 7. Where the client's per-call cost goes (the ingredient table behind sections 1 and 2).
// Bare openapi-fetch, then PROTOTYPES that add the client's pipeline one ingredient at a time —
// each built from the client's own modules where the ingredient is the client's (CallState and
// its shared timeout buckets, the bounded body reader, the serializers, bearer()), hand-written
// where it is an alternative the design did not choose (a per-attempt AbortController and timer,
// response.text()). The next-to-last row runs the client's own attempt
// loop (pipeline.js); the prototypes before it leave out what that loop adds (redirect check,
// retry decision, typed connection errors), and all rows leave out the option and path checks
// and unwrap, which only the last row (the client itself) has.
import createClient from "openapi-fetch";
import { bearer } from "../dist/auth/bearer.js";
import { bodySerializer, pathSerializer, querySerializer } from "../dist/client/serializers.js";
import { createScrubber } from "../dist/errors/scrub.js";
import { CallState } from "../dist/http/call-state.js";
import { callFetch } from "../dist/http/pipeline.js";
import { readText } from "../dist/http/read-body.js";
import { realTiming } from "../dist/http/timing.js";
import { bearer as publicBearer, createApticClient, unwrap, VERSION } from "../dist/index.js";
import { resolveRetry } from "../dist/retry/options.js";
import { fmt, interleaved, quantile, startBenchServer } from "./lib.mjs";

const GUID = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";
const BODY = JSON.stringify({ debtorGuid: GUID, lastname: "Lindqvist", note: "x".repeat(960) });
const PATH = "/debtors/{debtorGuid}";
const params = { path: { debtorGuid: GUID } };
const RETRY = resolveRetry(undefined);

/**
 * The prototype rows: `{ id, base, label, chosen, make(send, baseUrl) → fn }`, where `base` is the
 * row it adds one ingredient to (its paired ratio is shown) and `chosen` says whether the client
 * uses the ingredient ("yes"), an alternative of it that it did not choose ("no"), or "—".
 */
function prototypes() {
  const bound = bearer("t").bind({}); // a fixed token needs none of the client's deps
  const scrub = createScrubber(() => bound.secrets());
  const setAuth = (request) => {
    const headers = bound.headers();
    for (const name in headers) request.headers.set(name, headers[name]);
  };
  /**
   * The per-call wrapper, as createApticClient's request(): client options split from
   * openapi-fetch's, one CallState, a per-call fetch closure; `read` (if any) reads the 2xx body
   * itself from `parseAs: "stream"`.
   */
  const wrapper = (core, attempt, read) => async (path, init) => {
    const { timeoutMs, deadlineMs, retry, idempotencyKey, requestId, signal, parseAs = "json", fetch: ownFetch, ...rest } = init;
    const ctx = {
      state: new CallState({
        method: "GET",
        schemaPath: path,
        operationId: undefined,
        timeoutMs: timeoutMs ?? 30_000,
        deadlineMs: deadlineMs ?? 0,
        retry: retry ?? RETRY,
        idempotencyKey,
        requestId,
        maxResponseBytes: 52_428_800,
        signal: signal ?? undefined,
        now: realTiming.now,
      }),
      timer: undefined,
    };
    try {
      const result = await core.GET(path, { ...rest, parseAs: read ? "stream" : parseAs, fetch: (input) => attempt(ctx, input, ownFetch) });
      if (read && result.response.ok) result.data = await read(ctx.state, result.response);
      return result;
    } finally {
      clearTimeout(ctx.timer);
      ctx.state.close();
    }
  };
  const INIT = { redirect: "manual" };
  const attempts = {
    plain: (send) => (_ctx, input) => send(input),
    auth: (send) => (_ctx, input) => (setAuth(input), send(input)),
    controller: (send) => (ctx, input) => {
      setAuth(input);
      const controller = new AbortController();
      ctx.timer = setTimeout(() => controller.abort(), 30_000);
      return send(input, { ...INIT, signal: controller.signal });
    },
    bucket: (send) => (ctx, input) => {
      setAuth(input);
      return send(input, { ...INIT, signal: ctx.state.begin(true) });
    },
    race: (send) => (ctx, input) => {
      setAuth(input);
      const signal = ctx.state.begin(true);
      return ctx.state.race(send(input, { ...INIT, signal }));
    },
  };
  const readers = {
    bounded: async (state, response) => {
      const text = await readText(state, response, scrub);
      return text === "" ? undefined : JSON.parse(text);
    },
    text: async (_state, response) => JSON.parse(await response.text()),
  };
  const plainCore = (baseUrl) => createClient({ baseUrl });
  const run = (call) => async () => (await call(PATH, { params })).data;
  return [
    {
      id: "wrapper",
      base: "b",
      chosen: "yes",
      label: "+ per-call wrapper: options split out, a CallState, a per-call fetch closure",
      make: (send, url) => run(wrapper(plainCore(url), attempts.plain(send))),
    },
    {
      id: "auth",
      base: "wrapper",
      chosen: "yes",
      label: "+ auth header set on openapi-fetch's Request (bearer().headers())",
      make: (send, url) => run(wrapper(plainCore(url), attempts.auth(send))),
    },
    {
      id: "controller",
      base: "auth",
      chosen: "no",
      label: "+ per-attempt AbortController + timer (the design not chosen)",
      make: (send, url) => run(wrapper(plainCore(url), attempts.controller(send))),
    },
    {
      id: "bucket",
      base: "auth",
      chosen: "yes",
      label: "+ shared timeout bucket (CallState.begin → timeouts.js)",
      make: (send, url) => run(wrapper(plainCore(url), attempts.bucket(send))),
    },
    {
      id: "race",
      base: "bucket",
      chosen: "yes",
      label: "+ race of the fetch against the stop (CallState.race)",
      make: (send, url) => run(wrapper(plainCore(url), attempts.race(send))),
    },
    {
      id: "text",
      base: "race",
      chosen: "no",
      label: "+ body read with response.text() + JSON.parse (parseAs stream; not chosen)",
      make: (send, url) => run(wrapper(plainCore(url), attempts.race(send), readers.text)),
    },
    {
      id: "reader",
      base: "race",
      chosen: "yes",
      label: "+ body read by the bounded reader (read-body.js readText; parseAs stream)",
      make: (send, url) => run(wrapper(plainCore(url), attempts.race(send), readers.bounded)),
    },
    {
      id: "serializers",
      base: "reader",
      chosen: "yes",
      label: "+ the client's path/query/body serializers",
      make: (send, url) => run(wrapper(createClient({ baseUrl: url, pathSerializer, querySerializer, bodySerializer }), attempts.race(send), readers.bounded)),
    },
    {
      id: "pipeline",
      base: "serializers",
      chosen: "yes",
      label: "+ the client's attempt loop for the prototype's (pipeline.js callFetch: send(), redirect check, retry decision; no onEvent), User-Agent header",
      make: (send, url) => {
        const core = createClient({
          baseUrl: url,
          headers: { "User-Agent": `aptic-gateway-client/${VERSION}` },
          pathSerializer,
          querySerializer,
          bodySerializer,
          redirect: "manual",
        });
        const deps = { fetch: send, auth: bound, timing: realTiming, emit: undefined, scrub };
        return run(wrapper(core, (ctx, input) => callFetch(deps, ctx.state)(input), readers.bounded));
      },
    },
  ];
}

async function measure(title, baseUrl, send, options) {
  const plain = createClient({ baseUrl, fetch: send, headers: { Authorization: "Bearer t" } });
  const aptic = createApticClient({ baseUrl, auth: publicBearer("t"), fetch: send });
  const check = (data) => {
    if (data?.debtorGuid !== GUID) throw new Error("unexpected body");
  };
  const rows = [
    { id: "b", base: undefined, chosen: "—", label: "(b) bare openapi-fetch", fn: async () => check((await plain.GET(PATH, { params })).data) },
    ...prototypes().map((p) => {
      const fn = p.make(send, baseUrl);
      return { ...p, fn: async () => check(await fn()) };
    }),
    {
      id: "c",
      base: "pipeline",
      chosen: "—",
      label: "(c) the client + unwrap (adds option, path and header checks, the finished/failed bookkeeping, unwrap)",
      fn: async () => check(await unwrap(aptic.GET(PATH, { params }))),
    },
  ];
  const result = await interleaved(rows, options);
  const us = (id) => 1e6 / result.medians[id];
  /** p25 and p75 of the per-round paired ratios x/y. */
  const spread = (x, y) => {
    const ratios = result.perRound[x].map((v, i) => v / result.perRound[y][i]);
    return [quantile(ratios, 0.25), quantile(ratios, 0.75)];
  };
  return {
    title,
    rows: rows.map((r) => ({
      ingredient: r.label,
      "in the client": r.chosen,
      "ops/s (median)": fmt.int(result.medians[r.id]),
      "× (b)": fmt.x(result.ratio(r.id, "b")),
      "× the row it adds to (rounds p25–p75)": r.base
        ? `${fmt.x(result.ratio(r.id, r.base))} vs ${r.base} (${spread(r.id, r.base)
            .map((v) => v.toFixed(2))
            .join("–")})`
        : "",
      "µs/op": us(r.id).toFixed(1),
    })),
    ratios: Object.fromEntries(rows.map((r) => [r.id, result.ratio(r.id, "b")])),
    steps: Object.fromEntries(rows.filter((r) => r.base).map((r) => [r.id, result.ratio(r.id, r.base)])),
    stepSpreads: Object.fromEntries(rows.filter((r) => r.base).map((r) => [r.id, spread(r.id, r.base)])),
    microseconds: Object.fromEntries(rows.map((r) => [r.id, us(r.id)])),
  };
}

export async function diagnose(options = {}) {
  const mocked = async () => new Response(BODY, { status: 200, headers: { "content-type": "application/json" } });
  const noNetwork = await measure("mocked fetch", "https://gateway.invalid", mocked, options);
  const server = await startBenchServer();
  let network;
  try {
    network = await measure("loopback", server.url, (request, init) => fetch(request, init), options);
  } finally {
    await server.close();
  }
  return {
    id: "diagnose",
    title: "7. Ingredient table: what each choice of the pipeline costs per call",
    parts: [noNetwork, network],
    method:
      'bare openapi-fetch, then prototypes adding one ingredient each (ids in the last column name the row a step adds to; two rows are the alternatives the client did not choose); built from the client\'s own dist/ modules where the ingredient is the client\'s. Same interleaving as sections 1–2 (all rows of a part in shuffled order per round, a GC before each turn); "× (b)" and "× the row it adds to" are medians of per-round paired ratios. Each row does the typed GET of sections 1–2 (mocked: a ~1 kB JSON Response per call; loopback: the bench server in another process)',
  };
}
