// `npm run api-diff`: the API surface difference between two versions of the merged spec, as
// markdown (or JSON with --json). It drafts the "API changes" section of a release in
// CHANGELOG.md and the summary of the regenerate PR (see CONTRIBUTING.md).
//
//   node scripts/api-diff.mjs                        HEAD~1's generated/aptic.openapi.yaml → working copy
//   node scripts/api-diff.mjs --base v0.1.0          that git ref's merged spec → working copy
//   node scripts/api-diff.mjs old.yaml [new.yaml]    two files (new defaults to the working copy)
//   options: --heading-level <n> (default 1), --json, --fail-on-breaking (exit 1 if any)
//
// The differences come from api-smart-diff (OpenAPI 3.0/3.1; see scripts/api-diff/), their
// classes from scripts/api-diff/policy.mjs: breaking, non-breaking, or info (documentation).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { diffApis } from "./api-diff/compare.mjs";
import { renderMarkdown } from "./api-diff/render.mjs";

export { diffApis, renderMarkdown };
export const MERGED = "generated/aptic.openapi.yaml";

/** The merged spec's text at a git ref (e.g. `HEAD~1`, `v0.1.0`, `origin/main`). */
export function readSpecAtRef(ref, file = MERGED) {
  try {
    return execFileSync("git", ["show", `${ref}:${file}`], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    throw new Error(`api-diff: cannot read ${file} at git ref "${ref}": ${String(error.stderr ?? error.message).trim()}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      base: { type: "string" },
      json: { type: "boolean", default: false },
      "heading-level": { type: "string", default: "1" },
      "fail-on-breaking": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help || positionals.length > 2 || (values.base && positionals.length > 0)) {
    console.log("usage: node scripts/api-diff.mjs [--base <git-ref> | <old.yaml> [<new.yaml>]] [--heading-level N] [--json] [--fail-on-breaking]");
    process.exit(values.help ? 0 : 2);
  }
  try {
    const ref = values.base ?? "HEAD~1";
    const oldText = positionals[0] ? readFileSync(positionals[0], "utf8") : readSpecAtRef(ref);
    const oldLabel = positionals[0] ?? `${ref}:${MERGED}`;
    const newFile = positionals[1] ?? MERGED;
    const report = diffApis(parse(oldText), parse(readFileSync(newFile, "utf8")), { old: oldLabel, new: newFile });
    process.stdout.write(values.json ? JSON.stringify(report, null, 2) + "\n" : renderMarkdown(report, { headingLevel: Number(values["heading-level"]) || 1 }));
    process.exit(values["fail-on-breaking"] && report.breaking.length > 0 ? 1 : 0);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}
