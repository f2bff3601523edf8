import type { SchemaChecker } from "../schema/checker.js";
import type { JsonObject, OperationModel } from "../schema/spec-model.js";

/** One request the doctor sends for an operation, or why it sends none. */
export type ProbePlan =
  | {
      kind: "read" | "write";
      /** Random, syntactically valid values for the path parameters (they name nothing that exists). */
      path: Record<string, string | number>;
      query: Record<string, string | number | boolean>;
      /** A body the spec itself rejects (`{}` missing required fields, or `[]` of the wrong type), or none. */
      body: JsonObject | unknown[] | undefined;
    }
  | { kind: "skip"; reason: string };

const REJECTABLE: readonly (JsonObject | unknown[])[] = [{}, []];

const hex = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");

function uuid(random: () => number): string {
  const h = hex(random, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A value of the parameter's type that no real item has: a random GUID (format uuid, or a GUID
 * example: a gateway's route constraint would turn any other string into a route-level 404), a
 * large random integer, a marked string.
 */
export function randomValue(schema: JsonObject, random: () => number, example?: unknown): string | number | boolean {
  const type = Array.isArray(schema["type"]) ? schema["type"].find((t) => t !== "null") : schema["type"];
  if (Array.isArray(schema["enum"]) && schema["enum"].length > 0) return schema["enum"][0] as string | number;
  if (schema["format"] === "uuid" || GUID.test(String(example))) return uuid(random);
  // Near the top of int32 (every id schema allows it), where no real sequence has reached.
  if (type === "integer" || type === "number") return 2_000_000_000 + Math.floor(random() * 100_000_000);
  if (type === "boolean") return false;
  return `aptic-doctor-${hex(random, 12)}`;
}

/**
 * What the doctor sends for one operation. Reads (GET) always: list operations with `$top=1`,
 * item operations with random ids. Writes only when `writeProbes` is on, and only when nothing can
 * be created or changed: the path addresses a random id that cannot exist, and any required body
 * is one the spec itself rejects (`{}` missing required fields, else `[]`), so a correct route answers
 * 400/404/422.
 *
 * @example
 * ```ts
 * planProbe(model.operations.get("getDebtor"), checker, { writeProbes: false, random: Math.random });
 * // { kind: "read", path: { debtorGuid: "…random uuid…" }, query: {}, body: undefined }
 * ```
 */
export function planProbe(
  op: OperationModel,
  checker: SchemaChecker,
  resolve: (node: unknown) => JsonObject,
  options: { writeProbes: boolean; random: () => number },
): ProbePlan {
  const { info } = op;
  const write = info.method !== "GET";
  if (write && !options.writeProbes) return { kind: "skip", reason: "write operation: not probed without --write-probes" };
  const path: Record<string, string | number> = {};
  const query: Record<string, string | number | boolean> = {};
  for (const param of op.parameters) {
    const schema = resolve(param.schema);
    if (param.in === "path") path[param.name] = randomValue(schema, options.random, param.example) as string | number;
    else if (param.in === "query" && param.required) query[param.name] = randomValue(schema, options.random, param.example);
  }
  if (info.paged || info.queryParams.includes("$top")) query["$top"] = 1;
  if (!write) return { kind: "read", path, query, body: undefined };
  let body: JsonObject | unknown[] | undefined;
  if (op.requestBody || info.body === "required") {
    const schema = op.requestBody?.media.schema;
    // `{}` misses the required fields; where none are required, `[]` is the wrong type.
    body = schema === undefined ? undefined : REJECTABLE.find((candidate) => Object.keys(checker.check(candidate, schema)).length > 0);
    if (body === undefined) return { kind: "skip", reason: "write operation whose spec accepts every body: no body it rejects to send" };
  } else if (info.pathParams.length === 0) {
    return { kind: "skip", reason: "write operation without a body or an id: a probe could act" };
  }
  return { kind: "write", path, query, body };
}

/** The values a plan puts in the request (for the report and for spotting them in an answer). */
export function planValues(plan: ProbePlan): string[] {
  return plan.kind === "skip" ? [] : Object.values(plan.path).map(String);
}
