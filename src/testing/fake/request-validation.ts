import type { SchemaChecker, FieldErrors } from "../../schema/checker.js";
import { problem, validationProblem, type Answer } from "./responses.js";
import type { JsonObject, OperationModel, SpecModel } from "../../schema/spec-model.js";

/** The request's inputs after validation, or the 400/415/422 answer that refuses it. */
export type ValidationResult = { ok: true; query: Record<string, unknown>; rawQuery: Record<string, string>; body: unknown } | { ok: false; answer: Answer };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

function convert(raw: string, schema: JsonObject): { value: unknown } | { error: string } {
  const types = Array.isArray(schema["type"]) ? schema["type"] : [schema["type"]];
  if (types.includes("integer") || types.includes("number")) {
    const pattern = types.includes("integer") ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
    return pattern.test(raw.trim())
      ? { value: Number(raw) }
      : { error: `type: The value '${raw}' is not a valid ${types.includes("integer") ? "integer" : "number"}.` };
  }
  if (types.includes("boolean")) {
    const lower = raw.toLowerCase();
    return lower === "true" || lower === "false" ? { value: lower === "true" } : { error: `type: The value '${raw}' is not a valid boolean.` };
  }
  return { value: raw };
}

function validateParameters(
  model: SpecModel,
  checker: SchemaChecker,
  op: OperationModel,
  url: URL,
  pathParams: Record<string, string>,
  passThrough: boolean,
  strict: boolean,
) {
  const errors: FieldErrors = {};
  const query: Record<string, unknown> = {};
  const rawQuery: Record<string, string> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  for (const [name, value] of url.searchParams) {
    if (name in rawQuery) add(name, `The query parameter '${name}' is given more than once.`);
    rawQuery[name] = value;
  }
  const declared = new Set<string>();
  for (const param of op.parameters) {
    declared.add(param.name);
    const schema = model.resolve(param.schema);
    const raw = param.in === "path" ? pathParams[param.name] : param.in === "query" ? rawQuery[param.name] : undefined;
    if (param.in !== "path" && param.in !== "query") continue;
    if (raw === undefined) {
      if (param.required) add(param.name, `required: The ${param.name} parameter is required.`);
      else if (param.in === "query" && "default" in schema) query[param.name] = schema["default"];
      continue;
    }
    const converted = convert(raw, schema);
    if ("error" in converted) {
      add(param.name, converted.error);
      continue;
    }
    Object.assign(errors, checker.check(converted.value, param.schema, param.name));
    if (param.in === "query") query[param.name] = converted.value;
  }
  for (const name of Object.keys(rawQuery)) {
    // OData servers refuse unknown system query options ($fitler…); other extras are ignored by
    // the gateway, refused in strict mode, and passed through to callbacks.
    if (declared.has(name) || passThrough) continue;
    if (name.startsWith("$") || strict) add(name, `The query parameter '${name}' is not supported by ${op.id}.`);
  }
  return { errors, query, rawQuery };
}

/**
 * Validates a routed request against its operation before it reaches the store: path and query
 * parameters (types, ranges, required, repeated), the JSON content type (415), a required body
 * (400), JSON syntax (400) and the body schema — type mismatches are model-binding failures
 * (400), other rule violations 422 where the operation documents 422 (else 400). Errors are
 * ASP.NET-shaped: `errors: { field: ["rule: message"] }`.
 *
 * @example
 * ```ts
 * const result = validateRequest(model, checker, op, bodyText, contentType, url, params, { passThrough: false, strict: false, path });
 * if (!result.ok) return result.answer;
 * ```
 */
export function validateRequest(
  model: SpecModel,
  checker: SchemaChecker,
  op: OperationModel,
  text: string,
  contentType: string,
  url: URL,
  pathParams: Record<string, string>,
  options: { passThrough: boolean; strict: boolean; path: string },
): ValidationResult {
  const { errors, query, rawQuery } = validateParameters(model, checker, op, url, pathParams, options.passThrough, options.strict);
  if (Object.keys(errors).length > 0) return { ok: false, answer: validationProblem(400, errors, options.path) };
  if (!op.requestBody) return { ok: true, query, rawQuery, body: undefined };

  if (text.trim() === "") {
    if (!op.requestBody.required) return { ok: true, query, rawQuery, body: undefined };
    return { ok: false, answer: validationProblem(400, { $: ["required: A non-empty request body is required."] }, options.path) };
  }
  if (!JSON_TYPE.test(contentType)) {
    return {
      ok: false,
      answer: problem(415, "validation", `The body must be JSON (got content type ${JSON.stringify(contentType.slice(0, 80))}).`, { instance: options.path }),
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    return { ok: false, answer: validationProblem(400, { $: [`json: ${err instanceof Error ? err.message : "invalid JSON"}`] }, options.path) };
  }
  const bodyErrors = checker.check(body, op.requestBody.media.schema);
  if (Object.keys(bodyErrors).length > 0) {
    const binding = Object.values(bodyErrors)
      .flat()
      .some((m) => m.startsWith("type:"));
    const status = !binding && op.responses.has(422) ? 422 : 400;
    return { ok: false, answer: validationProblem(status, bodyErrors, options.path) };
  }
  return { ok: true, query, rawQuery, body };
}
