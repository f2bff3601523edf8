// Lints the named apis of redocly.yaml (default: every area) and fails on ANY problem:
// `redocly lint` alone exits 0 on warnings, and our bar is zero errors and zero warnings.
// One exception, for areas imported from the vendor's file (`info.x-aptic-vendor-file`, written
// by `npm run specs:import`): the vendor's routes are what the gateway serves, so a warning the
// linter raises about route design (a literal segment beside a parameter at the same depth, which
// ASP.NET routes routinely have and OpenAPI allows) is reported, not counted. Errors always count.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { binPath, runCli } from "./bin.mjs";

const AREAS = ["services", "debtors", "customers"];
/** Warnings about route design that an imported area may have (the vendor's routes are the truth). */
export const VENDOR_ROUTE_RULES = new Set(["no-ambiguous-paths"]);

/** The paths of the areas imported from a vendor file, by area (reads specs/ under `root`). */
export function importedPaths(root = ".") {
  const out = new Map();
  for (const area of AREAS) {
    let doc;
    try {
      doc = parse(readFileSync(`${root}/specs/${area}.yaml`, "utf8"));
    } catch {
      continue;
    }
    if (doc?.info?.["x-aptic-vendor-file"]) out.set(area, new Set(Object.keys(doc.paths ?? {})));
  }
  return out;
}

/** `#/paths/~1a~1{b}` → `/a/{b}` (the path a problem points at), else undefined. */
const pathOfPointer = (pointer = "") => {
  const m = /^#\/paths\/([^/]+)/.exec(pointer);
  return m ? m[1].replace(/~1/g, "/").replace(/~0/g, "~") : undefined;
};

/**
 * Whether a lint problem is tolerated: a warning of a vendor-route rule on a path that an imported
 * area declares (in that area's own file, or in the merged document).
 */
export function tolerated(problem, imported) {
  if (problem.severity !== "warn" || !VENDOR_ROUTE_RULES.has(problem.ruleId)) return false;
  const where = problem.location?.[0];
  const path = pathOfPointer(where?.pointer);
  if (path === undefined) return false;
  const file = String(where?.source?.absoluteRef ?? where?.source?.ref ?? "");
  const area = AREAS.find((a) => file.endsWith(`specs/${a}.yaml`));
  if (area) return imported.get(area)?.has(path) === true;
  return [...imported.values()].some((paths) => paths.has(path));
}

/** Splits concatenated `redocly lint --format=json` output (one report per api) into reports. */
export function parseReports(stdout) {
  const start = stdout.indexOf("{");
  if (start < 0) return undefined;
  // One pretty-printed JSON report per api, concatenated ("}{" at column 0 between them).
  return stdout
    .slice(start)
    .split(/^\}(?=\{)/m)
    .map((chunk, i, all) => JSON.parse(i < all.length - 1 ? chunk + "}" : chunk));
}

/**
 * Lints one area file as imported (`file` inside `root`/specs/, `paths` its paths) with the
 * project's rules: `{ severity, ruleId, message, pointer, tolerated }` for each problem. What
 * `npm run specs:import` puts in its report.
 */
export function lintImported(file, paths, root = ".") {
  const result = spawnSync(process.execPath, [binPath("@redocly/cli", "redocly"), "lint", file, "--format=json"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const reports = parseReports(result.stdout ?? "");
  if (!reports) throw new Error(`specs:import: redocly lint gave no report: ${result.stderr}`);
  const imported = new Map([["imported", new Set(paths)]]);
  return reports
    .flatMap((r) => r.problems)
    .map((p) => ({
      severity: p.severity,
      ruleId: p.ruleId,
      message: p.message,
      pointer: p.location?.[0]?.pointer,
      // The file is not (yet) specs/<area>.yaml: judged like a problem of the merged document.
      tolerated: tolerated({ ...p, location: [{ ...p.location?.[0], source: {} }] }, imported),
    }));
}

/** Lints `apis` (names from redocly.yaml); returns the number of problems that count. */
export function lint(apis = AREAS) {
  const { status, stdout, stderr } = runCli("@redocly/cli", "redocly", ["lint", ...apis, "--format=json"], {
    capture: true,
  });
  const reports = parseReports(stdout);
  if (!reports) {
    process.stderr.write(stderr);
    return status === 0 ? 0 : 1;
  }
  const imported = importedPaths();
  const problems = reports.flatMap((r) => r.problems);
  let counted = 0;
  for (const p of problems) {
    const where = p.location?.[0];
    const file = where?.source?.ref ?? where?.source?.absoluteRef ?? "";
    const ok = tolerated(p, imported);
    if (!ok) counted++;
    console.error(`${ok ? "reported (imported area, not a failure)" : p.severity}: ${p.message} [${p.ruleId}] ${file} ${where?.pointer ?? ""}`);
  }
  const errors = reports.reduce((n, r) => n + r.totals.errors, 0);
  const warnings = reports.reduce((n, r) => n + r.totals.warnings, 0);
  const reported = problems.length - counted;
  console.log(`lint ${apis.join(", ")}: ${errors} errors, ${warnings - reported} warnings${reported ? ` (and ${reported} reported for imported areas)` : ""}`);
  // redocly exits 1 on errors only; errors always count, so the exit status adds nothing then.
  return counted + (status === 0 || errors > 0 ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const apis = process.argv.slice(2);
  process.exit(lint(apis.length ? apis : [...AREAS, "merged"]) === 0 ? 0 : 1);
}
