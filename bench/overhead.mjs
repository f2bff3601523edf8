// 2. Client overhead without network: a mocked fetch answers every request with the same ~1 kB
// JSON Response, so only client-side work is measured (bare openapi-fetch vs this client).
import createClient from "openapi-fetch";
import { bearer, createApticClient, unwrap } from "../dist/index.js";
import { getDebtor } from "../dist/operations/index.js";
import { fmt, interleaved, iqr } from "./lib.mjs";

const GUID = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";
const BODY = JSON.stringify({ debtorGuid: GUID, lastname: "Lindqvist", note: "x".repeat(960) });

export async function overhead(options = {}) {
  const fetch = async () => new Response(BODY, { status: 200, headers: { "content-type": "application/json" } });
  // https: the client refuses to send credentials over plain http to a non-loopback host (the fetch is mocked anyway).
  const baseUrl = "https://gateway.invalid";
  const openapi = createClient({ baseUrl, fetch, headers: { Authorization: "Bearer t" } });
  const aptic = createApticClient({ baseUrl, auth: bearer("t"), fetch });
  const params = { path: { debtorGuid: GUID } };
  const check = (data) => {
    if (data?.debtorGuid !== GUID) throw new Error("unexpected body");
  };
  const subjects = [
    { id: "b", label: "(b) bare openapi-fetch", fn: async () => check((await openapi.GET(getDebtor.path, { params })).data) },
    { id: "c", label: "(c) aptic client + unwrap", fn: async () => check(await unwrap(aptic.call(getDebtor, { params }))) },
  ];
  const run = await interleaved(subjects, options);
  return {
    id: "overhead",
    title: "2. Client overhead with a mocked fetch (no network)",
    rows: subjects.map((s) => ({
      subject: s.label,
      "ops/s (median)": fmt.int(run.medians[s.id]),
      "rounds p25–p75": iqr(run.perRound[s.id]),
      "× (b)": fmt.x(run.ratio(s.id, "b")),
      "µs/op": (1e6 / run.medians[s.id]).toFixed(1),
      iterations: run.samples[s.id],
    })),
    ratios: { cb: run.ratio("c", "b") },
    medians: run.medians,
    perRound: run.perRound,
    method: `${run.rounds} interleaved rounds × ${run.time} ms per subject after warm-up; medians as in section 1`,
  };
}
