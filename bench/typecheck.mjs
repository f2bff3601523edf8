// 4. Type-check cost: `tsc --noEmit --extendedDiagnostics` (the project's TypeScript 7,
// node_modules/typescript/bin/tsc) on generated consumers of the BUILT package, imported by its
// name as an integrator does (`import … from "aptic-gateway-client"` → exports → dist/*.d.ts):
//   all-ops  every operation of generated/aptic.openapi.yaml called once (bodies: the spec's examples)
//   10-call  10 operations with a request body, evenly spaced over the spec, bodies = the spec's examples
// each through this client (+ unwrap) and through bare openapi-fetch making the same calls, plus
// a no-call baseline per side. The goal compares the per-call increments:
//   (client calls − client baseline) / (openapi-fetch calls − openapi-fetch baseline)
// so that loading each side's declarations is not counted as call cost.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { fmt, median, ROOT, shuffler } from "./lib.mjs";

const WORK = join(ROOT, ".tmp/bench-typecheck");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const METHODS = ["get", "put", "post", "delete", "patch"];
const SMALL_APP_CALLS = 10;

function tscVersion() {
  const version = JSON.parse(readFileSync(join(ROOT, "node_modules/typescript/package.json"), "utf8")).version;
  if (Number(version.split(".")[0]) < 7) throw new Error(`bench typecheck: the project's TypeScript is ${version}, expected 7 (node_modules/typescript)`);
  return version;
}

function loadSpec() {
  const spec = parse(readFileSync(join(ROOT, "generated/aptic.openapi.yaml"), "utf8"));
  const deref = (node) => {
    let current = node;
    while (current?.$ref)
      current = current.$ref
        .replace(/^#\//, "")
        .split("/")
        .reduce((acc, key) => acc?.[key], spec);
    return current;
  };
  return { spec, deref };
}

/** A literal of the parameter's schema type. */
function literalFor(schema) {
  if (schema?.enum?.length) return JSON.stringify(schema.enum[0]);
  switch (schema?.type) {
    case "integer":
    case "number":
      return "1";
    case "boolean":
      return "true";
    case "array":
      return "[]";
    default:
      return JSON.stringify("3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90");
  }
}

/**
 * One call per operation: `{ method, path, hasBody, hasExample, lines: { example, typed, empty } }`,
 * where each line is `await unwrap(aptic.METHOD(path, init));` with the request body as the
 * spec's first JSON example ("example", a typed placeholder when there is none), a value of the
 * documented body type ("typed") or `{}` ("empty", for free-form bodies).
 */
export function generateCalls() {
  const { spec, deref } = loadSpec();
  const calls = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
      const groups = {};
      for (const p of params) {
        if (p.in === "path" || p.required || p.name === "$top") (groups[p.in] ??= []).push(`${JSON.stringify(p.name)}: ${literalFor(deref(p.schema))}`);
      }
      const paramText = Object.entries(groups).map(([where, list]) => `${where}: { ${list.join(", ")} }`);
      const media = op.requestBody ? deref(op.requestBody).content["application/json"] : undefined;
      const example = media?.example ?? deref(Object.values(media?.examples ?? {})[0])?.value;
      const hasExample = example !== undefined && example !== null;
      const typed = `value<NonNullable<paths[${JSON.stringify(path)}][${JSON.stringify(method)}]["requestBody"]>["content"]["application/json"]>()`;
      const line = (body) => {
        const init = [...(paramText.length ? [`params: { ${paramText.join(", ")} }`] : []), ...(op.requestBody ? [`body: ${body}`] : [])];
        const args = [JSON.stringify(path), ...(init.length ? [`{ ${init.join(", ")} }`] : [])];
        return `  await unwrap(aptic.${method.toUpperCase()}(${args.join(", ")}));`;
      };
      calls.push({
        method,
        path,
        hasBody: Boolean(op.requestBody),
        hasExample,
        lines: { example: line(hasExample ? JSON.stringify(example) : typed), typed: line(typed), empty: line("{}") },
      });
    }
  }
  return calls;
}

const STYLES = ["example", "typed", "empty"];

/**
 * A PROTOTYPE declaration of the client's methods (type ingredient, not the client): openapi-fetch's
 * own method shape — a generic `Init` inferred from the call, checked against its constraint, no
 * excess-property check — widened by ApticRequestOptions. It tells whether the client's exact,
 * non-generic init (ApticInit, which makes a misspelt body field an error) is what costs.
 */
