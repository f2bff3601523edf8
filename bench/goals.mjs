// The goals table of bench/RESULTS.md: one row per goal of issue 19 ("Thin again": a small
// bundle, little code, a fast pipeline, no import cycles), with the figure before it (main at
// 0.2.0); issue 21's type-check bar and issue 13's bars for the fake gateway; plus the earlier
// goals kept (OAuth2 0 B in a bearer app, regeneration, pagination, cold start reported), each
// judged from the sections that ran in this one run.
import { fmt, quantile } from "./lib.mjs";

/** Goals of issues 19, 21 and 13, as numbers (bytes, lines, shares, ratios, ms, req/s). Bundle sizes come from size-budget.json. */
export const TARGETS = {
  ownMin: 10_000,
  sourceLines: 1200,
  commentShare: 0.2,
  mockedRatio: 0.95,
  loopbackRatio: 0.97,
  typeRatio: 1.3,
  fakeStartMs: 300,
  fakeGetPerSecond: 5000,
  regenerateMs: 10_000,
};

/** Issue 19's "before" figures (main at 0.2.0), as the issue states them. */
const BEFORE = {
  bearerApp: "11.23 kB",
  ownMin: "23.2 kB from 24 files",
  sourceLines: "2,200 lines in 24 files, 37 % comments",
  root: "13.91 kB",
  oauth2: "1.41 kB",
  loopback: "0.84×",
  mocked: "0.90×",
  cycles: "one circle of folders",
};

const status = (ok) => (ok ? "met" : "**missed**");

/** The per-round paired ratios x/y of an interleaved section, as "p25–p75". */
export function ratioSpread(section, x, y) {
  const ratios = section.perRound[x].map((v, i) => v / section.perRound[y][i]);
  return `${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}`;
}

/**
 * Goal rows from whatever sections ran (`r` maps section id → result).
 *
 * @example
 * ```js
 * console.table(summary({ size: await sizes() }));
 * ```
 */
