// 1. Loopback throughput: the same GET of a ~1 kB JSON resource from a local node:http server
// (separate process) through raw fetch, bare openapi-fetch, this client and axios.
import axios from "axios";
import createClient from "openapi-fetch";
import { bearer, createApticClient, unwrap } from "../dist/index.js";
import { getDebtor } from "../dist/operations/index.js";
import { fmt, interleaved, iqr, startBenchServer } from "./lib.mjs";

const GUID = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";
const TOKEN = "bench-token";

export async function loopback(options = {}) {
  const server = await startBenchServer();
  try {
    const baseUrl = server.url;
    const openapi = createClient({ baseUrl, headers: { Authorization: `Bearer ${TOKEN}` } });
    const aptic = createApticClient({ baseUrl, auth: bearer(TOKEN) });
    const http = axios.create({ baseURL: baseUrl, headers: { Authorization: `Bearer ${TOKEN}` } });
    const params = { path: { debtorGuid: GUID } };
    // The same operation's URL for the clients without an operation table (raw fetch, axios).
    const resource = getDebtor.path.replace("{debtorGuid}", GUID);
    const check = (data) => {
      if (data?.debtorGuid !== GUID) throw new Error("unexpected body");
    };

    const subjects = [
      {
        id: "a",
        label: "(a) raw fetch",
        fn: async () => check(await (await fetch(`${baseUrl}${resource}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()),
      },
      { id: "b", label: "(b) bare openapi-fetch", fn: async () => check((await openapi.GET(getDebtor.path, { params })).data) },
      {
        id: "c",
        label: "(c) aptic client (auth, retry, errors) + unwrap",
        fn: async () => check(await unwrap(aptic.call(getDebtor, { params }))),
      },
      { id: "d", label: "(d) axios", fn: async () => check((await http.get(resource)).data) },
    ];
    const bytes = Number((await fetch(`${baseUrl}${resource}`)).headers.get("content-length"));
    const run = await interleaved(subjects, options);
    return {
      id: "loopback",
      title: "1. Loopback throughput (GET ~1 kB JSON)",
      resourceBytes: bytes,
      rows: subjects.map((s) => ({
        subject: s.label,
        "ops/s (median)": fmt.int(run.medians[s.id]),
        "rounds p25–p75": iqr(run.perRound[s.id]),
        "× (b) openapi-fetch": fmt.x(run.ratio(s.id, "b")),
        "× (a) raw fetch": fmt.x(run.ratio(s.id, "a")),
        iterations: run.samples[s.id],
      })),
      ratios: { cb: run.ratio("c", "b"), ca: run.ratio("c", "a"), cd: run.ratio("c", "d") },
      medians: run.medians,
      perRound: run.perRound,
      method: `${run.rounds} interleaved rounds × ${run.time} ms per subject after ${run.warmupTime} ms tinybench warm-up each; round figure = 1000 / median latency; ratios = median of per-round ratios`,
    };
  } finally {
    await server.close();
  }
}
