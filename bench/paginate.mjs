// 6. Pagination at scale: iterate 100 000 items (1 000 pages of 100) from a local server with
// `paginate` from the main entry, in a child process with --expose-gc; report heap growth.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fmt, ROOT, startBenchServer } from "./lib.mjs";

const ITEMS = 100_000;

export async function pagination() {
  const api = await import("../dist/index.js");
  if (typeof api.paginate !== "function") {
    return {
      id: "pagination",
      title: "6. Pagination at scale (100 000 items, 1 000 pages)",
      pending: "`paginate` is not exported from the main entry yet; this section runs once it is.",
    };
  }
  const server = await startBenchServer();
  try {
    const walk = (items) => {
      const run = spawnSync(process.execPath, ["--expose-gc", join(ROOT, "bench/paginate-worker.mjs"), server.url, String(items)], { encoding: "utf8" });
      if (run.status !== 0) throw new Error(`paginate worker failed:\n${run.stderr}`);
      return JSON.parse(run.stdout.trim().split("\n").pop());
    };
    const { speed, live } = walk(ITEMS);
    // The raw peak counts garbage V8 has not collected yet; the same walk over a tenth of the
    // items shows how that peak depends on the walk's length.
    const small = walk(ITEMS / 10);
    const goalBytes = 30 * 2 ** 20;
    return {
      id: "pagination",
      title: "6. Pagination at scale (100 000 items, 1 000 pages)",
      speed,
      live,
      worstGrowth: Math.max(live.livePeakGrowth, live.retainedGrowth, speed.retainedGrowth),
      rawPeakSmall: small.speed.rawPeakGrowth,
      goalBytes,
      rows: [
        {
          measure: "wall time / throughput (pass without forced GC)",
          value: `${fmt.s(speed.elapsedMs)} — ${fmt.int(speed.itemsPerSecond)} items/s, ${fmt.int(1000 / (speed.elapsedMs / 1000))} pages/s`,
        },
        { measure: "live heap growth, max over the walk (gc() every 50 pages)", value: fmt.mb(live.livePeakGrowth) },
        { measure: "retained heap growth after the walk (after gc())", value: `${fmt.mb(live.retainedGrowth)} / ${fmt.mb(speed.retainedGrowth)} (two passes)` },
        {
          measure: "raw heapUsed peak growth, garbage included (no forced GC)",
          value: `${fmt.mb(speed.rawPeakGrowth)} (the same walk over ${fmt.int(ITEMS / 10)} items: ${fmt.mb(small.speed.rawPeakGrowth)})`,
        },
        { measure: "RSS growth over a pass", value: fmt.mb(speed.rssGrowth) },
      ],
      method:
        "paginate(aptic, listDebtors, undefined, { pageSize: 100 }) against a node:http server in another process; worker run with --expose-gc after a 2 000-item warm-up",
    };
  } finally {
    await server.close();
  }
}
