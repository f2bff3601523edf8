// `npm run check:workflows`: validates every .github/workflows/*.yml (or the files given as
// arguments) against the GitHub Actions workflow schema with @action-validator/core, and checks
// that each `paths`/`paths-ignore` filter matches at least one tracked file (the action-validator
// CLI does that glob check; its Node API does not). Exits 1 on any problem.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parse } from "yaml";

const require = createRequire(import.meta.url);
/** @type {{ validateWorkflow(src: string): { errors: unknown[] } }} */
const validator = require("@action-validator/core");

export const WORKFLOW_DIR = ".github/workflows";

/** The workflow files of the repo, sorted. */
export function workflowFiles(dir = WORKFLOW_DIR) {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Flattens action-validator's nested errors (oneOf branches carry `states`) into readable lines. */
function describe(error, depth = 0) {
  const pad = "  ".repeat(depth);
  const where = error.path !== undefined ? `${error.path || "/"}: ` : error.location ? `line ${error.location.line}: ` : "";
  const lines = [`${pad}${where}${error.title}${error.detail ? ` — ${error.detail}` : ""}`];
  (error.states ?? []).forEach((state, i) => {
    lines.push(`${pad}  alternative ${i + 1}:`);
    for (const inner of state.errors) lines.push(...describe(inner, depth + 2));
  });
  return lines;
}

/**
 * Runs `fn` without action-validator's "Glob validation is not yet supported" console warnings
 * (printed once per `paths` filter; this script does that check itself). Other output passes through.
 */
function quietly(fn) {
  const warn = console.warn;
  console.warn = (...args) => {
    if (!/Glob validation is not yet supported/.test(String(args[0]))) warn(...args);
  };
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
}

/** GitHub filter pattern → RegExp (`**` any depth, `*` and `?` within one segment). */
function globToRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      re += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** `paths`/`paths-ignore` patterns that match no file in `files` (negations are skipped). */
export function unmatchedPathFilters(workflow, files) {
  const on = workflow && typeof workflow === "object" ? workflow.on : undefined;
  if (!on || typeof on !== "object" || Array.isArray(on)) return [];
  const problems = [];
  for (const [event, config] of Object.entries(on)) {
    for (const key of ["paths", "paths-ignore"]) {
      const patterns = config && typeof config === "object" ? config[key] : undefined;
      if (!Array.isArray(patterns)) continue;
      for (const pattern of patterns) {
        if (typeof pattern !== "string" || pattern.startsWith("!")) continue;
        const re = globToRegExp(pattern);
        if (!files.some((f) => re.test(f))) problems.push(`/on/${event}/${key}: "${pattern}" matches no tracked file`);
      }
    }
  }
  return problems;
}

/**
 * Validates one workflow's source. Returns human-readable problems (empty when valid).
 * `files` (tracked paths, for the `paths` filter check) is optional; without it that check is skipped.
 */
export function validateWorkflowSource(source, files) {
  const state = quietly(() => validator.validateWorkflow(source));
  const problems = state.errors.flatMap((e) => describe(e));
  if (problems.length === 0 && files) {
    problems.push(...unmatchedPathFilters(parse(source), files));
  }
  return problems;
}

/** Files git knows about: tracked plus untracked-but-not-ignored (a new file counts before its commit). */
export function repoFiles() {
  try {
    return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" }).split("\n").filter(Boolean);
  } catch {
    return undefined; // not a git checkout: skip the glob check
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  const targets = files.length ? files : workflowFiles();
  const tracked = repoFiles();
  let failed = 0;
  for (const file of targets) {
    const problems = validateWorkflowSource(readFileSync(file, "utf8"), tracked);
    if (problems.length) {
      failed++;
      console.error(`✗ ${file}\n${problems.map((p) => `    ${p}`).join("\n")}`);
    } else console.log(`✓ ${file}`);
  }
  console.log(`check:workflows: ${targets.length - failed}/${targets.length} valid`);
  process.exit(failed ? 1 : 0);
}
