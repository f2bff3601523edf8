// A Stryker reporter that writes a short Markdown summary: score per directory, mutant counts,
// how many mutants were run versus reused from the incremental file, and the run time. A full run
// (the default `mutate` of stryker.config.mjs) writes reports/mutation.md, which is checked in; a
// subset run (`--mutate …`) writes reports/mutation/subset.md, which is not.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { PluginKind, commonTokens, declareClassPlugin } from "@stryker-mutator/api/plugin";
import { FULL_MUTATE } from "../stryker.config.mjs";

const _DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

/** `src/webhooks/handler.ts` → `src/webhooks/`; files directly in src/ group as `src/`. */
export function directoryOf(file) {
  const parts = file.split("/");
  return parts.length > 2 ? `${parts.slice(0, 2).join("/")}/` : `${parts[0]}/`;
}

/** Counts per directory (and a total row) from a mutation-testing-report-schema `files` map. */
export function scoresByDirectory(files) {
  const rows = new Map();
  const row = (name) => rows.get(name) ?? rows.set(name, { name, killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, invalid: 0 }).get(name);
  for (const [file, result] of Object.entries(files)) {
    for (const mutant of result.mutants) {
      for (const r of [row(directoryOf(file)), row("total")]) {
        if (mutant.status === "Killed") r.killed += 1;
        else if (mutant.status === "Timeout") r.timeout += 1;
        else if (mutant.status === "Survived") r.survived += 1;
        else if (mutant.status === "NoCoverage") r.noCoverage += 1;
        else if (mutant.status === "Ignored") r.ignored += 1;
        else r.invalid += 1; // CompileError, RuntimeError: not part of the score
      }
    }
  }
  const total = rows.get("total");
  rows.delete("total");
  const sorted = [...rows.values()].sort((a, b) => a.name.localeCompare(b.name));
  return total ? [...sorted, total] : sorted;
}

const score = (r) => {
  const valid = r.killed + r.timeout + r.survived + r.noCoverage;
  return valid === 0 ? "n/a" : `${((100 * (r.killed + r.timeout)) / valid).toFixed(2)} %`;
};

/** The survivors, one line each, so the next person knows which behaviour is untested. */
export function survivors(files) {
  const lines = [];
  for (const [file, result] of Object.entries(files)) {
    for (const m of result.mutants) {
      if (!UNDETECTED.has(m.status)) continue;
      const replacement = (m.replacement ?? "").replace(/\s+/g, " ").slice(0, 60);
      lines.push(`- ${file}:${m.location.start.line} ${m.mutatorName} → \`${replacement.replace(/`/g, "'")}\` (${m.status})`);
    }
  }
  return lines;
}

export function renderSummary({ files, mutate, seconds, ran, reused, full }) {
  const rows = scoresByDirectory(files);
  const table = rows.map(
    (r) => `| ${r.name === "total" ? "**total**" : r.name} | ${score(r)} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.ignored} |`,
  );
  const left = survivors(files);
  return [
    full ? "# Mutation testing: last full run" : "# Mutation testing: subset run",
    "",
    "Written by `npm run test:mutation` (Stryker, see stryker.config.mjs). Score = (killed + timeout) /",
    "(killed + timeout + survived + no coverage); ignored mutants are listed with their reason in",
    "reports/mutation-exclusions.md.",
    "",
    `- mutate: ${mutate.map((m) => `\`${m}\``).join(", ")}`,
    `- run time: ${Math.round(seconds)} s (${ran} mutants run, ${reused} taken from the incremental file or decided without a run)`,
    "",
    "| directory | score | killed | timeout | survived | no coverage | ignored |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...table,
    "",
    `## Not killed (${left.length})`,
    "",
    ...(left.length === 0 ? ["None."] : left),
    "",
  ].join("\n");
}

class MutationSummaryReporter {
  static inject = [commonTokens.options];
  #plan = { ran: 0, reused: 0 };

  constructor(options) {
    this.options = options;
  }

  onMutationTestingPlanReady({ mutantPlans }) {
    for (const plan of mutantPlans) {
      if (plan.plan === "Run") this.#plan.ran += 1;
      else this.#plan.reused += 1;
    }
  }

  onMutationTestReportReady(report) {
    const mutate = this.options.mutate;
    const full = JSON.stringify(mutate) === JSON.stringify(FULL_MUTATE);
    const file = full ? "reports/mutation.md" : "reports/mutation/subset.md";
    // process.uptime(): the whole Stryker run, from start-up to this report (the last step).
    const text = renderSummary({ files: report.files, mutate, seconds: process.uptime(), ...this.#plan, full });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, "mutation-summary", MutationSummaryReporter)];
