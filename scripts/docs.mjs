// `npm run docs`: the API reference, built offline into docs-out/ (git-ignored), then checked in
// headless Chromium.
//
//   docs-out/index.html      landing page linking the two references below
//   docs-out/reference/      TypeDoc for every package entry (package.json "exports"), including the
//                            generated `paths`, `components`, `operations` and `webhooks` types
//                            and whatever named model types the main entry exports
//   docs-out/api.html        the merged spec (generated/aptic.openapi.yaml) as one static HTML page
//                            (Redoc via `redocly build-docs --inlineBundle`: no script is fetched
//                            when the page is opened, so it works from disk without a network)
//   docs-out/screenshots/    what the rendering check saw (one PNG per page checked)
//
// TypeDoc treats warnings as errors (a broken {@link}, a README link to a missing file, a public
// type that references something neither exported nor listed below all fail the build).
// `--allow-warnings` reports them without failing, for local iterations.
//
// The rendering check (scripts/docs-render-check.mjs) is part of this script rather than of
// `npm test`: it needs the built docs, and building them takes ~30 s (the generated `paths` page
// alone is ~11 MB of HTML), which `npm test` cannot afford; CI's docs job runs `npm run docs`.
// `--no-render-check` skips it.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Application, LogLevel, OptionDefaults, TSConfigReader } from "aptic-ts6-tools/typedoc"; // TS 6 inside: see tools/ts6/README.md
import { runCli } from "./bin.mjs";
import { checkRendering } from "./docs-render-check.mjs";
import { entrySources } from "./package-layout.mjs";

const OUT = "docs-out";
const MERGED = "generated/aptic.openapi.yaml";
const DOCS_TSCONFIG = ".tmp/docs/tsconfig.json";

/**
 * Types that public signatures reference but the TypeDoc output leaves out. TypeDoc warns about
 * each ("referenced by … but not included in the documentation"); listing one here accepts that
 * its name is shown without a page. The list must be exact: TypeDoc also warns about an entry
 * nothing references any more (then delete it). Better than adding an entry: export the type.
 */
const INTENTIONALLY_NOT_EXPORTED = [
  "src/client/types.ts:Lower",
  "src/client/types.ts:OperationAt",
  "src/client/types.ts:InitArgs",
  "src/client/types.ts:RequestOptions",
  "src/client/types.ts:MediaType",
  "src/client/types.ts:ContentAt",
  "src/client/types.ts:Responses",
  "src/client/types.ts:OkStatus",
  "src/client/types.ts:ErrorStatus",
  "src/errors/api-error.ts:Num",
  "src/errors/api-error.ts:Digit",
  "src/webhooks/from-env.ts:Env",
  // The generated document's own schema, shown through `components`.
  "generated/aptic.ts:ProblemDetails",
  "src/client/from-env.ts:Env",
  "src/events/types.ts:CallFields",
  "src/attempt/send.ts:Fetch",
  "src/pagination/types.ts:ListGet",
  "src/client/response.ts:DataOf",
  "src/errors/transport-errors.ts:TransportErrorInit",
  "src/odata/expression.ts:ExpressionKind",
  "src/odata/field-types.ts:LiteralFor",
  "src/odata/field-types.ts:Leaf",
  "src/odata/field-types.ts:Previous",
  "src/odata/filter-builder.ts:Junction",
  "src/odata/filter-builder.ts:StringMatch",
  "src/odata/filter-builder.ts:Equality",
  "src/odata/filter-builder.ts:Ordering",
  "src/retry/options.ts:ResolvedRetryOptions",
  // The fake gateway's signatures use the operation table's ids, the generated operation types,
  // the webhook event names (documented with their own entries) and a few type-level helpers.
  "src/testing/fake/types.ts:ItemGet",
  "src/testing/fake/types.ts:GetOf",
  "src/testing/fake/types.ts:Success",
  "src/testing/fake/types.ts:ParentParam",
  "src/testing/fake/webhook-events.ts:Action",
  "src/testing/fake/types.ts:CreateOf",
  "src/testing/fake/overrides.ts:Op",
  "src/testing/fake/overrides.ts:Responses",
];

const allowWarnings = process.argv.includes("--allow-warnings");
const pkg = JSON.parse(readFileSync("package.json", "utf8"));

