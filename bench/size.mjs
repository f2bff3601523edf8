// 3. Bundle size: min+gzip of the ESM build as an app ships it (esbuild bundle+minify, zlib
// level 9) — the subjects of scripts/size.mjs, the same code as the CI check (`npm run size`,
// which enforces size-budget.json) — and where the bytes of the bearer app and of the main
// entry go, by concern (esbuild's metafile, grouped by module).
import { measureSizes, oauth2Leaks, readBudget } from "../scripts/size.mjs";
import { fmt, versionOf } from "./lib.mjs";

/** Concerns of the client, by the dist/ module (or package) their bytes come from. First match wins. */
const CONCERNS = [
  { id: "openapi-fetch", label: "openapi-fetch (typed front: URL, serialisation, middleware)", test: /node_modules\/openapi-fetch\// },
  {
    id: "wiring",
    label: "client wiring + option validation (create-client, options, checks)",
    test: /dist\/(client\/(create-client|options|checks)|version)\.js$/,
  },
  { id: "serializers", label: "serializers (path, query, body)", test: /dist\/client\/serializers\.js$/ },
  {
    id: "pipeline",
    label: "pipeline: attempts, redirects, timeouts, body reading (http/)",
    test: /dist\/http\/(pipeline|send|call-state|timeouts|read-body|timing)\.js$/,
  },
  { id: "retry", label: "retry policy (options, decision, delay)", test: /dist\/retry\// },
  { id: "errors", label: "errors + scrubbing (typed errors, RFC 9457, redaction, unwrap)", test: /dist\/(errors\/|client\/unwrap\.js$)/ },
  { id: "events", label: "events (onEvent, logger)", test: /dist\/http\/events\.js$/ },
  { id: "bearer", label: "bearer()", test: /dist\/auth\/(bearer|recent)\.js$/ },
  { id: "oauth2", label: "clientCredentials() + token request", test: /dist\/auth\/(client-credentials|token-request)\.js$/ },
  { id: "api-key", label: "apiKey()", test: /dist\/auth\/api-key\.js$/ },
  { id: "env", label: "configuration from the environment (createApticClientFromEnv)", test: /dist\/client\/from-env\.js$/ },
  { id: "pagination", label: "pagination (paginate, paginatePages)", test: /dist\/pagination\// },
  { id: "generated", label: "generated runtime values (documented-value constants)", test: /dist\/generated\// },
  { id: "app", label: "the app's own code (entry module)", test: /^<stdin>$/ },
];

const short = (path) => path.replace(/^.*node_modules\//, "").replace(/^dist\//, "");

/** `{ [concern id]: { min, modules } }` of one bundle; unmatched modules go to "other". */
function byConcern(row) {
  const groups = {};
  for (const m of row.modules) {
    const concern = CONCERNS.find((c) => c.test.test(m.path))?.id ?? "other";
    const group = (groups[concern] ??= { min: 0, modules: [] });
    group.min += m.minifiedBytes;
    group.modules.push(`${short(m.path)} ${m.minifiedBytes}`);
  }
  return groups;
}

/** Estimated gzip bytes of a concern: its share of the minified bytes × the bundle's gzip. */
const gzShare = (min, row) => Math.round((min / row.minified) * row.gzip);

export async function sizes() {
  const { rows: measured, derived } = await measureSizes();
  const { gzipBytes: budget, goals } = readBudget();
  const get = (id) => measured.find((m) => m.id === id);
  const reference = get("openapi-fetch-app");
  const bearerApp = get("bearer-app");
  const root = get("root");
  const leaks = oauth2Leaks(bearerApp);

  const bearerGroups = byConcern(bearerApp);
  const rootGroups = byConcern(root);
  const ids = [...CONCERNS.map((c) => c.id), "other"].filter((id) => bearerGroups[id] || rootGroups[id]);
  const ingredients = ids.map((id) => {
    const b = bearerGroups[id];
    const r = rootGroups[id];
    return {
      concern: CONCERNS.find((c) => c.id === id)?.label ?? "other",
      "bearer app: min": b ? fmt.int(b.min) : "—",
      "bearer app: ≈ gz": b ? fmt.int(gzShare(b.min, bearerApp)) : "—",
      "bearer app: share": b ? `${((b.min / bearerApp.minified) * 100).toFixed(0)} %` : "",
      "root export *: min": r ? fmt.int(r.min) : "—",
      "root export *: ≈ gz": r ? fmt.int(gzShare(r.min, root)) : "—",
      modules:
        (b ?? r).modules.join(", ") +
        (b && r && r.modules.length > b.modules.length
          ? ` (root also: ${r.modules.filter((m) => !b.modules.some((x) => x.split(" ")[0] === m.split(" ")[0])).join(", ")})`
          : ""),
    };
  });
  const concerns = Object.fromEntries(
    ids.map((id) => [
      id,
      {
        bearerMin: bearerGroups[id]?.min ?? 0,
        bearerGz: bearerGroups[id] ? gzShare(bearerGroups[id].min, bearerApp) : 0,
        rootMin: rootGroups[id]?.min ?? 0,
        rootGz: rootGroups[id] ? gzShare(rootGroups[id].min, root) : 0,
      },
    ]),
  );

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
      { title: "Size ingredients: bytes per concern (bearer app, and the main entry's export *)", rows: ingredients },
    ],
    extra: `The bearer app ${leaks.length ? `**ships OAuth2 code**: ${leaks.join(", ")}` : "ships no OAuth2 code: no byte of auth/client-credentials.js or auth/token-request.js, and no `client_credentials` string in the bundle (checked by `npm run size`)"}.`,
    method:
      `esbuild ${versionOf("esbuild")} (platform browser, target es2022, ESM) bundles and minifies a small entry module importing dist/; gzip is zlib level 9 of the whole bundle. ` +
      'An app subject is `createApticClient({ baseUrl, auth: bearer(secret) })` (or `clientCredentials({…})`) returning one `unwrap(aptic.GET("/debtors/{debtorGuid}", …))`; the reference is the same GET through bare `createClient()` with an Authorization header. ' +
      "Entry subjects are `export *` of one entry (optional peers and node: built-ins external). Bytes are deterministic for a lockfile, so CI (`npm run size`) compares them with size-budget.json. " +
      "Per concern: minified bytes are exact (esbuild's metafile `bytesInOutput`, modules grouped by concern); gzip cannot be split by module, so \"≈ gz\" is the concern's share of the minified bytes times the bundle's gzip",
  };
}
