// Reads the merged spec so tests can be table-driven from it (one source of truth).
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface SpecOperation {
  method: string;
  path: string;
  operationId: string;
  tags: string[];
  /** Path template filled with each parameter's example. */
  url: string;
  /** Each path parameter's example, by name (what a typed call passes as `params.path`). */
  pathParams: Record<string, string>;
  /** Each query parameter's example (else its default; a boolean flag with neither: true), by name. */
  query: Record<string, Json>;
  /** First example of the JSON request body, if the operation has one. */
  body: Json | undefined;
  hasBody: boolean;
  successStatus: number;
  /** Whether the documented success response has a body. */
  successHasContent: boolean;
}

export const spec = parse(readFileSync(new URL("../../generated/aptic.openapi.yaml", import.meta.url), "utf8")) as Obj;

/** Follows a local `$ref` (`#/components/...`) until it reaches a real object. */
export function deref(node: Json | undefined): Obj {
  let current = node as Obj | undefined;
  while (current && typeof current["$ref"] === "string") {
    const pointer = (current["$ref"] as string).replace(/^#\//, "").split("/");
    current = pointer.reduce<Json | undefined>((acc, key) => (acc as Obj | undefined)?.[key], spec) as Obj;
  }
  if (!current) throw new Error(`unresolvable node ${JSON.stringify(node)}`);
  return current;
}

function firstExample(media: Obj | undefined): Json | undefined {
  if (!media) return undefined;
  if ("example" in media) return media["example"];
  const examples = media["examples"] as Obj | undefined;
  const first = examples && Object.values(examples)[0];
  return first === undefined ? undefined : deref(first)["value"];
}

/** Every operation of the merged spec, in document order. */
export function operations(): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec["paths"] as Obj)) {
    for (const method of HTTP_METHODS) {
      const op = (item as Obj)[method] as Obj | undefined;
      if (!op) continue;
      const params = ((op["parameters"] as Json[] | undefined) ?? []).map(deref);
      const pathParams: Record<string, string> = {};
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const p = params.find((x) => x["name"] === name && x["in"] === "path");
        const example = p?.["example"] ?? (p?.["schema"] as Obj | undefined)?.["example"];
        if (example === undefined) throw new Error(`${method} ${path}: path param ${name} has no example`);
        pathParams[name] = String(example);
        return encodeURIComponent(String(example));
      });
      const query: Record<string, Json> = {};
      for (const p of params.filter((x) => x["in"] === "query")) {
        const schema = p["schema"] as Obj | undefined;
        const value = p["example"] ?? schema?.["example"] ?? schema?.["default"] ?? (schema?.["type"] === "boolean" ? true : undefined);
        if (value !== undefined) query[String(p["name"])] = value;
      }
      const media = op["requestBody"] ? (deref(op["requestBody"])["content"] as Obj)["application/json"] : undefined;
      const responses = op["responses"] as Obj;
      const success = Object.keys(responses).find((code) => /^2\d\d$/.test(code));
      if (!success) throw new Error(`${method} ${path}: no 2xx response`);
      out.push({
        method: method.toUpperCase(),
        path,
        operationId: String(op["operationId"]),
        tags: (op["tags"] as string[] | undefined) ?? [],
        url,
        pathParams,
        query,
        body: firstExample(media as Obj | undefined),
        hasBody: media !== undefined,
        successStatus: Number(success),
        successHasContent: Boolean(deref(responses[success])["content"]),
      });
    }
  }
  return out;
}