/** Source links need a git remote; without one (a fresh local repo) TypeDoc would warn. */
function hasGitRemote() {
  try {
    execFileSync("git", ["remote", "get-url", "origin"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function typedoc() {
  // Only the library's sources: the repo tsconfig also includes tests and examples, which
  // TypeDoc would otherwise type-check (and fail on) while building the docs.
  mkdirSync(".tmp/docs", { recursive: true });
  writeFileSync(DOCS_TSCONFIG, JSON.stringify({ extends: "../../tsconfig.json", include: ["../../src", "../../generated"] }, null, 2) + "\n");
  const app = await Application.bootstrapWithPlugins(
    {
      // Every package entry, named by its import path (package.json "exports").
      entryPoints: Object.values(entrySources()),
      tsconfig: DOCS_TSCONFIG,
      out: `${OUT}/reference`,
      name: pkg.name,
      includeVersion: true,
      readme: "README.md",
      excludeExternals: true,
      // openapi-typescript writes the spec's descriptions as @description.
      blockTags: [...OptionDefaults.blockTags, "@description"],
      excludeInternal: true,
      excludePrivate: true,
      intentionallyNotExported: INTENTIONALLY_NOT_EXPORTED,
      validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: false },
      treatWarningsAsErrors: !allowWarnings,
      disableSources: !hasGitRemote(),
      logLevel: LogLevel.Warn,
    },
    [new TSConfigReader()],
  );
  const project = await app.convert();
  if (project) {
    // Modules are named after their files (index, webhooks…); readers import them by path.
    for (const module of project.children ?? []) module.name = moduleName(module.name === "index" ? "index" : `${module.name}/index`);
    app.validate(project);
    if (!app.logger.hasErrors()) await app.generateDocs(project, `${OUT}/reference`);
  }
  const { warningCount: warnings, errorCount: errors } = app.logger;
  console.log(`docs: TypeDoc ${errors} errors, ${warnings} warnings${allowWarnings ? "" : " (warnings are errors)"}`);
  return project !== undefined && errors === 0 && (allowWarnings || warnings === 0);
}

function httpReference() {
  // No telemetry or update check: the build must not need (or try) the network.
  process.env.REDOCLY_TELEMETRY = "off";
  process.env.REDOCLY_SUPPRESS_UPDATE_NOTICE = "true";
  const { status } = runCli("@redocly/cli", "redocly", [
    "build-docs",
    MERGED,
    "--output",
    `${OUT}/api.html`,
    "--inlineBundle",
    "--title",
    `${pkg.name} ${pkg.version} — HTTP API reference`,
  ]);
  return status === 0;
}

function landingPage() {
  const title = `${pkg.name} ${pkg.version}`;
  writeFileSync(
    `${OUT}/index.html`,
    `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — documentation</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style>
<h1>${title}</h1>
<p>${pkg.description}</p>
<ul>
  <li><a href="reference/index.html">TypeScript API reference</a> — every entry point: the client, errors, pagination and generated types, <code>/webhooks</code>, <code>/odata</code>, <code>/services</code>, <code>/node</code>, <code>/testing</code>.</li>
  <li><a href="api.html">HTTP API reference</a> — every operation, schema and webhook of the merged OpenAPI document. Paths and methods are inferred; see specs/README.md.</li>
</ul>
</html>
`,
  );
}

mkdirSync(OUT, { recursive: true });
const typedocOk = await typedoc();
const redocOk = httpReference();
landingPage();
if (!typedocOk || !redocOk) {
  console.error(`docs: failed (${[!typedocOk && "TypeDoc", !redocOk && "redocly build-docs"].filter(Boolean).join(", ")})`);
  process.exit(1);
}
console.log(`docs: wrote ${OUT}/index.html, ${OUT}/reference/, ${OUT}/api.html`);
if (!process.argv.includes("--no-render-check")) {
  const problems = await checkRendering(OUT, Object.keys(entrySources()).map(moduleName));
  if (problems.length) {
    console.error(`docs: the rendered pages are wrong:\n  - ${problems.join("\n  - ")}`);
    process.exit(1);
  }
}

/** TypeDoc's module name for an entry: its import path. */
function moduleName(entry) {
  return entry === "index" ? pkg.name : `${pkg.name}/${entry.replace(/\/index$/, "")}`;
}
