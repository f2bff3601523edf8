import { readFile, writeFile } from "node:fs/promises";
import { authFromEnv } from "../client/from-env.js";
import { ApticError } from "../errors/aptic-error.js";
import type { Fetch } from "../attempt/send.js";
import type { RoutesInput } from "../routes/define.js";
import { routesFromOpenApi, type OpenApiRoutesReport } from "./from-openapi.js";
import { runDoctor, type DoctorReport, type OperationReport } from "./run.js";

/** Where the command reads and writes (tests pass their own). */
export interface DoctorIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: then one progress line per operation. */
  isTTY: boolean;
  fetch?: Fetch;
}

const USAGE = `Usage: npx aptic-gateway-client doctor [options]

Checks which of the inferred operation routes your gateway confirms or refutes.
Reads APTIC_BASE_URL and the credentials of createApticClientFromEnv (APTIC_CLIENT_ID,
APTIC_CLIENT_SECRET, APTIC_TOKEN_URL | APTIC_API_KEY | APTIC_TOKEN) from the environment;
credentials are never taken as flags (they would show in ps and shell history).

  --base-url <url>        gateway root (default APTIC_BASE_URL)
  --from-openapi <file>   no gateway: match the vendor's OpenAPI file (JSON) with the
                          operations and report (and --write-routes) those it puts
                          elsewhere; sends nothing, reads no credentials
  --routes <file>         probe with a routes file already written (re-check it)
  --write-routes <file>   write the routes learned (moved paths found) to <file>
  --write-probes          also probe write operations: random ids and bodies the spec
                          rejects only, so nothing is created, changed or deleted
  --try-prefix <prefix>   extra path prefix tried for refuted routes (repeatable;
                          /api and /api/v1 are always tried)
  --only <id,id…>         only these operationIds
  --timeout-ms <n>        time limit per probe (default 10000)
  --json                  print the report as JSON (for CI)

Exit code: 0 nothing refuted, 1 something refuted, 2 could not run.`;

interface Flags {
  baseUrl?: string;
  fromOpenApi?: string;
  routes?: string;
  writeRoutes?: string;
  writeProbes: boolean;
  tryPrefixes: string[];
  only?: string[];
  timeoutMs?: number;
  json: boolean;
}

class CliError extends Error {}

function parseFlags(args: readonly string[]): Flags {
  const flags: Flags = { writeProbes: false, tryPrefixes: [], json: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    const value = () => {
      const next = args[(i += 1)];
      if (next === undefined || next.startsWith("--")) throw new CliError(`${arg} needs a value`);
      return next;
    };
    if (arg === "--json") flags.json = true;
    else if (arg === "--write-probes") flags.writeProbes = true;
    else if (arg === "--base-url") flags.baseUrl = value();
    else if (arg === "--routes") flags.routes = value();
    else if (arg === "--from-openapi") flags.fromOpenApi = value();
    else if (arg === "--write-routes") flags.writeRoutes = value();
    else if (arg === "--try-prefix") flags.tryPrefixes.push(value());
    else if (arg === "--only")
      flags.only = value()
        .split(",")
        .filter((s) => s !== "");
    else if (arg === "--timeout-ms") {
      const n = Number(value());
      if (!Number.isInteger(n) || n <= 0) throw new CliError("--timeout-ms must be a positive integer");
      flags.timeoutMs = n;
    } else throw new CliError(`Unknown option ${JSON.stringify(arg)}`);
  }
  return flags;
}

/** How the report names the auth in use: the scheme and the token URL, never a secret. */
function authScheme(env: Record<string, string | undefined>): string {
  if (env["APTIC_CLIENT_ID"]) {
    // authFromEnv has already refused a missing or malformed token URL; its query may hold secrets.
    const url = new URL(String(env["APTIC_TOKEN_URL"]));
    return `OAuth2 client credentials (token URL ${url.origin}${url.pathname})`;
  }
  if (env["APTIC_API_KEY"]) return `API key (header ${env["APTIC_API_KEY_HEADER"] || "default"})`;
  if (env["APTIC_TOKEN"]) return "bearer token";
  return "none";
}

const pad = (text: string, n: number) => text.padEnd(n);

function line(r: OperationReport): string {
  const found = r.found ? ` → found ${r.found.method} ${r.found.path}` : "";
  return `${pad(r.verdict, 10)}${pad(String(r.status ?? "-"), 7)}${pad(r.operationId, 36)}${pad(r.method, 7)}${r.path}  ${r.reason}${found}`;
}

function table(report: DoctorReport, written: string | undefined): string {
  const out = [`Aptic gateway doctor: ${report.baseUrl}`, `auth: ${report.auth.scheme}: ${report.auth.result} (${report.auth.detail})`, ""];
  out.push(`${pad("VERDICT", 10)}${pad("STATUS", 7)}${pad("OPERATION", 36)}${pad("METHOD", 7)}PATH  REASON`);
  const order = { refuted: 0, unknown: 1, confirmed: 2 };
  for (const r of [...report.operations].sort((a, b) => order[a.verdict] - order[b.verdict])) out.push(line(r));
  const { confirmed, refuted, unknown } = report.summary;
  out.push("", `summary: ${confirmed} confirmed, ${refuted} refuted, ${unknown} unknown`);
  if (report.writeProbed.length) out.push(`checked only by write probes: ${report.writeProbed.join(", ")}`);
  if (report.mismatches.length) {
    out.push("response bodies that do not match the spec:");
    for (const m of report.mismatches) out.push(`  ${m.operationId} ${m.status}: ${m.message} ${JSON.stringify(m.errors)}`);
  }
  if (written) out.push(`routes written to ${written} (${Object.keys(report.routes).length} route(s))`);
  return `${out.join("\n")}\n`;
}

