import { operations, type OperationId, type OperationInfo } from "../../generated/operations.js";

/** A JSON object as read from the spec or a request (internal). */
export type JsonObject = Record<string, unknown>;

/** One documented media type of a request or response. */
export interface MediaModel {
  contentType: string;
  /** The schema node (still holding its `$ref`s; the validator resolves them). */
  schema: unknown;
  /** The first documented example, when there is one. */
  example: { value: unknown } | undefined;
}

/** One documented response of an operation. */
export interface ResponseModel {
  status: number;
  /** The JSON media type, when the response has a body. */
  media: MediaModel | undefined;
}

/** One documented parameter. */
export interface ParameterModel {
  name: string;
  in: string;
  required: boolean;
  schema: unknown;
  /** The documented example value, when there is one. */
  example?: unknown;
}

/** What the fake knows of one operation: the generated table entry plus the spec details. */
export interface OperationModel {
  info: OperationInfo;
  id: OperationId;
  parameters: ParameterModel[];
  requestBody: { required: boolean; media: MediaModel } | undefined;
  responses: Map<number, ResponseModel>;
}

/** The spec as the fake uses it. */
export interface SpecModel {
  doc: JsonObject;
  operations: Map<OperationId, OperationModel>;
  /** Path of the OAuth2 token URL (taken from the spec's clientCredentials flow). */
  tokenPath: string;
  /** Header of the spec's apiKey security scheme. */
  apiKeyHeader: string;
  resolve(node: unknown): JsonObject;
}

export const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** Follows local `$ref`s (`#/components/...`) until a real node is reached. */
export function resolver(doc: JsonObject): (node: unknown) => JsonObject {
  return (node) => {
    let current = node;
    for (let hops = 0; isObject(current) && typeof current["$ref"] === "string"; hops += 1) {
      if (hops > 32) throw new Error(`$ref cycle at ${current["$ref"]}`);
      const pointer = current["$ref"]
        .replace(/^#\//, "")
        .split("/")
        .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
      current = pointer.reduce<unknown>((acc, key) => (isObject(acc) ? acc[key] : undefined), doc);
    }
    return isObject(current) ? current : {};
  };
}

function firstExample(media: JsonObject, resolve: (n: unknown) => JsonObject): { value: unknown } | undefined {
  if ("example" in media) return { value: media["example"] };
  const examples = media["examples"];
  if (!isObject(examples)) return undefined;
  const first = Object.values(examples)[0];
  if (first === undefined) return undefined;
  const example = resolve(first);
  return "value" in example ? { value: example["value"] } : undefined;
}

function jsonMedia(content: unknown, resolve: (n: unknown) => JsonObject): MediaModel | undefined {
  if (!isObject(content)) return undefined;
  const entry = Object.entries(content).find(([type]) => /json/i.test(type));
  if (!entry || !isObject(entry[1])) return undefined;
  return { contentType: entry[0], schema: entry[1]["schema"] ?? {}, example: firstExample(entry[1], resolve) };
}

function securityDetails(doc: JsonObject, resolve: (n: unknown) => JsonObject): { tokenPath: string; apiKeyHeader: string } {
  const schemes = resolve(resolve(doc["components"])["securitySchemes"]);
  let tokenPath = "/connect/token";
  let apiKeyHeader = "X-Api-Key";
  for (const raw of Object.values(schemes)) {
    const scheme = resolve(raw);
    const flow = resolve(resolve(scheme["flows"])["clientCredentials"]);
    if (typeof flow["tokenUrl"] === "string") tokenPath = new URL(flow["tokenUrl"], "https://x.invalid").pathname;
    if (scheme["type"] === "apiKey" && scheme["in"] === "header" && typeof scheme["name"] === "string") apiKeyHeader = scheme["name"];
  }
  return { tokenPath, apiKeyHeader };
}

/**
 * Joins the generated operation table with the spec's parameters, bodies and responses. Paths
 * come from the table (generated from the spec), so a renamed path needs only `npm run generate`.
 *
 * @example
 * ```ts
 * const model = buildSpecModel(preparedSpec);
 * model.operations.get("getDebtor")?.responses.get(200)?.media?.schema;
 * ```
 */
export function buildSpecModel(doc: JsonObject, table: Readonly<Record<string, OperationInfo>> = operations): SpecModel {
  const resolve = resolver(doc);
  const paths = resolve(doc["paths"]);
  const models = new Map<OperationId, OperationModel>();
  for (const info of Object.values(table)) {
    const op = resolve(resolve(paths[info.path])[info.method.toLowerCase()]);
    const item = resolve(paths[info.path]);
    const rawParams = [...(Array.isArray(item["parameters"]) ? item["parameters"] : []), ...(Array.isArray(op["parameters"]) ? op["parameters"] : [])];
    const parameters = rawParams.map(resolve).map((p) => ({
      name: String(p["name"]),
      in: String(p["in"]),
      required: p["required"] === true,
      schema: p["schema"] ?? {},
      ...("example" in p ? { example: p["example"] } : {}),
    }));
    const body = op["requestBody"] === undefined ? undefined : resolve(op["requestBody"]);
    const bodyMedia = body ? jsonMedia(body["content"], resolve) : undefined;
    const responses = new Map<number, ResponseModel>();
    for (const [code, raw] of Object.entries(resolve(op["responses"]))) {
      if (/^\d{3}$/.test(code)) responses.set(Number(code), { status: Number(code), media: jsonMedia(resolve(raw)["content"], resolve) });
    }
    models.set(info.id as OperationId, {
      info,
      id: info.id as OperationId,
      parameters,
      requestBody: bodyMedia && body ? { required: body["required"] === true, media: bodyMedia } : undefined,
      responses,
    });
  }
  return { doc, operations: models, resolve, ...securityDetails(doc, resolve) };
}
