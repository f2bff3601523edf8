// Shared helpers of the benchmarks: interleaved tinybench rounds, medians, machine facts.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Bench } from "tinybench";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
}

/** "p25–p75" of a list of per-round figures, as integers. */
export function iqr(values) {
  return `${Math.round(quantile(values, 0.25)).toLocaleString("en-US")}–${Math.round(quantile(values, 0.75)).toLocaleString("en-US")}`;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Fisher–Yates with a seeded generator (mulberry32), so a run's orders are reproducible. */
export function shuffler(seed) {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (items) => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
}

/**
 * Measures `subjects` ({ id, fn }) side by side: every subject is warmed up first (tinybench
 * warm-up), then `rounds` rounds run each subject once for `time` ms in a freshly shuffled order.
 * A round's figure is 1000 / median latency (ops/s). With --expose-gc, a full GC runs before each
 * subject's turn. Returns per-subject round figures and medians;
 * `ratio(x, y)` is the median of the per-round x/y ratios (paired, so drift cancels out).
 */
export async function interleaved(subjects, { rounds = 10, time = 500, warmupTime = 1000, seed = 20_26 } = {}) {
  const shuffle = shuffler(seed);
  const warm = new Bench({ time: warmupTime, warmup: true, warmupTime, throws: true });
  for (const s of shuffle(subjects)) warm.add(s.id, s.fn);
  await warm.run();

  const perRound = Object.fromEntries(subjects.map((s) => [s.id, []]));
  const samples = Object.fromEntries(subjects.map((s) => [s.id, 0]));
  for (let round = 0; round < rounds; round++) {
    for (const s of shuffle(subjects)) {
      // Collect the previous subject's garbage first so it is not billed to this one (node --expose-gc).
      globalThis.gc?.();
      const bench = new Bench({ time, warmup: false, iterations: 16, throws: true });
      bench.add(s.id, s.fn);
      await bench.run();
      const result = bench.tasks[0].result;
      perRound[s.id].push(1000 / result.latency.p50);
      samples[s.id] += bench.tasks[0].runs;
    }
  }
  const medians = Object.fromEntries(Object.entries(perRound).map(([id, values]) => [id, median(values)]));
  const ratio = (x, y) => median(perRound[x].map((v, i) => v / perRound[y][i]));
  return { perRound, medians, samples, ratio, rounds, time, warmupTime };
}

/** Starts bench/servers/bench-server.mjs in its own process (so it never competes with the client's event loop). */
export async function startBenchServer() {
  const child = spawn(process.execPath, [join(ROOT, "bench/servers/bench-server.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((ok, fail) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) ok(match[1]);
    });
    child.once("exit", (code) => fail(new Error(`bench server exited with ${code}`)));
  });
  child.stdout.resume();
  return {
    url,
    close: () =>
      new Promise((ok) => {
        if (child.exitCode !== null) return ok();
        child.once("exit", () => ok());
        child.kill("SIGTERM");
      }),
  };
}

export function versionOf(pkg) {
  // The generator and TypeDoc (with TypeScript 6) live in tools/ts6, beside the project's TS 7.
  for (const dir of [...(require.resolve.paths(pkg) ?? []), join(ROOT, "tools/ts6/node_modules")]) {
    try {
      return JSON.parse(readFileSync(join(dir, pkg, "package.json"), "utf8")).version;
    } catch {
      // not in this node_modules
    }
  }
  return "?";
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model.trim() ?? "?"} × ${cpus.length}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    load: os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(" / "),
    node: process.version,
    undici: process.versions.undici ?? "?",
    versions: Object.fromEntries(
      ["openapi-fetch", "axios", "tinybench", "typescript", "esbuild", "tsup", "openapi-typescript", "@redocly/cli", "@cfworker/json-schema"].map((p) => [
        p,
        versionOf(p),
      ]),
    ),
  };
}

export const fmt = {
  int: (n) => Math.round(n).toLocaleString("en-US"),
  x: (n) => `${n.toFixed(2)}×`,
  ms: (n) => `${n.toFixed(0)} ms`,
  ms1: (n) => `${n.toFixed(1)} ms`,
  s: (n) => `${(n / 1000).toFixed(2)} s`,
  mb: (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`,
  kb: (bytes) => `${(bytes / 1000).toFixed(2)} kB`,
};