export function summary(r) {
  const rows = [];
  const add = (source, section, goal, measured, state, before = "") => rows.push({ source, section, goal, before, measured, status: state });
  if (r.size) {
    const { bearerApp, root, goals, reference, derived, leaks, own } = r.size;
    add(
      "issue 19",
      3,
      `app with 1 typed GET + bearer() + unwrap ≤ ${fmt.kb(goals["bearer-app"])} min+gz`,
      `${fmt.kb(bearerApp.gzip)} (bare openapi-fetch app ${fmt.kb(reference)}: ${fmt.x(bearerApp.gzip / reference)})`,
      status(bearerApp.gzip <= goals["bearer-app"]),
      BEFORE.bearerApp,
    );
    add(
      "issue 19",
      3,
      `our own code in that app, minified (openapi-fetch excluded) ≤ ${fmt.kb(TARGETS.ownMin)}`,
      `${fmt.kb(own.min)} from ${own.files} files`,
      status(own.min <= TARGETS.ownMin),
      BEFORE.ownMin,
    );
    const share = own.comments / own.lines;
    add(
      "issue 19",
      3,
      `source lines of the files that app bundles (comments included) ≤ ${fmt.int(TARGETS.sourceLines)}, comments ≤ ${(TARGETS.commentShare * 100).toFixed(0)} %`,
      `${fmt.int(own.lines)} lines in ${own.files} files, ${(share * 100).toFixed(0)} % comments`,
      status(own.lines <= TARGETS.sourceLines && share <= TARGETS.commentShare),
      BEFORE.sourceLines,
    );
    add("issue 19", 3, `main entry export * ≤ ${fmt.kb(goals.root)} min+gz`, fmt.kb(root.gzip), status(root.gzip <= goals.root), BEFORE.root);
    const oauth = derived["oauth2-over-bearer"];
    add(
      "issue 19",
      3,
      `OAuth2 client credentials on top of bearer ≤ ${fmt.kb(goals["oauth2-over-bearer"])} gz`,
      `${fmt.kb(oauth)} gz (${fmt.kb(derived["oauth2-over-bearer-min"])} min)`,
      status(oauth <= goals["oauth2-over-bearer"]),
      BEFORE.oauth2,
    );
    add(
      "kept (issue 11)",
      3,
      "OAuth2: 0 B for an app that does not use it (bearer app)",
      leaks.length ? `ships ${leaks.join(", ")}` : "0 B: no byte of the OAuth2 modules, no `client_credentials` string",
      status(leaks.length === 0),
    );
  }
  if (r.overhead) {
    const x = r.overhead.ratios.cb;
    add(
      "issue 19",
      2,
      `mocked fetch ops/s ≥ ${TARGETS.mockedRatio}× bare openapi-fetch`,
      `${fmt.x(x)} (rounds ${ratioSpread(r.overhead, "c", "b")})`,
      status(x >= TARGETS.mockedRatio),
      BEFORE.mocked,
    );
  }
  if (r.loopback) {
    const x = r.loopback.ratios.cb;
    add(
      "issue 19",
      1,
      `loopback GET ops/s ≥ ${TARGETS.loopbackRatio}× bare openapi-fetch`,
      `${fmt.x(x)} (rounds ${ratioSpread(r.loopback, "c", "b")})`,
      status(x >= TARGETS.loopbackRatio),
      BEFORE.loopback,
    );
  }
  if (r.typecheck) {
    const { allOps, tenCalls } = r.typecheck;
    const line = (c) => `${fmt.x(c.ratio)} (${fmt.int(c.client.instantiations / c.calls)} vs ${fmt.int(c.ref.instantiations / c.calls)} per call)`;
    add(
      "issue 21",
      4,
      `type instantiations ≤ ${TARGETS.typeRatio}× bare openapi-fetch, all-operations consumer (${allOps.calls} calls; per-call increment)`,
      line(allOps),
      status(allOps.ratio <= TARGETS.typeRatio),
    );
    add(
      "issue 21",
      4,
      `type instantiations ≤ ${TARGETS.typeRatio}× bare openapi-fetch, ${tenCalls.calls}-call app with example bodies (per-call increment)`,
      line(tenCalls),
      status(tenCalls.ratio <= TARGETS.typeRatio),
    );
  }
  if (r.imports) {
    const { folderCycles, fileCycles } = r.imports;
    add(
      "issue 19",
      10,
      "folder / file import cycles in src/: 0 / 0, enforced in npm test (`npm run check:imports`)",
      `${folderCycles} / ${fileCycles}`,
      status(folderCycles === 0 && fileCycles === 0),
      BEFORE.cycles,
    );
  }
  if (r.coldstart) {
    const { medians: m, ratios } = r.coldstart;
    add(
      "issue 11",
      9,
      "cold start: import → first response (mocked fetch) vs openapi-fetch",
      `${fmt.ms1(m.client.totalMs)} vs ${fmt.ms1(m.ref.totalMs)} (${fmt.x(ratios.client)}); bundled into one file ${fmt.ms1(m.bundled.totalMs)} (${fmt.x(ratios.bundled)})`,
      "reported",
    );
  }
  if (r.fake) {
    const f = r.fake;
    add(
      "issue 13",
      8,
      `fake gateway start (create + first answer) ≤ ${TARGETS.fakeStartMs} ms median`,
      fmt.ms(f.startMedianMs),
      status(f.startMedianMs <= TARGETS.fakeStartMs),
    );
    add(
      "issue 13",
      8,
      `fake gateway ≥ ${fmt.int(TARGETS.fakeGetPerSecond)} req/s in-process, GET on 10,000 items`,
      `${fmt.int(f.getPerSecond)} req/s (typed client on fake.fetch: ${fmt.int(f.clientGetPerSecond)})`,
      status(f.getPerSecond >= TARGETS.fakeGetPerSecond),
    );
    add(
      "issue 13",
      8,
      "fake gateway memory for 100,000 stored debtors",
      `${fmt.mb(f.memoryBytes)} (${fmt.int(f.memoryBytes / 100_000)} B per debtor)`,
      "reported",
    );
  }
  if (r.regenerate) add("kept", 5, "npm run generate ≤ 10 s", fmt.s(r.regenerate.wallMs), status(r.regenerate.wallMs <= TARGETS.regenerateMs));
  if (r.pagination) {
    const p = r.pagination;
    add(
      "kept",
      6,
      "paginate 100,000 items: heap growth < 30 MB",
      p.pending ? "pending" : `${fmt.mb(p.worstGrowth)} live/retained (raw peak incl. uncollected garbage ${fmt.mb(p.speed.rawPeakGrowth)})`,
      p.pending ? "pending" : status(p.worstGrowth < p.goalBytes),
    );
  }
  return rows;
}