function openApiTable(file: string, report: OpenApiRoutesReport, written: string | undefined): string {
  const out = [`Aptic gateway doctor: routes from ${file} (nothing sent)`, `vendor path prefix: ${report.prefix || "none"}`, ""];
  for (const m of report.moved)
    out.push(`${pad(m.methodChange ? "method" : "moved", 8)}${pad(m.operationId, 36)}${m.from.method} ${m.from.path} → ${m.to.method} ${m.to.path}`);
  for (const a of report.ambiguous)
    out.push(`${pad("ambiguous", 10)}${pad(a.operationId, 36)}${a.candidates.map((c) => `${c.method} ${c.path} (${c.score})`).join(" | ")}`);
  const { moved, ambiguous, unchanged, unmatched } = report;
  out.push(
    "",
    `summary: ${moved.length} moved (${moved.filter((m) => m.methodChange).length} with a method change), ${unchanged.length} unchanged, ${ambiguous.length} ambiguous (not written), ${unmatched.ours.length} of ours unmatched, ${unmatched.vendor.length} vendor-only`,
  );
  if (unmatched.vendor.length) out.push(`vendor-only operations: ${unmatched.vendor.join(", ")}`);
  if (written) out.push(`routes written to ${written} (${Object.keys(report.routes).length} route(s))`);
  return `${out.join("\n")}\n`;
}

/** A JSON file's value; a file that is not JSON is a usage error naming it (never its content). */
async function readJson(file: string, hint: string): Promise<unknown> {
  // Stryker disable next-line StringLiteral: without an encoding readFile gives a Buffer, which JSON.parse reads as UTF-8 text all the same.
  const text = await readFile(file, "utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not JSON (${hint})`);
  }
}

/** `doctor --from-openapi`: no request, no credentials; exit 0 when it ran. */
async function fromOpenApi(flags: Flags, file: string, stdout: (text: string) => void): Promise<number> {
  const doc = await readJson(file, "--from-openapi reads JSON; convert a YAML file first");
  const report = routesFromOpenApi(doc);
  if ([report.moved, report.unchanged, report.ambiguous, report.unmatched.vendor].every((list) => list.length === 0))
    throw new CliError(`${file} has no operations (no paths with get, put, post, delete or patch)`);
  if (flags.writeRoutes) await writeFile(flags.writeRoutes, `${JSON.stringify(report.routes, null, 2)}\n`);
  stdout(flags.json ? `${JSON.stringify(report, null, 2)}\n` : openApiTable(file, report, flags.writeRoutes));
  return 0;
}

/**
 * The `aptic-gateway-client` command: `doctor` probes the gateway of the environment and prints
 * a table (or `--json`); `doctor --from-openapi <file>` reads a vendor OpenAPI file instead and
 * sends nothing. Returns the exit code (0 nothing refuted, 1 something refuted, 2 could
 * not run).
 *
 * @example
 * ```ts
 * process.exitCode = await doctorMain(["doctor", "--json"]);
 * ```
 */
export async function doctorMain(argv: readonly string[], io: Partial<DoctorIo> = {}): Promise<number> {
  const env = io.env ?? process.env;
  const stdout = io.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => void process.stderr.write(text));
  const isTTY = io.isTTY ?? process.stderr.isTTY === true;
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || rest.includes("--help")) {
    stdout(`${USAGE}\n`);
    return 0;
  }
  try {
    if (command !== "doctor") throw new CliError(`Unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    const flags = parseFlags(rest);
    if (flags.fromOpenApi !== undefined) return await fromOpenApi(flags, flags.fromOpenApi, stdout);
    const baseUrl = flags.baseUrl ?? env["APTIC_BASE_URL"];
    if (!baseUrl) throw new CliError("APTIC_BASE_URL is not set (or pass --base-url)");
    const auth = authFromEnv(env);
    const routes = flags.routes === undefined ? undefined : ((await readJson(flags.routes, "--routes reads what --write-routes writes")) as RoutesInput);
    const report = await runDoctor({
      baseUrl,
      ...(auth ? { auth } : {}),
      authScheme: authScheme(env),
      ...(io.fetch ? { fetch: io.fetch } : {}),
      ...(routes ? { routes } : {}),
      writeProbes: flags.writeProbes,
      tryPrefixes: ["/api", "/api/v1", ...flags.tryPrefixes],
      ...(flags.only ? { only: flags.only } : {}),
      ...(flags.timeoutMs ? { timeoutMs: flags.timeoutMs } : {}),
      onResult: isTTY ? (r, i, n) => stderr(`[${i + 1}/${n}] ${pad(r.verdict, 10)}${r.operationId}\n`) : undefined,
    });
    if (flags.writeRoutes) await writeFile(flags.writeRoutes, `${JSON.stringify(report.routes, null, 2)}\n`);
    stdout(flags.json ? `${JSON.stringify(report, null, 2)}\n` : table(report, flags.writeRoutes));
    return report.summary.refuted > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof CliError || error instanceof ApticError || (error as { code?: unknown }).code === "ENOENT")) throw error;
    stderr(`aptic-gateway-client: ${(error as Error).message}\n`);
    return 2;
  }
}
