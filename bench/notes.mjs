// The prose under each section of bench/RESULTS.md: for every goal, met or missed and why, in
// this run's numbers; where missed, what stands in the way (from the size ingredient table of
// section 3) and what was tried.
import { ratioSpread, TARGETS } from "./goals.mjs";
import { fmt } from "./lib.mjs";

const verdict = (ok) => (ok ? "Met" : "Missed");
const kB = (bytes) => fmt.kb(bytes);

function speedNote(r, kind) {
  const section = r[kind];
  const target = kind === "overhead" ? TARGETS.mockedRatio : TARGETS.loopbackRatio;
  const x = section.ratios.cb;
  const us = (id) => 1e6 / section.medians[id];
  const lines = [
    `**${verdict(x >= target)}: the client is ${fmt.x(x)} of bare openapi-fetch** (goal ≥ ${target}×; per-round ratios p25–p75 ${ratioSpread(section, "c", "b")}): ${us("c").toFixed(1)} µs vs ${us("b").toFixed(1)} µs per call (medians).`,
  ];
  if (kind === "overhead") {
    lines.push(`Without a network openapi-fetch's own work is ~${us("b").toFixed(0)} µs per call, so every allocation of the layer shows here.`);
  } else if (r.overhead) {
    const gap = 1e6 / r.overhead.medians.c - 1e6 / r.overhead.medians.b;
    lines.push(
      `A loopback call is ~${us("b").toFixed(0)} µs, mostly undici and the server; the client's own work, measured with a mocked fetch (section 2), is ${gap.toFixed(1)} µs more per call than openapi-fetch's, which predicts ${fmt.x(us("b") / (us("b") + gap))} here.`,
    );
  }
  lines.push(
    'Per call the client builds one Call (per-call limits live there, never on the Request), hands openapi-fetch a per-call `fetch` that runs the one attempt runner (src/attempt/attempts.ts), sets the auth headers on openapi-fetch\'s own Request, gives each attempt one AbortController and timer (src/attempt/call.ts), races the fetch against the stop, and reads the body itself (`parseAs: "stream"`, the one bounded reader, src/body/read.ts) instead of patching the Response.',
  );
  lines.push("This machine has 2 shared cores: read each ratio with its p25–p75 range; a range that reaches the goal is within noise.");
  return lines.join(" ");
}

