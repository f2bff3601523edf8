// `npm run bench` (builds first): every benchmark of bench/, printed as tables and written to
// bench/RESULTS.md (only when all sections ran, without --quick). Not part of the test suite.
// The goals table (bench/goals.mjs) is issue 19's goal table plus issue 21's type-check bar and
// issue 13's fake-gateway bars, judged from this one run; the notes (bench/notes.mjs) say why each goal is met or missed.
//
// Run with --expose-gc (the npm script does) so each measured turn starts from a collected heap.
//   node --expose-gc bench/run.mjs         all sections, writes RESULTS.md
//   node bench/run.mjs loopback size       only those sections (printed, RESULTS.md untouched)
//   node bench/run.mjs --quick             fewer/shorter rounds (smoke-checking the benchmarks)
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { assertFreshDist } from "../scripts/dist-check.mjs";
import { coldStart } from "./coldstart.mjs";
import { fakeGateway } from "./fake.mjs";
import { summary } from "./goals.mjs";
import { importCycles } from "./imports.mjs";
import { machine, ROOT } from "./lib.mjs";
import { loopback } from "./loopback.mjs";
import { notes } from "./notes.mjs";
import { overhead } from "./overhead.mjs";
import { pagination } from "./paginate.mjs";
import { regenerate } from "./regenerate.mjs";
import { sizes } from "./size.mjs";
import { typecheck } from "./typecheck.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const speed = quick ? { rounds: 3, time: 200, warmupTime: 200 } : { rounds: 10, time: 500, warmupTime: 1000 };

const SECTIONS = {
  loopback: () => loopback(speed),
  overhead: () => overhead(speed),
  size: () => sizes(),
  typecheck: () => typecheck({ rounds: quick ? 1 : 5 }),
  regenerate: () => regenerate({ rounds: quick ? 1 : 3 }),
  pagination: () => pagination(),
  fake: () => fakeGateway(quick ? { starts: 3, rounds: 1 } : {}),
  coldstart: () => coldStart({ runs: quick ? 5 : 21 }),
  imports: () => importCycles(),
};

const wanted = args.filter((a) => !a.startsWith("--"));
const unknown = wanted.filter((name) => !(name in SECTIONS));
if (unknown.length) {
  console.error(`bench: unknown section(s) ${unknown.join(", ")}; known: ${Object.keys(SECTIONS).join(", ")}`);
  process.exit(2);
}
const names = wanted.length ? wanted : Object.keys(SECTIONS);

function markdownTable(rows) {
  if (!rows.length) return "";
  const keys = Object.keys(rows[0]);
  const cell = (v) => String(v ?? "").replace(/\|/g, "\\|");
  return [`| ${keys.join(" | ")} |`, `| ${keys.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${keys.map((k) => cell(r[k])).join(" | ")} |`)].join(
    "\n",
  );
}

function renderSection(result, note) {
  const lines = [`## ${result.title}`, ""];
  if (result.pending) {
    lines.push(`**Pending:** ${result.pending}`, "");
    return lines.join("\n");
  }
  if (result.parts) {
    for (const part of result.parts) lines.push(`### ${part.title}`, "", markdownTable(part.rows), "");
  } else {
    lines.push(markdownTable(result.rows), "");
  }
  if (result.extra) lines.push(result.extra, "");
  lines.push(`Method: ${result.method}.`, "");
  if (note) lines.push(note, "");
  return lines.join("\n");
}

let loadAtStart = "";

async function main() {
  assertFreshDist(ROOT);
  loadAtStart = machine().load;
  if (typeof globalThis.gc !== "function") console.warn("bench: run with node --expose-gc (as `npm run bench` does) for GC-fair interleaving");
  const results = {};
  for (const name of names) {
    const started = Date.now();
    process.stdout.write(`\nbench: ${name}…\n`);
    results[name] = await SECTIONS[name]();
    const r = results[name];
    console.log(`${r.title} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    if (r.pending) console.log(`pending: ${r.pending}`);
    else if (r.parts) for (const part of r.parts) console.log(part.title), console.table(part.rows);
    else console.table(r.rows);
  }
  const goals = summary(results);
  console.log("\nSummary");
  console.table(goals);

  const m = machine();
  const why = notes(results);
  const doc = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — do not edit by hand, rerun it.`,
    "Each speed figure is measured side by side in the same run: every subject warmed up, then interleaved rounds in a shuffled order, a full GC before each subject's turn (so allocation-heavy subjects pay for their own garbage); medians. The interquartile range of the per-round figures is shown next to each median.",
    "The goals are issue 19's goal table (\"Thin again\": a small bundle, little code, a fast pipeline, no import cycles; with the figure before it, main at 0.2.0), issue 21's type-check bar and issue 13's bars for the fake gateway, each judged in this one run; the note under each section says why a goal is met or missed. Where the size goals are missed, section 3's ingredient tables show, from the real modules, what each guarantee costs.",
    "",
    "## Machine and versions",
    "",
    markdownTable([
      { what: "CPU", value: m.cpu },
      { what: "memory", value: m.memory },
      { what: "OS", value: m.os },
      { what: "load average at start / at end (1 / 5 / 15 min)", value: `${loadAtStart} — ${m.load}` },
      { what: "Node.js (undici)", value: `${m.node} (undici ${m.undici})` },
      ...Object.entries(m.versions).map(([pkg, version]) => ({ what: pkg, value: version })),
    ]),
    "",
    "## Goals",
    "",
    markdownTable(goals),
    "",
    ...names.map((name) => renderSection(results[name], why[name])),
  ].join("\n");
  if (wanted.length || quick) {
    // The notes are rendered anyway, so a --quick run checks them too; a partial or quick run's
    // figures are not results.
    const preview = join(ROOT, ".tmp/bench-RESULTS.preview.md");
    mkdirSync(dirname(preview), { recursive: true });
    writeFileSync(preview, doc);
    console.log(`\nbench: partial or --quick run; bench/RESULTS.md not written (preview: ${preview.slice(ROOT.length + 1)})`);
    return;
  }
  writeFileSync(join(ROOT, "bench/RESULTS.md"), doc);
  console.log("\nbench: wrote bench/RESULTS.md");
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  process.exitCode = 1;
});
