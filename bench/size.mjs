// 3. Bundle size: min+gzip of the ESM build as an app ships it (esbuild bundle+minify, zlib
// level 9) — the subjects of scripts/size.mjs, the same code as the CI check (`npm run size`,
// which enforces size-budget.json) — and the ingredient table: where the bytes of the bearer app,
// the oauth2 app and the main entry go, per source module and per guarantee (the folder of src/
// the module lives in), from esbuild's metafile of the real bundles, with each bundled module's
// source lines and comment share.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { moduleSources } from "../scripts/package-layout.mjs";
import { measureSizes, oauth2Leaks, readBudget } from "../scripts/size.mjs";
import { fmt, ROOT, versionOf } from "./lib.mjs";

/** What each folder of src/ guarantees (the ingredient table's groups), bottom layer first. */
const GUARANTEES = {
  "src/errors": "typed errors: ApiError with the RFC 9457 problem, transport errors, Retry-After",
  "src/secrets": "no secret in an error or event: redaction and scrubbing",
  "src/validate": "bad options fail at construction with a clear ApticUsageError",
  "src/retry": "retry policy: what is retried, backoff, Retry-After honoured",
  "src/body": "bounded, cancellable body reading",
  "src/events": "observability: onEvent / logger events",
  "src/attempt": "one attempt runner: per-attempt abort + timer, timeouts, redirects without leaking credentials",
  "src/auth": "auth strategies (bearer; clientCredentials + token request in the oauth2 app)",
  "src/client": "the client: createApticClient, option defaults, path/query/body serialisers, response → result",
  "src/routes": "routes (typed hooks per operation)",
  "src/pagination": "pagination (paginate, paginatePages)",
  src: "src/ top level (version)",
  generated: "generated from the spec",
  "openapi-fetch": "openapi-fetch (typed front: URL building, serialisation, middleware)",
  app: "the app's own code (entry module)",
};

