import type { ParsedRequest } from "./context.js";
import { compileFilter } from "./odata-eval.js";
import { compileOrderBy } from "./odata-orderby.js";
import { ODataQueryError } from "./odata-parse.js";
import type { ResourceModel } from "./resources.js";
import { validationProblem, type Answer } from "./responses.js";
import type { JsonObject } from "../../schema/spec-model.js";

type Compiled = ((item: unknown) => boolean) | ((a: unknown, b: unknown) => number);
const cache = new Map<string, Compiled>();

// Compiled expressions are pure functions of (resource type, text): cache them, bounded.
function cached<T extends Compiled>(key: string, build: () => T): T {
  const hit = cache.get(key);
  if (hit) return hit as T;
  const made = build();
  if (cache.size >= 512) cache.delete(cache.keys().next().value ?? "");
  cache.set(key, made);
  return made;
}

function queryError(option: string, err: ODataQueryError, instance: string): Answer {
  const answer = validationProblem(400, { [option]: [err.message] }, instance);
  (answer.body as JsonObject)["position"] = err.position;
  return answer;
}

/**
 * Answers a list operation with the documented paging envelope `{ count, skip, total, value }`:
 * `$filter` is evaluated, `$orderby` sorts (stable), then `$skip` and `$top` (their defaults and
 * limits come from the spec's parameter schemas, applied by request validation) cut the page.
 * An expression the fake cannot evaluate is a 400 problem naming the option and the position.
 *
 * @example
 * ```ts
 * listPage(debtors, store.items(debtors, []), parsed).body; // { count: 25, skip: 0, total: 120, value: [...] }
 * ```
 */
export function listPage(resource: ResourceModel, items: JsonObject[], req: ParsedRequest): Answer {
  const filter = req.query["$filter"];
  const orderby = req.query["$orderby"];
  let selected = items;
  try {
    if (typeof filter === "string" && filter.trim() !== "") {
      const keep = cached(`f:${resource.name}:${filter}`, () => compileFilter(filter, resource.fields, resource.typeName));
      selected = items.filter(keep);
    }
  } catch (err) {
    if (err instanceof ODataQueryError) return queryError("$filter", err, req.path);
    throw err;
  }
  try {
    if (typeof orderby === "string" && orderby.trim() !== "") {
      const compare = cached(`o:${resource.name}:${orderby}`, () => compileOrderBy(orderby, resource.fields, resource.typeName));
      selected = selected === items ? [...items].sort(compare) : selected.sort(compare);
    }
  } catch (err) {
    if (err instanceof ODataQueryError) return queryError("$orderby", err, req.path);
    throw err;
  }
  const skip = typeof req.query["$skip"] === "number" ? req.query["$skip"] : 0;
  const top = typeof req.query["$top"] === "number" ? req.query["$top"] : selected.length;
  const value = selected.slice(skip, skip + top);
  return {
    status: req.operation.info.success,
    source: "store",
    body: { count: value.length, skip, total: selected.length, value },
    items: { list: value, schema: resource.itemSchema, envelope: true },
  };
}
