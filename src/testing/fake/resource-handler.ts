import type { FakeState, Mutation, ParsedRequest } from "./context.js";
import { listPage } from "./list-query.js";
import type { ResourceModel } from "./resources.js";
import { problem, validationProblem, type Answer } from "./responses.js";
import { isObject, type JsonObject } from "../../schema/spec-model.js";

/** An answer plus the store changes it made. */
export interface HandlerResult {
  answer: Answer;
  mutations: Mutation[];
}

const stored = (status: number, body?: unknown): Answer => ({ status, body, source: "store" });

/** Keeps the properties the item schema declares: the gateway returns no others. */
export function project(body: JsonObject, resource: ResourceModel): JsonObject {
  if (!resource.properties) return structuredClone(body);
  const out: JsonObject = {};
  for (const key of Object.keys(body)) if (resource.properties.has(key)) out[key] = structuredClone(body[key]);
  return out;
}

/** The create-only fields of a body (see `ResourceModel.createOnly`). */
export function extrasOf(body: JsonObject, resource: ResourceModel): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(body)) if (resource.createOnly.has(key)) out[key] = structuredClone(body[key]);
  return out;
}

/**
 * The concrete item path, for `links` and problem `instance`s.
 *
 * @example
 * ```ts
 * itemHref(debtor, [], "3f2c…"); // "/debtors/3f2c…"
 * ```
 */
export function itemHref(resource: ResourceModel, parents: readonly string[], id: string): string {
  const values = [...parents, id];
  let i = 0;
  return resource.itemPath.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++] ?? ""));
}

/** The 404 answer for a missing item (the documented NotFound problem). */
export function notFound(resource: ResourceModel, id: string, instance: string): Answer {
  return problem(404, "store", `No ${resource.typeName} with ${resource.idParam} '${id}' exists.`, { instance });
}

function stamp(item: JsonObject, fields: readonly string[], now: number): void {
  for (const field of fields) item[field] = new Date(now).toISOString();
}

function createOne(state: FakeState, resource: ResourceModel, parents: string[], body: JsonObject, instance: string): HandlerResult {
  const item = project(body, resource);
  const given = resource.idProperty === undefined ? undefined : item[resource.idProperty];
  let id: string;
  if (typeof given === "string" && given !== "") id = given;
  else if (resource.generateId) id = state.createId();
  else
    return {
      answer: validationProblem(
        resource.ops.create?.responses.has(422) ? 422 : 400,
        { [resource.idProperty ?? resource.idParam]: ["required: a value is needed to create the item"] },
        instance,
      ),
      mutations: [],
    };
  if (state.store.has(resource, parents, id)) {
    const status = resource.ops.create?.responses.has(409) ? 409 : 422;
    return {
      answer: problem(status, "store", `A ${resource.typeName} with ${resource.idProperty ?? resource.idParam} '${id}' already exists.`, { instance }),
      mutations: [],
    };
  }
  if (resource.idProperty !== undefined) item[resource.idProperty] = id;
  const now = state.clock.now();
  stamp(item, resource.stamps.created, now);
  stamp(item, resource.stamps.updated, now);
  if (resource.stamps.links) item["links"] = [{ rel: "self", href: itemHref(resource, parents, id), method: "GET" }];
  state.store.put(resource, parents, id, item, extrasOf(body, resource));
  return { answer: stored(201), mutations: [{ resource, action: "create", id, parents, item }] };
}

function create(state: FakeState, resource: ResourceModel, parents: string[], req: ParsedRequest): HandlerResult {
  const op = req.operation;
  // An array body (e.g. customer parameters) creates one item per element; the first is answered.
  const bodies = Array.isArray(req.body) ? req.body : [req.body];
  const mutations: Mutation[] = [];
  for (const body of bodies) {
    if (!isObject(body)) return { answer: validationProblem(400, { $: ["type: the body must be a JSON object"] }, req.path), mutations };
    const result = createOne(state, resource, parents, body, req.path);
    if (result.answer.status !== 201) return { answer: result.answer, mutations };
    mutations.push(...result.mutations);
  }
  const first = mutations[0];
  if (!first) return { answer: validationProblem(422, { $: ["minItems: at least one item is needed"] }, req.path), mutations };
  const media = op.responses.get(op.info.success)?.media;
  return { answer: stored(op.info.success, media ? first.item : undefined), mutations };
}

function replace(state: FakeState, resource: ResourceModel, parents: string[], id: string, req: ParsedRequest): HandlerResult {
  const before = state.store.get(resource, parents, id);
  if (!before) return { answer: notFound(resource, id, req.path), mutations: [] };
  const body = Array.isArray(req.body) ? req.body[0] : req.body;
  if (!isObject(body)) return { answer: validationProblem(400, { $: ["type: the body must be a JSON object"] }, req.path), mutations: [] };
  const replaceable = new Set(Object.keys(req.operation.requestBody ? propertiesOfBody(state, req) : {}));
  // PUT replaces what the caller may send; server-owned fields (id, regDate, links…) stay.
  const item: JsonObject = {};
  for (const [key, value] of Object.entries(before)) if (!replaceable.has(key)) item[key] = value;
  Object.assign(item, project(body, resource));
  if (resource.idProperty !== undefined) item[resource.idProperty] = before[resource.idProperty] ?? id;
  stamp(item, resource.stamps.updated, state.clock.now());
  state.store.put(resource, parents, id, item, { ...state.store.extrasOf(before), ...extrasOf(body, resource) });
  const op = req.operation;
  return {
    answer: stored(op.info.success, op.responses.get(op.info.success)?.media ? item : undefined),
    mutations: [{ resource, action: "update", id, parents, item, before }],
  };
}

function propertiesOfBody(state: FakeState, req: ParsedRequest): JsonObject {
  const schema = state.model.resolve(req.operation.requestBody?.media.schema);
  const items = schema["type"] === "array" ? state.model.resolve(schema["items"]) : schema;
  return isObject(items["properties"]) ? items["properties"] : {};
}

/**
 * Serves one resource operation from the store: list (paged, filtered, ordered), create, read,
 * replace, delete. Parent existence has been checked by the caller.
 *
 * @example
 * ```ts
 * const { answer, mutations } = handleResource(state, resource, "create", parsed);
 * ```
 */
export function handleResource(state: FakeState, resource: ResourceModel, kind: keyof ResourceModel["ops"], req: ParsedRequest): HandlerResult {
  const params = req.match.params;
  const parents = resource.parentParams.map((p) => params[p] ?? "");
  const id = params[resource.idParam] ?? "";
  switch (kind) {
    case "list":
      return { answer: listPage(resource, state.store.items(resource, parents), req), mutations: [] };
    case "create":
      return create(state, resource, parents, req);
    case "get": {
      const item = state.store.get(resource, parents, id);
      if (!item) return { answer: notFound(resource, id, req.path), mutations: [] };
      return { answer: { ...stored(req.operation.info.success, item), items: { list: [item], schema: resource.itemSchema, envelope: false } }, mutations: [] };
    }
    case "replace":
      return replace(state, resource, parents, id, req);
    case "remove": {
      const item = state.store.get(resource, parents, id);
      if (!item || !state.store.delete(resource, parents, id)) return { answer: notFound(resource, id, req.path), mutations: [] };
      return { answer: stored(req.operation.info.success), mutations: [{ resource, action: "delete", id, parents, item, before: item }] };
    }
  }
}