const GENERIC_INIT_PROTOTYPE = [
  'import type { ApticPath, ApticRequestOptions, paths } from "aptic-gateway-client";',
  'import type { FetchResponse, MaybeOptionalInit } from "openapi-fetch";',
  "type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];",
  "type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source text (a template literal type), not a JS template
  'type M<Method extends "get" | "put" | "post" | "delete" | "patch"> = <Path extends ApticPath<Method>, Init extends MaybeOptionalInit<paths[Path], Method> & ApticRequestOptions>(url: Path, ...init: InitParam<Init>) => Promise<FetchResponse<paths[Path][Method] & Record<string | number, unknown>, Init, `${string}/${string}`>>;',
].join("\n");

/**
 * The consumer module. `flavour` "aptic": this client + unwrap; "aptic-no-unwrap": this client,
 * results awaited as they are (a type ingredient: what unwrap adds); "generic-init": the
 * prototype declaration above, no unwrap; "openapi-fetch": the same calls through bare openapi-fetch.
 */
function consumer(callLines, flavour) {
  if (flavour === "generic-init") {
    const lines = callLines.map((line) => line.replace(/await unwrap\((.*)\);$/, "await $1;"));
    return [
      "// GENERATED by bench/typecheck.mjs — a PROTOTYPE declaration of the client's methods (see GENERIC_INIT_PROTOTYPE).",
      GENERIC_INIT_PROTOTYPE,
      'declare const aptic: { GET: M<"get">; PUT: M<"put">; POST: M<"post">; DELETE: M<"delete">; PATCH: M<"patch"> };',
      "declare function value<T>(): T;",
      "export async function run(): Promise<void> {",
      ...lines,
      "}",
      "",
    ].join("\n");
  }
  const aptic = flavour !== "openapi-fetch";
  // The reference reads each result's `data`, as an app making the call does (the client's
  // consumer unwraps it); the ingredient rows leave the result untouched.
  const lines =
    flavour === "aptic"
      ? callLines
      : callLines.map((line) => line.replace(/await unwrap\((.*)\);$/, flavour === "openapi-fetch" ? "void (await $1).data;" : "await $1;"));
  return [
    "// GENERATED by bench/typecheck.mjs — a consumer of the built package (dist/*.d.ts), imported by name.",
    aptic
      ? 'import { bearer, createApticClient, unwrap, type paths } from "aptic-gateway-client";'
      : 'import createClient from "openapi-fetch";\nimport type { paths } from "aptic-gateway-client";',
    "",
    "declare function value<T>(): T;",
    "export type Paths = paths;",
    aptic
      ? 'const aptic = createApticClient({ baseUrl: "https://gateway.example.org", auth: bearer("t") });'
      : 'const aptic = createClient<paths>({ baseUrl: "https://gateway.example.org", headers: { Authorization: "Bearer t" } });',
    "",
    "export async function run(): Promise<void> {",
    ...lines,
    "  void aptic;",
    ...(aptic ? ["  void unwrap;"] : []),
    "}",
    "",
  ].join("\n");
}
/** Line number (1-based) of the first call in consumer(…, "aptic"). */
const FIRST_CALL_LINE = 9;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: "es2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    lib: ["es2022", "dom"],
    types: [],
    skipLibCheck: true,
    noEmit: true,
  },
};

function tsc(project) {
  const res = spawnSync(process.execPath, [TSC, "-p", project, "--extendedDiagnostics"], { cwd: ROOT, encoding: "utf8" });
  const read = (label) => {
    const match = new RegExp(`^${label}:\\s+([\\d.]+)(K|s)?`, "m").exec(res.stdout);
    if (!match) return undefined;
    return Number(match[1]) * (match[2] === "K" ? 1024 : 1) * (match[2] === "s" ? 1000 : 1);
  };
  return {
    ok: res.status === 0,
    output: res.stdout + res.stderr,
    checkMs: read("Check time"),
    totalMs: read("Total time"),
    instantiations: read("Instantiations"),
    types: read("Types"),
    memoryBytes: read("Memory used"),
  };
}

/** Writes a consumer project under .tmp/ (inside the package, so its name resolves to itself). */
function writeProject(name, text) {
  const dir = join(WORK, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "consumer.ts"), text);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...TSCONFIG, files: ["consumer.ts"] }, null, 2));
  return join(dir, "tsconfig.json");
}

/**
 * Picks every call's body style: the spec's example first; a call that does not type-check that
 * way is retried with a typed placeholder, then with `{}` (free-form bodies), and counted.
 */