function sizeNote(r) {
  const { bearerApp, root, goals, reference, derived, leaks, concerns, own } = r.size;
  const c = (id) => concerns[id] ?? { bearerMin: 0, bearerGz: 0, rootMin: 0, rootGz: 0 };
  const ours = Object.keys(concerns).filter((id) => id.startsWith("src") || id === "generated");
  const ofShare = c("openapi-fetch").bearerGz;
  const over = bearerApp.gzip - goals["bearer-app"];
  const listed = ours
    .filter((id) => c(id).bearerMin > 0)
    .sort((a, b) => c(b).bearerMin - c(a).bearerMin)
    .map((id) => `${id} ${fmt.int(c(id).bearerMin)} B min (≈ ${fmt.int(c(id).bearerGz)} B gz)`)
    .join(", ");
  const topModules = bearerApp.modules
    .filter((m) => !m.path.includes("node_modules") && m.path !== "<stdin>")
    .slice(0, 5)
    .map((m) => `${m.path.replace(/^dist\//, "")} ${fmt.int(m.minifiedBytes)} B`)
    .join(", ");
  const absent = Object.entries(concerns)
    .filter(([, v]) => v.bearerMin === 0 && v.rootMin > 0)
    .map(([id, v]) => `${id} ${fmt.int(v.rootMin)} B min`)
    .join(", ");
  const rootExtra = root.gzip - bearerApp.gzip;
  const two = ours.sort((a, b) => c(b).bearerGz - c(a).bearerGz).slice(0, 2);
  const out = [];
  out.push(
    `**Bearer app: ${verdict(bearerApp.gzip <= goals["bearer-app"])}, ${kB(bearerApp.gzip)} (goal ≤ ${kB(goals["bearer-app"])}).** ` +
      `openapi-fetch is ≈ ${kB(ofShare)} gz of it (the bare openapi-fetch app is ${kB(reference)}), which leaves ≈ ${kB(goals["bearer-app"] - ofShare)} gz for the client's own code; that code is ≈ ${kB(bearerApp.gzip - ofShare)} gz (${fmt.int(own.min)} B minified from ${own.files} files, goal ≤ ${kB(TARGETS.ownMin)} minified; ${fmt.int(own.lines)} source lines, goal ≤ ${fmt.int(TARGETS.sourceLines)}). ` +
      `By guarantee (size ingredient table): ${listed}. Largest modules: ${topModules}.`,
  );
  if (over > 0) {
    out.push(
      `What stands in the way: no single guarantee — meeting the goal means removing ≈ ${kB(over)} gz, i.e. about ${((over / (bearerApp.gzip - ofShare)) * 100).toFixed(0)} % of the client's own bytes, more than the two largest groups together (${two.join(" and ")}: ${fmt.int(c(two[0]).bearerGz + c(two[1]).bearerGz)} B gz). ` +
        "Each group is a promise the tests hold (option validation with clear ApticUsageErrors, redirects followed without leaking credentials, bounded and cancellable body reads, scrubbed typed errors, events): the goal needs a smaller expression of them (shorter messages, shared checks, fewer error classes in the default path), not their removal. " +
        `What was tried and what it bought: auth strategies as separate exports (OAuth2 is 0 B of this app), pagination as free functions, webhooks/OData/services/node on subpaths — none of these is in the bearer app (what only the root has: ${absent}).`,
    );
  }
  out.push(
    `**Main entry (export *): ${verdict(root.gzip <= goals.root)}, ${kB(root.gzip)} (goal ≤ ${kB(goals.root)}).** It is the bearer app's code plus ${kB(rootExtra)} gz that only the root has (${absent}).` +
      (root.gzip > goals.root
        ? ` It cannot meet the goal while the bearer app alone is ${kB(bearerApp.gzip)}; with the bearer app at its goal the root would be ≈ ${kB(goals["bearer-app"] + rootExtra)}.`
        : ""),
  );
  const oauth = derived["oauth2-over-bearer"];
  out.push(
    `**OAuth2 client credentials: ${verdict(oauth <= goals["oauth2-over-bearer"] && leaks.length === 0)}.** clientCredentials() adds ${kB(oauth)} gz (${fmt.int(derived["oauth2-over-bearer-min"])} B min: auth/client-credentials.js and auth/token-request.js) to an app that uses it (goal ≤ ${kB(goals["oauth2-over-bearer"])}), ` +
      (leaks.length
        ? `**but the bearer app ships ${leaks.join(", ")}**.`
        : "and 0 B to one that does not: the bearer app has no byte of those modules and no `client_credentials` string (esbuild reaches them through the root's re-exports and drops them; `npm run size` fails if that changes)."),
  );
  return out.join("\n\n");
}

function typeNote(r) {
  const { allOps, tenCalls, stats } = r.typecheck;
  const per = (n, calls) => fmt.int(n / calls);
  const describe = (name, c) =>
    `${name}: ${fmt.x(c.ratio)} (${per(c.client.instantiations, c.calls)} vs ${per(c.ref.instantiations, c.calls)} instantiations per call; types ${fmt.x(c.typesRatio)}; check time ${fmt.x(c.checkRatio)}); ` +
    `without unwrap the client's calls are ${fmt.x(c.noUnwrap.ratio)}, so unwrap adds ${per(c.client.instantiations - c.noUnwrap.instantiations, c.calls)} per call and the method signatures ${per(c.noUnwrap.instantiations - c.ref.instantiations, c.calls)} per call over openapi-fetch's`;
  const met = allOps.ratio <= TARGETS.typeRatio && tenCalls.ratio <= TARGETS.typeRatio;
  return [
    `**${verdict(met)} (goal ≤ ${TARGETS.typeRatio}× on both).** ${describe("All-operations consumer", allOps)}. ${describe(`${tenCalls.calls}-call app with example bodies`, tenCalls)}.`,
    `Method: each figure is a consumer's count minus its own side's no-call baseline (client ${fmt.int(stats["client-base"].instantiations)}, openapi-fetch ${fmt.int(stats["ref-base"].instantiations)} instantiations: with skipLibCheck, TypeScript 7 instantiates almost nothing to load the declarations), so only what the calls cost is compared; instantiation counts are deterministic, check times are medians and noisy.`,
    met
      ? ""
      : `What stands in the way: the method types more than unwrap (above), most where calls carry object-literal bodies. It is not the exactness of the init: a prototype declaration with openapi-fetch's own generic, inferred \`Init\` (no excess-property check) widened by ApticRequestOptions is still ${fmt.x(allOps.genericInit.ratio)} (all-ops) and ${fmt.x(tenCalls.genericInit.ratio)} (10-call), against ${fmt.x(allOps.noUnwrap.ratio)} and ${fmt.x(tenCalls.noUnwrap.ratio)} for the client's exact \`ApticInit\` without unwrap; so the rest lies in how the client's method types are built (ApticPath per method, OperationAt, ApticResult's \`Operation & Record<…>\`) rather than in openapi-fetch's \`Client<paths>\`, which this bench does not split further. ` +
        "What was tried: unwrap's result type left unconstrained (a constraint resolved every error body per call), and the init type computed once per operation (`ApticInit<Operation>`) rather than per call.",
  ]
    .filter(Boolean)
    .join(" ");
}

