// Benchmarks of the fake gateway (issue "Aptic in a box"): start time, in-process throughput on a
// store of 10,000 debtors, and memory for 100,000 stored debtors. Runs on the built package
// (dist/); prints a markdown section. `npm run build && node --expose-gc bench/fake.mjs`.
// Goals: start ≤ 300 ms median; ≥ 5,000 GET/s in-process on 10,000 items; memory reported.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { median, ROOT } from "./lib.mjs";

const TESTING = pathToFileURL(join(ROOT, "dist/testing/index.js")).href;
const CLIENT = pathToFileURL(join(ROOT, "dist/index.js")).href;
const OPERATIONS = pathToFileURL(join(ROOT, "dist/operations/index.js")).href;

const debtor = (i) => ({
  debtorReference: `D-${i}`,
  idNumber: `19850312-${String(i % 10000).padStart(4, "0")}`,
  juridicalType: i % 2,
  gender: i % 3,
  firstname: ["Astrid", "Erik", "Sofia", "Lars"][i % 4],
  lastname: `Lindqvist${i % 500}`,
  email: `person${i}@example.se`,
  cellularPhone: "+46701234567",
  languageCode: "sv",
  currencyCode: ["SEK", "EUR", "NOK"][i % 3],
  underAged: false,
  regDate: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
  domicile: "Stockholm",
  municipalCode: "0180",
});

