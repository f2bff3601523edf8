import { ApticUsageError } from "../../errors/aptic-error.js";
import type { FakeState } from "./context.js";
import { extrasOf } from "./resource-handler.js";
import type { ResourceModel } from "./resources.js";
import { isObject, type JsonObject } from "../../schema/spec-model.js";
import type { FakeStoreView } from "./types.js";

function resourceOf(state: FakeState, name: unknown): ResourceModel {
  const resource = typeof name === "string" ? state.resources.get(name) : undefined;
  if (resource) return resource;
  // "debtors" for "debtor": names follow the operationIds (singular), not the paths.
  const singular = typeof name === "string" ? name.replace(/e?s$/, "") : "";
  const hint = [singular, `${singular}e`].find((n) => n !== name && state.resources.has(n));
  throw new ApticUsageError(
    `Unknown resource ${JSON.stringify(name)}${hint ? ` (did you mean "${hint}"?)` : ""}; the fake's resources are: ${[...state.resources.keys()].join(", ")}`,
  );
}

function parentIds(resource: ResourceModel, parent: unknown): string[] {
  if (resource.parentParams.length === 0) return [];
  if (!isObject(parent)) throw new ApticUsageError(`${resource.name} is nested: pass its parent ids { ${resource.parentParams.join(", ")} }`);
  return resource.parentParams.map((name) => {
    const value = parent[name];
    if (typeof value !== "string" || value === "") throw new ApticUsageError(`${resource.name}: parent id ${name} must be a non-empty string`);
    return value;
  });
}

/**
 * Seeds items straight into the store, validated against the item schema (a seed that the
 * gateway could never return fails here, not later in a test) and, for fields only the create
 * body declares (kept beside the item, never returned), against the create body's schema.
 * Missing ids are generated.
 * Returns the ids in order. Parents of nested resources must exist.
 *
 * @throws {ApticUsageError} for an unknown resource, missing parent ids or parent, an invalid item
 * or a duplicate id.
 * @example
 * ```ts
 * const [id] = seedItems(state, "debtor", [{ lastname: "Lindqvist" }], []);
 * ```
 */
export function seedItems(state: FakeState, name: unknown, items: unknown, parentArgs: unknown[]): string[] {
  const resource = resourceOf(state, name);
  if (!Array.isArray(items)) throw new ApticUsageError(`seed("${resource.name}", items) expects an array of items`);
  const parents = parentIds(resource, parentArgs[0]);
  for (let r = resource.parent, i = parents.length - 1; r; r = r.parent, i -= 1) {
    if (!state.store.has(r, parents.slice(0, i), parents[i] ?? ""))
      throw new ApticUsageError(`seed("${resource.name}"): no ${r.name} with ${r.idParam} '${parents[i]}' is stored`);
  }
  const ids: string[] = [];
  items.forEach((raw, index) => {
    if (!isObject(raw)) throw new ApticUsageError(`seed("${resource.name}"): item ${index} is not an object`);
    const extras = extrasOf(raw, resource);
    const item = structuredClone(raw) as JsonObject;
    for (const key of Object.keys(extras)) delete item[key];
    const given = resource.idProperty === undefined ? undefined : item[resource.idProperty];
    const id = typeof given === "string" && given !== "" ? given : state.createId();
    if (resource.idProperty !== undefined) item[resource.idProperty] = id;
    const extraSchema = { type: "object", properties: Object.fromEntries([...resource.createOnly].map(([key, schemas]) => [key, { allOf: schemas }])) };
    const errors = { ...state.checker.checkOnce(item, resource.itemSchema), ...state.checker.check(extras, extraSchema) };
    const fields = Object.entries(errors);
    if (fields.length > 0)
      throw new ApticUsageError(
        `seed("${resource.name}"): item ${index} does not match ${resource.typeName}: ${fields.map(([f, m]) => `${f}: ${m.join("; ")}`).join(", ")}`,
      );
    if (state.store.has(resource, parents, id)) throw new ApticUsageError(`seed("${resource.name}"): an item with id '${id}' is already stored`);
    state.store.put(resource, parents, id, item, extras);
    ids.push(id);
  });
  return ids;
}

/**
 * The read-only view behind `fake.store` (copies, so a test cannot change state by accident).
 *
 * @example
 * ```ts
 * const view = storeView(state);
 * view.count("debtor");
 * ```
 */
export function storeView(state: FakeState): FakeStoreView {
  const items = (name: unknown, parent: unknown) => {
    const resource = resourceOf(state, name);
    return state.store.items(resource, parentIds(resource, parent));
  };
  const withExtras = (item: JsonObject) => structuredClone({ ...item, ...state.store.extrasOf(item) });
  return {
    list: (name, ...parent) => items(name, parent[0]).map(withExtras) as never,
    count: (name, ...parent) => items(name, parent[0]).length,
    get: (name, id, ...parent) => {
      const resource = resourceOf(state, name);
      const item = state.store.get(resource, parentIds(resource, parent[0]), id);
      return (item === undefined ? undefined : withExtras(item)) as never;
    },
  };
}
