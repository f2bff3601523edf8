// `npm run specs:import -- <area> <file>`: replaces specs/<area>.yaml with the vendor's own
// OpenAPI document for that area (3.0.x or 3.1, JSON or YAML), converted to this project's
// conventions, and writes the reconciliation report specs/reports/<area>.md and the decision
// record's rows for the area. Then `npm run generate` works as before. Options:
//   --root <dir>   the project to write into (default: the current directory)
//   --dry-run      print the report, write nothing
// Modules: import/load.mjs (read, bundle, 3.0 → 3.1), import/match.mjs (operations),
// import/schema-map.mjs (components), import/convert.mjs (the area file), import/report.mjs,
// import/decision-record.mjs.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { parse, stringify } from "yaml";
import { convert } from "./import/convert.mjs";
import { updateDecisionRecord } from "./import/decision-record.mjs";
import { loadVendorDocument } from "./import/load.mjs";
import { listOperations, matchOperations, pathPrefix } from "./import/match.mjs";
import { renderReport } from "./import/report.mjs";
import { resolver } from "./import/schemas.mjs";
import { lintImported } from "./lint.mjs";

const AREAS = ["services", "debtors", "customers"];
const BANNER = (file) =>
  `# Imported from the vendor's OpenAPI file (${file}) by \`npm run specs:import\`; see specs/reports/ for\n` +
  "# how it differs from the docs-derived spec. Hand edits are fine; a new import replaces them.\n";

/** Imports `file` as `area` into the project at `root`. Returns what it wrote (and the report). */
export async function importSpec({ area, file, root = ".", dryRun = false }) {
  if (!AREAS.includes(area)) throw new Error(`specs:import: unknown area "${area}" (one of ${AREAS.join(", ")})`);
  const { doc: vendor, version } = await loadVendorDocument(file);
  const ours = parse(readFileSync(join(root, "specs", `${area}.yaml`), "utf8"));
  const common = parse(readFileSync(join(root, "specs", "common.yaml"), "utf8"));
  const vDeref = resolver(vendor);
  const oDeref = resolver(ours, common);
  const label = basename(file);

  const vendorOps = listOperations(vendor, vDeref);
  if (vendorOps.length === 0) throw new Error(`specs:import: ${file} has no operations`);
  const ourOps = listOperations(ours, oDeref);
  const prefix = pathPrefix(vendorOps.map((o) => o.path));
  const ourPrefix = pathPrefix(ourOps.map((o) => o.path));
  const match = matchOperations(vendorOps, ourOps, { prefix, ourPrefix, vDeref, oDeref });
  // Names taken by the other areas and common.yaml: a new component must not collide on join.
  const taken = new Set(Object.keys(common.components?.schemas ?? {}));
  for (const other of AREAS.filter((a) => a !== area)) {
    for (const name of Object.keys(parse(readFileSync(join(root, "specs", `${other}.yaml`), "utf8")).components?.schemas ?? {})) taken.add(name);
  }
  const { doc, names, notes, imported, kept } = convert({ vendor, ours, common, area, file: label, vendorOps, match, prefix, taken, vDeref, oDeref });
  // Linted where it will live (next to common.yaml, which it refers to), before anything is
  // replaced. An example carried over from ours that the vendor's schema rejects is dropped.
  const draft = join(root, "specs", `.import-${area}.yaml`);
  const lintDraft = () => {
    writeFileSync(draft, BANNER(label) + stringify(doc, { lineWidth: 0 }));
    return lintImported(join("specs", `.import-${area}.yaml`), Object.keys(doc.paths), root);
  };
  let lint;
  try {
    lint = lintDraft();
    const pointer = (keys) => `#/${keys.map((k) => String(k).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
    const rejected = notes.carried.filter((keys) =>
      lint.some((p) => p.ruleId === "no-invalid-media-type-examples" && p.pointer?.startsWith(`${pointer(keys)}/`)),
    );
    if (rejected.length) {
      for (const keys of rejected) {
        const media = keys.reduce((node, k) => node?.[k], doc);
        delete media.examples;
        delete media.example;
      }
      notes.carried = notes.carried.filter((keys) => !rejected.includes(keys));
      notes.droppedExamples = rejected.map((keys) => `${keys[2].toUpperCase()} ${keys[1]} ${keys[3] === "requestBody" ? "request" : keys[4]}`);
      lint = lintDraft();
    }
  } finally {
    rmSync(draft, { force: true });
  }
  const text = BANNER(label) + stringify(doc, { lineWidth: 0 });
  const report = renderReport({
    area,
    file: label,
    version,
    prefix,
    imported,
    kept,
    names,
    vendor,
    ours,
    common,
    notes,
    vDeref,
    oDeref,
    lint,
  });

  const readmePath = join(root, "specs", "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const areaRow = readme.split("\n").find((l) => ourOps.some((o) => l.split(" | ")[3] === o.op.operationId));
  const areaLabel = areaRow ? areaRow.split(" | ")[0].slice(2) : area;
  const record = updateDecisionRecord(readme, { imported, kept, areaLabel, file: label, area });
  if (!dryRun) {
    writeFileSync(join(root, "specs", `${area}.yaml`), text);
    mkdirSync(join(root, "specs", "reports"), { recursive: true });
    writeFileSync(join(root, "specs", "reports", `${area}.md`), report);
    writeFileSync(readmePath, record);
  }
  return { doc, report, imported, match, prefix, lint };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { root: { type: "string", default: "." }, "dry-run": { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help || positionals.length !== 2) {
    console.log(`usage: npm run specs:import -- <${AREAS.join("|")}> <vendor-openapi.(json|yaml)> [--dry-run] [--root <dir>]`);
    process.exit(values.help ? 0 : 2);
  }
  try {
    const [area, file] = positionals;
    const { report, imported, match } = await importSpec({ area, file, root: values.root, dryRun: values["dry-run"] });
    if (values["dry-run"]) process.stdout.write(report);
    console.error(
      `specs:import: ${imported.length} vendor operations (${match.matched.length} matched, ${match.vendorOnly.length} new), ${match.oursOnly.length} kept as inferred` +
        (values["dry-run"] ? " (dry run: nothing written)" : `; wrote specs/${area}.yaml and specs/reports/${area}.md. Next: npm run generate`),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