function coldNote(r) {
  const { medians: m, ratios, modules } = r.coldstart;
  return (
    `From \`import\` to the first response the client takes ${fmt.ms1(m.client.totalMs)} vs ${fmt.ms1(m.ref.totalMs)} for openapi-fetch (${fmt.x(ratios.client)}; issue 11 asks for the figure, sets no goal). ` +
    `The import is ${fmt.ms1(m.client.importMs)} vs ${fmt.ms1(m.ref.importMs)}: dist/ is one ES module per source file, so Node resolves, reads and links ${modules.client} modules where openapi-fetch has ${modules.ref}. ` +
    `Bundled into one file the client needs ${fmt.ms1(m.bundled.totalMs)} (${fmt.x(ratios.bundled)}), and construct + first call is ${fmt.ms1(m.client.firstCallMs)} vs ${fmt.ms1(m.ref.firstCallMs)}: the gap is module loading, not the client's code. ` +
    "An app that is bundled never pays it; a Node app importing the package pays it once per process. Emitting each entry's ESM as one file (shared code in chunks) would remove most of it; not tried here (the build is outside bench/)."
  );
}

function fakeNote(r) {
  const f = r.fake;
  const fakeUs = 1e6 / f.getPerSecond;
  const typedUs = 1e6 / f.clientGetPerSecond;
  const split =
    typedUs > fakeUs
      ? `of its ${typedUs.toFixed(0)} µs, the fake's own work (routing, validation against the spec, the response-schema check) is ${fakeUs.toFixed(0)} µs and the client's ${(typedUs - fakeUs).toFixed(0)} µs`
      : "no slower than the bare `fake.fetch` in this run, which is within its noise";
  return (
    `**Start ${verdict(f.startMedianMs <= TARGETS.fakeStartMs)} (${fmt.ms(f.startMedianMs)} median, goal ≤ ${TARGETS.fakeStartMs} ms); throughput ${verdict(f.getPerSecond >= TARGETS.fakeGetPerSecond)} (${fmt.int(f.getPerSecond)} GET/s on 10,000 debtors, goal ≥ ${fmt.int(TARGETS.fakeGetPerSecond)}); memory reported (${fmt.mb(f.memoryBytes)} for 100,000 debtors).** ` +
    `Through the typed client on \`fake.fetch\` the same GET runs at ${fmt.int(f.clientGetPerSecond)}/s: ${split}.`
  );
}

function paginationNote(p) {
  return (
    `**${verdict(p.worstGrowth < p.goalBytes)} on live memory: ${fmt.mb(p.worstGrowth)} growth.** The status is judged on what the walk keeps alive — the live heap over the walk and the retained heap after it, measured with gc() — because that is what "memory stays flat" means: the iterator holds one page at a time. ` +
    `The raw heapUsed peak without forced GC (${fmt.mb(p.speed.rawPeakGrowth)}${p.speed.rawPeakGrowth >= p.goalBytes ? ", above 30 MB" : ""}) counts garbage V8 has not collected yet (pages outlive young-generation scavenges and wait for a major GC, which V8 defers while the heap is small), so it rises with the walk's length (${fmt.mb(p.rawPeakSmall)} over 10,000 items) without any of it being live; an app that needs a lower peak can cap the heap (--max-old-space-size).`
  );
}

/**
 * The note under each section, from this run's numbers (`r` maps section id → result).
 *
 * @example
 * ```js
 * const why = notes(results); // { size: "**Bearer app: Missed…", … }
 * ```
 */
export function notes(r) {
  const out = {};
  if (r.loopback) out.loopback = speedNote(r, "loopback");
  if (r.overhead) out.overhead = speedNote(r, "overhead");
  if (r.size) out.size = sizeNote(r);
  if (r.typecheck) out.typecheck = typeNote(r);
  if (r.coldstart) out.coldstart = coldNote(r);
  if (r.fake) out.fake = fakeNote(r);
  if (r.pagination && !r.pagination.pending) out.pagination = paginationNote(r.pagination);
  if (r.regenerate && !r.regenerate.identical)
    out.regenerate =
      "Regenerated output differs from the committed generated/: specs/ changed since the last `npm run generate` (check:generated would fail too).";
  return out;
}