/** Where a bundle input comes from: its group (folder), its name, and its source file (src/ or generated/). */
function origin(path, sources) {
  if (path === "<stdin>") return { group: "app", name: "app entry" };
  if (path.includes("node_modules/")) {
    const pkg = path.replace(/^.*node_modules\//, "").split("/")[0];
    return { group: pkg, name: path.replace(/^.*node_modules\//, "") };
  }
  const distPath = path.replace(/^dist\//, "").replace(/\.js$/, "");
  const source = sources[distPath];
  if (!source) return { group: "other", name: path };
  const folder = source.split("/").slice(0, -1).join("/");
  return { group: folder, name: source, source };
}

/** Lines of a TypeScript file and how many of them are comment lines (only a comment, or inside a block comment). */
function lineCounts(file) {
  const lines = readFileSync(join(ROOT, file), "utf8").replace(/\n$/, "").split("\n");
  let comments = 0;
  let inBlock = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (inBlock) {
      comments += 1;
      if (line.includes("*/")) inBlock = false;
    } else if (line.startsWith("//")) {
      comments += 1;
    } else if (line.startsWith("/*")) {
      comments += 1;
      inBlock = !line.includes("*/", 2);
    }
  }
  return { lines: lines.length, comments };
}

/** The bundled modules (bytes > 0 in the output) of one measured bundle, with origin and, for our sources, line counts. */
function ingredients(row, sources) {
  return row.modules.map((m) => {
    const o = origin(m.path, sources);
    return { ...o, min: m.minifiedBytes, ...(o.source ? lineCounts(o.source) : {}) };
  });
}

/** Sum of our own modules (src/ and generated/: not openapi-fetch, not the app's entry): bytes, files, lines, comment lines. */
function ownCode(parts) {
  const own = parts.filter((p) => p.source);
  return {
    min: own.reduce((n, p) => n + p.min, 0),
    files: own.length,
    lines: own.reduce((n, p) => n + p.lines, 0),
    comments: own.reduce((n, p) => n + p.comments, 0),
  };
}

/** Estimated gzip bytes of a group: its share of the minified bytes × the bundle's gzip. */
const gzShare = (min, row) => Math.round((min / row.minified) * row.gzip);

const pct = (part, whole) => `${((part / whole) * 100).toFixed(0)} %`;

export async function sizes() {
  const { rows: measured, derived } = await measureSizes();
  const { gzipBytes: budget, goals } = readBudget();
  const get = (id) => measured.find((m) => m.id === id);
  const reference = get("openapi-fetch-app");
  const bearerApp = get("bearer-app");
  const root = get("root");
  const leaks = oauth2Leaks(bearerApp);

  const sources = moduleSources();
  const bearerParts = ingredients(bearerApp, sources);
  const oauthParts = ingredients(get("oauth2-app"), sources);
  const rootParts = ingredients(root, sources);
  const own = ownCode(bearerParts);
  const oauthOwn = ownCode(oauthParts);

  // Per guarantee: the bytes of each group in each bundle (bearer app order, then what only the others have).
  const groupIds = [...new Set([...bearerParts, ...oauthParts, ...rootParts].map((p) => p.group))];
  const sum = (parts, group) => parts.filter((p) => p.group === group).reduce((n, p) => n + p.min, 0);
  const concerns = Object.fromEntries(
    groupIds.map((group) => {
      const mine = bearerParts.filter((p) => p.group === group);
      return [
        group,
        {
          bearerMin: sum(bearerParts, group),
          bearerGz: gzShare(sum(bearerParts, group), bearerApp),
          oauthMin: sum(oauthParts, group),
          rootMin: sum(rootParts, group),
          rootGz: gzShare(sum(rootParts, group), root),
          lines: mine.reduce((n, p) => n + (p.lines ?? 0), 0),
          comments: mine.reduce((n, p) => n + (p.comments ?? 0), 0),
        },
      ];
    }),
  );
  const byGuarantee = groupIds
    .sort((a, b) => concerns[b].bearerMin - concerns[a].bearerMin || concerns[b].rootMin - concerns[a].rootMin)
    .map((group) => {
      const c = concerns[group];
      const modules = (parts) =>
        parts
          .filter((p) => p.group === group)
          .map((p) => `${p.name.replace(/^(src|generated)\//, "")} ${fmt.int(p.min)}`)
          .join(", ");
      const onlyOauth = oauthParts.filter((p) => p.group === group && !bearerParts.some((b) => b.name === p.name));
      return {
        guarantee: `${group}: ${GUARANTEES[group] ?? "(no guarantee listed)"}`,
        "bearer app: min": c.bearerMin ? fmt.int(c.bearerMin) : "—",
        "bearer app: ≈ gz": c.bearerMin ? fmt.int(c.bearerGz) : "—",
        "bearer app: share": c.bearerMin ? pct(c.bearerMin, bearerApp.minified) : "",
        "oauth2 app: min": c.oauthMin ? fmt.int(c.oauthMin) : "—",
        "root export *: min": c.rootMin ? fmt.int(c.rootMin) : "—",
        "bearer app: source lines (comments)": c.lines ? `${fmt.int(c.lines)} (${pct(c.comments, c.lines)})` : "",
        "modules in the bearer app (min B)":
          (modules(bearerParts) || "none") +
          (onlyOauth.length ? `; oauth2 app also: ${onlyOauth.map((p) => `${p.name.replace(/^src\//, "")} ${fmt.int(p.min)}`).join(", ")}` : ""),
      };
    });
  const byModule = [...new Set([...bearerParts, ...oauthParts].map((p) => p.name))]
    .map((name) => {
      const b = bearerParts.find((p) => p.name === name);
      const o = oauthParts.find((p) => p.name === name);
      const r = rootParts.find((p) => p.name === name);
      const any = b ?? o;
      return {
        module: name,
        group: any.group,
        "bearer app: min": b ? fmt.int(b.min) : "—",
        "oauth2 app: min": o ? fmt.int(o.min) : "—",
        "root export *: min": r ? fmt.int(r.min) : "—",
        "source lines": any.lines === undefined ? "" : fmt.int(any.lines),
        "comment lines": any.comments === undefined ? "" : `${fmt.int(any.comments)} (${pct(any.comments, any.lines)})`,
        sort: b?.min ?? 0,
      };
    })
    .sort((a, b) => b.sort - a.sort)
    .map(({ sort, ...row }) => row);

  const subjectRows = [
    ...measured.map((m) => ({ id: m.id, label: m.label, minified: m.minified, gzip: m.gzip, ownGzip: m.ownGzip })),
    {
      id: "oauth2-over-bearer",
      label: "clientCredentials() on top of bearer (oauth2 app − bearer app)",
      minified: derived["oauth2-over-bearer-min"],
      gzip: derived["oauth2-over-bearer"],
    },
  ];
  return {
    id: "size",
    title: "3. Bundle size (ESM build, esbuild bundle + minify + gzip -9)",
    measured,
    derived,
    reference: reference.gzip,
    bearerApp,
    root,
    leaks,
    concerns,
    own,
    oauthOwn,
    goals,
    budget,
    parts: [
      {
        title: "Subjects",
        rows: subjectRows.map((m) => ({
          subject: m.label,
          minified: fmt.kb(m.minified),
          "min+gzip": fmt.kb(m.gzip),
          "own code (openapi-fetch external), min+gzip": m.ownGzip === undefined ? "" : fmt.kb(m.ownGzip),
          "× openapi-fetch app": fmt.x(m.gzip / reference.gzip),
          goal: goals[m.id] === undefined ? "" : fmt.kb(goals[m.id]),
          "CI budget": budget[m.id] === undefined ? "" : fmt.kb(budget[m.id]),
        })),
      },
      {
        title: "Size ingredients by guarantee: minified bytes per src/ folder (bearer app, oauth2 app, main entry's export *)",
        rows: byGuarantee,
      },
      { title: "Size ingredients by module (every module the bearer or the oauth2 app bundles)", rows: byModule },
    ],
    extra:
      `Our own code in the bearer app (src/ and generated/; openapi-fetch and the app's entry excluded): ${fmt.int(own.min)} B minified from ${own.files} files, ${fmt.int(own.lines)} source lines of which ${pct(own.comments, own.lines)} comment lines; ` +
      `in the oauth2 app ${fmt.int(oauthOwn.min)} B from ${oauthOwn.files} files, ${fmt.int(oauthOwn.lines)} lines. ` +
      `The bearer app ${leaks.length ? `**ships OAuth2 code**: ${leaks.join(", ")}` : "ships no OAuth2 code: no byte of auth/client-credentials.js or auth/token-request.js, and no `client_credentials` string in the bundle (checked by `npm run size`)"}.`,
    method:
      `esbuild ${versionOf("esbuild")} (platform browser, target es2022, ESM) bundles and minifies a small entry module importing dist/; gzip is zlib level 9 of the whole bundle. ` +
      'An app subject is `createApticClient({ baseUrl, auth: bearer(secret) })` (or `clientCredentials({…})`) returning one `unwrap(aptic.GET("/debtors/{debtorGuid}", …))`; the reference is the same GET through bare `createClient()` with an Authorization header. ' +
      "Entry subjects are `export *` of one entry (optional peers and node: built-ins external). Bytes are deterministic for a lockfile, so CI (`npm run size`) compares them with size-budget.json. " +
      "Ingredients: the minified bytes of each module are exact, esbuild's metafile (`outputs[…].inputs[…].bytesInOutput`) of the very bundles measured above; a module counts as bundled when it has bytes in the output. Each dist/ module is mapped to its source file (one ESM file per source module: scripts/package-layout.mjs), grouped by its folder, the guarantee that folder provides. " +
      "Source lines are the source file's lines, comments and blank lines included; a comment line is one that holds only a comment or lies inside a block comment. " +
      "gzip cannot be split by module, so \"≈ gz\" is the group's share of the minified bytes times the bundle's gzip",
  };
}
