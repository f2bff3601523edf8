// Child process of bench/paginate.mjs (needs --expose-gc): walks the 100 000-item list of the
// bench server (or its first [items]) with `paginate(aptic, listDebtors, undefined, { pageSize: 100 })` twice —
//   pass "speed": no forced GC; wall time, items/s and the raw heapUsed peak (garbage included)
//   pass "live":  gc() every 50 pages; the live-heap growth over the walk (what a leak would show)
// and prints one JSON line.
import { bearer, createApticClient, paginate } from "../dist/index.js";
import { listDebtors } from "../dist/operations/index.js";

const baseUrl = process.argv[2];
const EXPECTED = Number(process.argv[3] ?? 100_000);
const gc = globalThis.gc;
if (!baseUrl || typeof gc !== "function") throw new Error("usage: node --expose-gc bench/paginate-worker.mjs <baseUrl> [items]");

function settle() {
  gc();
  gc();
  return process.memoryUsage();
}

async function walk(aptic, { forceGcEveryItems }) {
  const before = settle();
  let peak = before.heapUsed;
  let livePeak = before.heapUsed;
  let items = 0;
  let lastGuid = "";
  const started = performance.now();
  for await (const debtor of paginate(aptic, listDebtors, undefined, { pageSize: 100, maxItems: EXPECTED })) {
    items += 1;
    lastGuid = debtor.debtorGuid ?? "";
    if (items % 100 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (forceGcEveryItems && items % forceGcEveryItems === 0) livePeak = Math.max(livePeak, settle().heapUsed);
  }
  const elapsedMs = performance.now() - started;
  const after = settle();
  if (items !== EXPECTED) throw new Error(`expected ${EXPECTED} items, got ${items} (last ${lastGuid})`);
  return {
    items,
    elapsedMs,
    itemsPerSecond: items / (elapsedMs / 1000),
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
    retainedGrowth: after.heapUsed - before.heapUsed,
    rawPeakGrowth: peak - before.heapUsed,
    livePeakGrowth: forceGcEveryItems ? livePeak - before.heapUsed : undefined,
    rssGrowth: after.rss - before.rss,
  };
}

const aptic = createApticClient({ baseUrl, auth: bearer("bench-token") });
// Warm-up: a short walk so JIT and connection pool are in place before measuring.
for await (const _ of paginate(aptic, listDebtors, undefined, { pageSize: 100, maxItems: 2_000 })) void _;
const speed = await walk(aptic, { forceGcEveryItems: 0 });
const live = await walk(aptic, { forceGcEveryItems: 5_000 });
process.stdout.write(JSON.stringify({ speed, live }) + "\n");