function chooseStyles(calls) {
  const chosen = calls.map(() => 0);
  const project = writeProject(
    "all-ops-client",
    consumer(
      calls.map((c) => c.lines.example),
      "aptic",
    ),
  );
  for (;;) {
    const result = tsc(project);
    if (result.ok) return chosen;
    const bad = new Set([...result.output.matchAll(/consumer\.ts\((\d+),/g)].map((m) => Number(m[1]) - FIRST_CALL_LINE));
    const stuck = [...bad].filter((i) => chosen[i] === undefined || chosen[i] + 1 >= STYLES.length);
    if (stuck.length || bad.size === 0) throw new Error(`generated consumer does not type-check:\n${result.output.slice(0, 3000)}`);
    for (const i of bad) chosen[i] += 1;
    writeProject(
      "all-ops-client",
      consumer(
        calls.map((c, i) => c.lines[STYLES[chosen[i]]]),
        "aptic",
      ),
    );
  }
}

/** `n` items evenly spaced over `list` (first and last included). */
const spread = (list, n) => (list.length <= n ? list : Array.from({ length: n }, (_, i) => list[Math.round((i * (list.length - 1)) / (n - 1))]));

function prepare() {
  rmSync(WORK, { recursive: true, force: true });
  const calls = generateCalls();
  const chosen = chooseStyles(calls);
  const all = calls.map((c, i) => c.lines[STYLES[chosen[i]]]);
  const small = spread(
    calls.filter((c, i) => c.hasBody && c.hasExample && chosen[i] === 0),
    SMALL_APP_CALLS,
  );
  const smallLines = small.map((c) => c.lines.example);
  const projects = {
    "client-base": writeProject("client-base", consumer([], "aptic")),
    "client-all": writeProject("all-ops-client", consumer(all, "aptic")),
    "client-10": writeProject("10-call-client", consumer(smallLines, "aptic")),
    "raw-all": writeProject("all-ops-client-no-unwrap", consumer(all, "aptic-no-unwrap")),
    "raw-10": writeProject("10-call-client-no-unwrap", consumer(smallLines, "aptic-no-unwrap")),
    "proto-all": writeProject("all-ops-generic-init", consumer(all, "generic-init")),
    "proto-10": writeProject("10-call-generic-init", consumer(smallLines, "generic-init")),
    "ref-base": writeProject("ref-base", consumer([], "openapi-fetch")),
    "ref-all": writeProject("all-ops-openapi-fetch", consumer(all, "openapi-fetch")),
    "ref-10": writeProject("10-call-openapi-fetch", consumer(smallLines, "openapi-fetch")),
  };
  return {
    projects,
    operations: calls.length,
    smallCalls: small.map((c) => `${c.method.toUpperCase()} ${c.path}`),
    fallbacks: { typed: chosen.filter((s) => s === 1).length, empty: chosen.filter((s) => s === 2).length },
  };
}

export async function typecheck({ rounds = 5, seed = 7 } = {}) {
  const version = tscVersion();
  const { projects, operations, smallCalls, fallbacks } = prepare();
  const shuffle = shuffler(seed);
  const runs = Object.fromEntries(Object.keys(projects).map((id) => [id, []]));
  tsc(projects["client-base"]); // warm the file system cache
  for (let i = 0; i < rounds; i++) {
    for (const id of shuffle(Object.keys(projects))) {
      const result = tsc(projects[id]);
      if (!result.ok) throw new Error(`tsc failed on the ${id} consumer:\n${result.output.slice(0, 2000)}`);
      runs[id].push(result);
    }
  }
  const s = Object.fromEntries(
    Object.entries(runs).map(([id, list]) => {
      const counts = new Set(list.map((r) => r.instantiations));
      if (counts.size > 1) throw new Error(`bench typecheck: ${id} instantiations differ between runs (${[...counts].join(", ")})`);
      return [
        id,
        {
          checkMs: median(list.map((r) => r.checkMs)),
          totalMs: median(list.map((r) => r.totalMs)),
          instantiations: list[0].instantiations,
          types: list[0].types,
          memoryBytes: median(list.map((r) => r.memoryBytes)),
        },
      ];
    }),
  );
  /** Per-call increments of one app over each side's baseline, and their ratio (client / openapi-fetch). */
  const compare = (app, calls) => {
    // The ingredient and the prototype start from the client's baseline: the prototype's declaration
    // sits in the consumer file, so TypeScript checks it even without calls (15k instantiations),
    // work the client's methods (an interface in a .d.ts) do lazily, at the first call.
    const inc = (side, key) => s[`${side}-${app}`][key] - s[`${side === "ref" ? "ref" : "client"}-base`][key];
    const ratio = (key) => inc("client", key) / inc("ref", key);
    return {
      calls,
      client: { instantiations: inc("client", "instantiations"), types: inc("client", "types"), checkMs: inc("client", "checkMs") },
      ref: { instantiations: inc("ref", "instantiations"), types: inc("ref", "types"), checkMs: inc("ref", "checkMs") },
      ratio: ratio("instantiations"),
      typesRatio: ratio("types"),
      checkRatio: ratio("checkMs"),
      rawRatio: s[`client-${app}`].instantiations / s[`ref-${app}`].instantiations,
      /** The same calls through this client without unwrap: what the method signatures alone cost. */
      noUnwrap: { instantiations: inc("raw", "instantiations"), ratio: inc("raw", "instantiations") / inc("ref", "instantiations") },
      /** The same calls through the generic-init prototype (no unwrap). */
      genericInit: { instantiations: inc("proto", "instantiations"), ratio: inc("proto", "instantiations") / inc("ref", "instantiations") },
    };
  };
  const allOps = compare("all", operations);
  const tenCalls = compare("10", smallCalls.length);
  const row = (label, x) => ({
    consumer: label,
    instantiations: fmt.int(x.instantiations),
    types: fmt.int(x.types),
    "check time": fmt.ms(x.checkMs),
    "total time": fmt.ms(x.totalMs),
    memory: fmt.mb(x.memoryBytes),
  });
  const per = (label, c) => ({
    consumer: label,
    instantiations: `${fmt.x(c.ratio)} (${fmt.int(c.client.instantiations / c.calls)} vs ${fmt.int(c.ref.instantiations / c.calls)} per call)`,
    types: `${fmt.x(c.typesRatio)} (${fmt.int(c.client.types / c.calls)} vs ${fmt.int(c.ref.types / c.calls)} per call)`,
    "check time": `${fmt.x(c.checkRatio)} (${(c.client.checkMs / c.calls).toFixed(1)} vs ${(c.ref.checkMs / c.calls).toFixed(1)} ms per call)`,
    "total time": "",
    memory: "",
  });
  return {
    id: "typecheck",
    title: "4. Type-check cost (tsc --noEmit --extendedDiagnostics)",
    version,
    operations,
    smallCalls,
    fallbacks,
    stats: s,
    allOps,
    tenCalls,
    rows: [
      row("(client base) createApticClient, no calls", s["client-base"]),
      row(`(client all) every operation once (${operations} calls + unwrap)`, s["client-all"]),
      row(`(client 10) ${smallCalls.length} calls with example bodies + unwrap`, s["client-10"]),
      row("(ref base) bare openapi-fetch createClient<paths>, no calls", s["ref-base"]),
      row(`(ref all) bare openapi-fetch, the same ${operations} calls`, s["ref-all"]),
      row(`(ref 10) bare openapi-fetch, the same ${smallCalls.length} calls`, s["ref-10"]),
      row(`(ingredient) client all-ops without unwrap`, s["raw-all"]),
      row(`(ingredient) client 10-call without unwrap`, s["raw-10"]),
      row("(prototype) generic-init method declaration, all-ops, no unwrap", s["proto-all"]),
      row("(prototype) generic-init method declaration, 10-call, no unwrap", s["proto-10"]),
      per("all-ops: per-call increment, client / openapi-fetch", allOps),
      per("10-call: per-call increment, client / openapi-fetch", tenCalls),
      {
        consumer: "all-ops without unwrap: per-call increment / openapi-fetch",
        instantiations: fmt.x(allOps.noUnwrap.ratio),
        types: "",
        "check time": "",
        "total time": "",
        memory: "",
      },
      {
        consumer: "10-call without unwrap: per-call increment / openapi-fetch",
        instantiations: fmt.x(tenCalls.noUnwrap.ratio),
        types: "",
        "check time": "",
        "total time": "",
        memory: "",
      },
      ...[
        ["all-ops", allOps],
        ["10-call", tenCalls],
      ].map(([name, c]) => ({
        consumer: `${name}, generic-init prototype: per-call increment / openapi-fetch`,
        instantiations: fmt.x(c.genericInit.ratio),
        types: "",
        "check time": "",
        "total time": "",
        memory: "",
      })),
    ],
    method:
      `TypeScript ${version} (the project's, node_modules/typescript/bin/tsc), ${rounds} interleaved runs per consumer (instantiation and type counts are deterministic; times are medians). ` +
      'Each consumer imports the built declarations by package name (`from "aptic-gateway-client"` → package.json exports → dist/index.d.ts; strict, skipLibCheck, module nodenext), as an integrator does. ' +
      `Increment = consumer − the same side's no-call baseline (which imports and constructs its client), so loading the declarations is not counted as call cost; ratio = client increment / openapi-fetch increment. The openapi-fetch consumer reads \`.data\` of every result (as an app that makes the call does), the client's unwraps it. ` +
      `all-ops bodies are the spec's first JSON example (${fallbacks.typed} without a usable example use a typed placeholder, ${fallbacks.empty} free-form bodies use \`{}\`); ` +
      `the 10-call app is ${smallCalls.join(", ")}, each with the spec's example body. ` +
      "The (ingredient) rows are the client's calls without unwrap; the (prototype) rows are a hand-written declaration of the methods with openapi-fetch's generic init (GENERIC_INIT_PROTOTYPE in bench/typecheck.mjs), NOT the client; both are measured from the client's no-call baseline",
  };
}
