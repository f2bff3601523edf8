// Lints the named apis of redocly.yaml (default: every area) and fails on ANY problem:
// `redocly lint` alone exits 0 on warnings, and our bar is zero errors and zero warnings.
import { runCli } from "./bin.mjs";

const AREAS = ["services", "debtors", "customers"];

/** Lints `apis` (names from redocly.yaml); returns the number of problems found. */
export function lint(apis = AREAS) {
  const { status, stdout, stderr } = runCli("@redocly/cli", "redocly", ["lint", ...apis, "--format=json"], {
    capture: true,
  });
  const start = stdout.indexOf("{");
  if (start < 0) {
    process.stderr.write(stderr);
    return status === 0 ? 0 : 1;
  }
  // One pretty-printed JSON report per api, concatenated ("}{" at column 0 between them).
  const reports = stdout
    .slice(start)
    .split(/^\}(?=\{)/m)
    .map((chunk, i, all) => JSON.parse(i < all.length - 1 ? chunk + "}" : chunk));
  const problems = reports.flatMap((r) => r.problems);
  const errors = reports.reduce((n, r) => n + r.totals.errors, 0);
  const warnings = reports.reduce((n, r) => n + r.totals.warnings, 0);
  for (const p of problems) {
    const where = p.location?.[0];
    const file = where?.source?.ref ?? where?.source?.absoluteRef ?? "";
    console.error(`${p.severity}: ${p.message} [${p.ruleId}] ${file} ${where?.pointer ?? ""}`);
  }
  console.log(`lint ${apis.join(", ")}: ${errors} errors, ${warnings} warnings`);
  return errors + warnings + (status === 0 ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const apis = process.argv.slice(2);
  process.exit(lint(apis.length ? apis : [...AREAS, "merged"]) === 0 ? 0 : 1);
}