/** Runs `code` in a fresh Node process and returns its JSON output (cold starts, clean heaps). */
function child(code, args = []) {
  const result = spawnSync(process.execPath, [...args, "--input-type=module", "-e", code], { encoding: "utf8", cwd: ROOT });
  if (result.status !== 0) throw new Error(`bench child failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1));
}

function startTimes(runs) {
  const code = `
    const t0 = performance.now();
    const { createFakeGateway } = await import(${JSON.stringify(TESTING)});
    const { pingDebtors } = await import(${JSON.stringify(OPERATIONS)});
    const t1 = performance.now();
    const fake = await createFakeGateway();
    const res = await fake.fetch(fake.baseUrl + pingDebtors.path, { headers: { [fake.apiKeyHeader]: fake.apiKey } });
    if (res.status !== 200) throw new Error("ping " + res.status);
    const t2 = performance.now();
    const again = await createFakeGateway();
    await again.fetch(again.baseUrl + pingDebtors.path, { headers: { [again.apiKeyHeader]: again.apiKey } });
    const t3 = performance.now();
    console.log(JSON.stringify({ importMs: t1 - t0, startMs: t2 - t1, warmMs: t3 - t2 }));`;
  return Array.from({ length: runs }, () => child(code));
}

async function throughput(rounds) {
  const { createFakeGateway } = await import(TESTING);
  const { apiKey, createApticClient } = await import(CLIENT);
  const { getDebtor, listDebtors } = await import(OPERATIONS);
  const fake = await createFakeGateway();
  const seedStart = performance.now();
  const ids = fake.seed(
    "debtor",
    Array.from({ length: 10_000 }, (_, i) => debtor(i)),
  );
  const seedMs = performance.now() - seedStart;
  const headers = { [fake.apiKeyHeader]: fake.apiKey };
  const aptic = createApticClient({ baseUrl: fake.baseUrl, fetch: fake.fetch, auth: apiKey(fake.apiKey, { header: fake.apiKeyHeader }) });
  const kinds = {
    "GET one debtor (fake.fetch)": (i) =>
      fake.fetch(new Request(fake.baseUrl + getDebtor.path.replace("{debtorGuid}", ids[(i * 7919) % ids.length]), { headers })),
    "GET one debtor (typed client on fake.fetch)": (i) => aptic.call(getDebtor, { params: { path: { debtorGuid: ids[(i * 7919) % ids.length] } } }),
    "GET /debtors page of 25, $filter over 10,000 (fake.fetch)": (i) =>
      fake.fetch(
        new Request(`${fake.baseUrl}${listDebtors.path}?$filter=${encodeURIComponent(`lastname eq 'Lindqvist${i % 500}' and currencyCode ne 'NOK'`)}`, {
          headers,
        }),
      ),
  };
  const rows = [];
  for (const [name, call] of Object.entries(kinds)) {
    const rates = [];
    // Round 0 warms the JIT and is discarded.
    for (let round = 0; round <= rounds; round += 1) {
      let n = 0;
      const end = performance.now() + 1000;
      while (performance.now() < end) {
        const res = await call(n);
        const status = res.status ?? res.response?.status;
        if (status !== 200) throw new Error(`${name}: status ${status}`);
        if (res.body && !res.response) await res.text();
        n += 1;
        if (n % 5000 === 0) fake.requests.clear();
      }
      fake.requests.clear();
      if (round > 0) rates.push(n);
    }
    rows.push({ name, median: median(rates), min: Math.min(...rates), max: Math.max(...rates) });
  }
  return { seedMs, rows };
}

function memory(count) {
  const code = `
    const { createFakeGateway } = await import(${JSON.stringify(TESTING)});
    const { pingDebtors } = await import(${JSON.stringify(OPERATIONS)});
    const debtor = ${debtor.toString()};
    const items = Array.from({ length: ${count} }, (_, i) => debtor(i));
    const fake = await createFakeGateway();
    await fake.fetch(fake.baseUrl + pingDebtors.path, { headers: { [fake.apiKeyHeader]: fake.apiKey } });
    globalThis.gc(); globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    fake.seed("debtor", items);
    const seedMs = performance.now() - t0;
    items.length = 0;
    globalThis.gc(); globalThis.gc();
    const after = process.memoryUsage().heapUsed;
    if (fake.store.count("debtor") !== ${count}) throw new Error("count");
    console.log(JSON.stringify({ bytes: after - before, seedMs }));`;
  return child(code, ["--expose-gc"]);
}

/**
 * Runs the fake gateway benchmarks: `{ title, rows, method }` as bench/run.mjs renders sections.
 *
 * @example
 * ```js
 * const { rows } = await fakeGateway();
 * ```
 */
export async function fakeGateway({ starts: startRuns = 9, rounds = 5 } = {}) {
  const starts = startTimes(startRuns);
  const tp = await throughput(rounds);
  const mem = memory(100_000);
  const ms = (v) => `${v.toFixed(0)} ms`;
  const startMedian = median(starts.map((s) => s.startMs));
  const rows = [
    {
      measure: "start (create + first answer), median",
      result: `${ms(startMedian)} (min ${ms(Math.min(...starts.map((s) => s.startMs)))}, max ${ms(Math.max(...starts.map((s) => s.startMs)))})`,
      goal: `≤ 300 ms: ${startMedian <= 300 ? "met" : "**missed**"}`,
    },
    { measure: "import of `aptic-gateway-client/testing`, median", result: ms(median(starts.map((s) => s.importMs))), goal: "" },
    { measure: "warm start (second fake in a process), median", result: ms(median(starts.map((s) => s.warmMs))), goal: "" },
    ...tp.rows.map((r, i) => ({
      measure: r.name,
      result: `${Math.round(r.median).toLocaleString("en-US")} req/s (${r.min.toLocaleString("en-US")}–${r.max.toLocaleString("en-US")})`,
      goal: i === 0 ? `≥ 5,000 req/s: ${r.median >= 5000 ? "met" : "**missed**"}` : "",
    })),
    { measure: "seed 10,000 debtors (each validated against the schema)", result: ms(tp.seedMs), goal: "" },
    {
      measure: "memory for 100,000 stored debtors",
      result: `${(mem.bytes / 1024 / 1024).toFixed(1)} MB (${Math.round(mem.bytes / 100_000)} B per debtor); seeding took ${ms(mem.seedMs)}`,
      goal: "reported",
    },
  ];
  return {
    id: "fake",
    title: "8. Fake gateway (`createFakeGateway`, issue 13's bars)",
    startMedianMs: startMedian,
    getPerSecond: tp.rows[0].median,
    clientGetPerSecond: tp.rows[1].median,
    memoryBytes: mem.bytes,
    rows,
    method: `built package (dist/). Start = \`await createFakeGateway()\` + the first request answered (\`GET /debtors/ping\` through \`fake.fetch\`), in a fresh Node process per sample (${startRuns} samples; the module import is timed separately); warm = a second fake in the same process (the validator and the prepared spec are shared). Throughput: sequential in-process requests for 1 s, ${rounds} rounds after a warm-up round, median and range (request log cleared every 5,000); the GET reads a random one of 10,000 seeded debtors. Memory: heap growth after seeding 100,000 debtors of 15 fields each, after two forced GCs, in a fresh process`,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { title, rows, method } = await fakeGateway();
  console.log(
    [
      `## ${title}`,
      "",
      "| measure | result | goal |",
      "| --- | --- | --- |",
      ...rows.map((r) => `| ${r.measure} | ${r.result} | ${r.goal} |`),
      "",
      `Method: ${method}.`,
      "",
    ].join("\n"),
  );
}
