// 7. Where the client's per-call cost goes (diagnosis for sections 1 and 2). Bare openapi-fetch
// with hand-written `fetch` wrappers that each add one ingredient of the client's attempt
// (src/http/attempt.ts). These are measurement PROTOTYPES, not the client.
import createClient from "openapi-fetch";
import { bearer, createApticClient, unwrap } from "../dist/index.js";
import { fmt, interleaved, startBenchServer } from "./lib.mjs";

const GUID = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";
const BODY = JSON.stringify({ debtorGuid: GUID, lastname: "Lindqvist", note: "x".repeat(960) });
const params = { path: { debtorGuid: GUID } };

/** Wrappers around `send` (the real or mocked fetch), cumulative ingredients. */
function variants(send) {
  // Today's design (src/http/attempt.ts), built up one ingredient at a time.
  const attempt = async (input, { race = false, guard = false } = {}) => {
    input.headers.set("authorization", "Bearer t");
    const controller = new AbortController();
    let reject;
    const stop = new Promise((_, r) => (reject = r));
    stop.catch(() => {});
    const timer = setTimeout(() => (controller.abort(), reject(new Error("timeout"))), 30_000);
    const sent = send(input, { signal: controller.signal });
    const response = race ? await Promise.race([sent, stop]) : await sent;
    if (!guard) {
      clearTimeout(timer);
      return response;
    }
    for (const name of ["arrayBuffer", "blob", "formData", "json", "text"]) {
      const read = response[name];
      response[name] = () => Promise.race([read.call(response), stop]).finally(() => clearTimeout(timer));
    }
    return response;
  };
  // The previous design, for comparison: a new Request per attempt carrying the signal, and the
  // body buffered into a new Response inside the timeout.
  const previous = async (input) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      const headers = new Headers(input.headers);
      headers.set("authorization", "Bearer t");
      const response = await send(new Request(input, { headers, signal: controller.signal }));
      const body = await response.arrayBuffer();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } finally {
      clearTimeout(timer);
    }
  };
  return [
    { id: "auth", label: "+ auth header set on openapi-fetch's Request", fetch: async (input) => (input.headers.set("authorization", "Bearer t"), send(input)) },
    { id: "signal", label: "+ per-attempt timeout: AbortController and timer, fetch(request, { signal })", fetch: (input) => attempt(input) },
    { id: "race", label: "+ attempt raced against the timeout", fetch: (input) => attempt(input, { race: true }) },
    { id: "guard", label: "+ body readers guarded until the body is read (≈ the client's attempt)", fetch: (input) => attempt(input, { race: true, guard: true }) },
    { id: "previous", label: "previous design: new Request(input, { headers, signal }), body buffered", fetch: previous },
  ];
}

async function measure(title, baseUrl, send, options) {
  const plain = createClient({ baseUrl, fetch: send, headers: { Authorization: "Bearer t" } });
  const aptic = createApticClient({ baseUrl, auth: bearer("t"), fetch: send });
  const subjects = [
    { id: "b", label: "(b) bare openapi-fetch", fn: async () => (await plain.GET("/debtors/{debtorGuid}", { params })).data },
    ...variants(send).map((v) => {
      const client = createClient({ baseUrl, fetch: v.fetch });
      return { id: v.id, label: v.label, fn: async () => (await client.GET("/debtors/{debtorGuid}", { params })).data };
    }),
    { id: "c", label: "(c) aptic client + unwrap", fn: async () => unwrap(aptic.GET("/debtors/{debtorGuid}", { params })) },
  ];
  const run = await interleaved(subjects, options);
  return {
    title,
    rows: subjects.map((s) => ({ subject: s.label, "ops/s (median)": fmt.int(run.medians[s.id]), "× (b)": fmt.x(run.ratio(s.id, "b")) })),
    ratios: Object.fromEntries(subjects.map((s) => [s.id, run.ratio(s.id, "b")])),
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
    title: "7. Diagnosis: cost of each ingredient of the retrying fetch",
    parts: [noNetwork, network],
    method: "bare openapi-fetch with prototype fetch wrappers, each adding one ingredient; same interleaving and medians as sections 1–2",
  };
}
