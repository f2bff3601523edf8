// 9. Cold start: time from `import` to the first response of a typed GET (mocked fetch), each
// sample in a fresh Node process, this client vs bare openapi-fetch (and this client bundled
// into one file, which separates the cost of loading ~30 ES modules from the cost of the code).
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { fmt, iqr, median, ROOT, shuffler } from "./lib.mjs";

const GUID = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";
const WORK = join(ROOT, ".tmp/bench-coldstart");
const CLIENT = pathToFileURL(join(ROOT, "dist/index.js")).href;
const OPERATIONS = pathToFileURL(join(ROOT, "dist/operations/index.js")).href;

/** The child's code: warm the fetch globals, then time import → construct → first call. */
function childCode(importLine, construct, call) {
  return `
    const GUID = ${JSON.stringify(GUID)};
    const BODY = JSON.stringify({ debtorGuid: GUID, lastname: "Lindqvist", note: "x".repeat(960) });
    // Node loads its fetch classes lazily; both subjects need them, so they are loaded first.
    void [Request, Response, Headers];
    const fetch = async () => new Response(BODY, { status: 200, headers: { "content-type": "application/json" } });
    // The operation called (the operation table is the app's, whichever client it uses), loaded before the clock starts.
    const { getDebtor } = await import(${JSON.stringify(OPERATIONS)});
    const t0 = performance.now();
    ${importLine}
    const t1 = performance.now();
    ${construct}
    const data = await ${call};
    const t2 = performance.now();
    if (data?.debtorGuid !== GUID) throw new Error("unexpected body");
    console.log(JSON.stringify({ importMs: t1 - t0, firstCallMs: t2 - t1, totalMs: t2 - t0 }));`;
}

const APTIC_CALL = "unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid: GUID } } }))";
const APTIC_CONSTRUCT = 'const aptic = createApticClient({ baseUrl: "https://gateway.invalid", auth: bearer("t"), fetch });';

/** How many ES modules Node loads for `import(file)` (esbuild's metafile: every module reached). */
async function modulesLoaded(file) {
  const result = await build({ entryPoints: [file], bundle: true, write: false, metafile: true, format: "esm", platform: "node", logLevel: "silent" });
  return Object.keys(result.metafile.inputs).length;
}

async function subjects() {
  mkdirSync(WORK, { recursive: true });
  const bundled = join(WORK, "client-bundle.mjs");
  await build({
    stdin: { contents: `export { bearer, createApticClient, unwrap } from ${JSON.stringify(join(ROOT, "dist/index.js"))};`, resolveDir: ROOT, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile: bundled,
    logLevel: "silent",
  });
  return [
    {
      id: "ref",
      label: "bare openapi-fetch",
      modules: 1,
      code: childCode(
        'const { default: createClient } = await import("openapi-fetch");',
        'const api = createClient({ baseUrl: "https://gateway.invalid", fetch, headers: { Authorization: "Bearer t" } });',
        "api.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } }).then((r) => r.data)",
      ),
    },
    {
      id: "client",
      label: "aptic client (dist/, as installed)",
      modules: await modulesLoaded(join(ROOT, "dist/index.js")),
      code: childCode(`const { bearer, createApticClient, unwrap } = await import(${JSON.stringify(CLIENT)});`, APTIC_CONSTRUCT, APTIC_CALL),
    },
    {
      id: "bundled",
      label: "aptic client bundled into one file (esbuild, as an app bundler ships it)",
      modules: 1,
      code: childCode(
        `const { bearer, createApticClient, unwrap } = await import(${JSON.stringify(pathToFileURL(bundled).href)});`,
        APTIC_CONSTRUCT,
        APTIC_CALL,
      ),
    },
  ];
}

function sample(code) {
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`cold-start child failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1));
}

export async function coldStart({ runs = 21, seed = 9 } = {}) {
  const list = await subjects();
  const shuffle = shuffler(seed);
  const samples = Object.fromEntries(list.map((s) => [s.id, []]));
  for (const s of list) sample(s.code); // warm the file system cache
  for (let i = 0; i < runs; i++) for (const s of shuffle(list)) samples[s.id].push(sample(s.code));
  const med = (id, key) => median(samples[id].map((r) => r[key]));
  // Paired per-run ratios (run i of each subject ran in the same shuffled round).
  const ratio = (id) => median(samples[id].map((r, i) => r.totalMs / samples.ref[i].totalMs));
  const ms = (v) => `${v.toFixed(1)} ms`;
  return {
    id: "coldstart",
    title: "9. Cold start (import → first response, mocked fetch)",
    runs,
    modules: Object.fromEntries(list.map((s) => [s.id, s.modules])),
    medians: Object.fromEntries(
      list.map((s) => [s.id, { importMs: med(s.id, "importMs"), firstCallMs: med(s.id, "firstCallMs"), totalMs: med(s.id, "totalMs") }]),
    ),
    ratios: Object.fromEntries(list.map((s) => [s.id, ratio(s.id)])),
    rows: list.map((s) => ({
      subject: s.label,
      "ES modules loaded": s.modules,
      "import (median)": ms(med(s.id, "importMs")),
      "construct + first call (median)": ms(med(s.id, "firstCallMs")),
      "import → first response (median)": ms(med(s.id, "totalMs")),
      "runs p25–p75 (ms)": iqr(samples[s.id].map((r) => r.totalMs)),
      "× openapi-fetch": fmt.x(ratio(s.id)),
    })),
    method: `${runs} fresh Node processes per subject, interleaved in shuffled rounds, medians (ratios: median of the per-round ratios). Timed inside the child from just before the dynamic \`import()\` to the first typed GET's data (mocked fetch answering a ~1 kB JSON body; the client through \`unwrap\`); process start-up is not counted, and Node's lazily loaded fetch classes (Request, Response, Headers) are loaded before the clock starts, since both sides need them`,
  };
}
