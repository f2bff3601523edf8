import type { JsonObject } from "../../schema/spec-model.js";
import type { ResourceModel } from "./resources.js";

const SEP = "\u0000";

/**
 * The in-memory state: per resource, per parent scope (the parent ids), items by id in insertion
 * order (a Map keeps it, so lists without `$orderby` are in creation order).
 *
 * @example
 * ```ts
 * const store = new ItemStore();
 * store.put(debtorResource, [], id, item);
 * store.get(debtorResource, [], id);
 * ```
 */
export class ItemStore {
  readonly #data = new Map<string, Map<string, Map<string, JsonObject>>>();
  // Keyed by the stored item itself, so replacing or deleting the item drops its extras with it.
  readonly #extras = new WeakMap<JsonObject, JsonObject>();

  #scope(resource: ResourceModel, parents: readonly string[], create: boolean): Map<string, JsonObject> | undefined {
    let scopes = this.#data.get(resource.name);
    if (!scopes && create) this.#data.set(resource.name, (scopes = new Map()));
    const key = parents.join(SEP);
    let items = scopes?.get(key);
    if (!items && create && scopes) scopes.set(key, (items = new Map()));
    return items;
  }

  get(resource: ResourceModel, parents: readonly string[], id: string): JsonObject | undefined {
    return this.#scope(resource, parents, false)?.get(id);
  }

  has(resource: ResourceModel, parents: readonly string[], id: string): boolean {
    return this.#scope(resource, parents, false)?.has(id) ?? false;
  }

  /** The items of one scope, live (callers must not mutate them). */
  items(resource: ResourceModel, parents: readonly string[]): JsonObject[] {
    const scope = this.#scope(resource, parents, false);
    return scope ? [...scope.values()] : [];
  }

  /** Every stored entry of a resource across scopes. */
  *entries(resource: ResourceModel): Generator<{ parents: string[]; id: string; item: JsonObject }> {
    for (const [key, scope] of this.#data.get(resource.name) ?? []) {
      const parents = key === "" && resource.parentParams.length === 0 ? [] : key.split(SEP);
      for (const [id, item] of scope) yield { parents, id, item };
    }
  }

  /** Stores `item`, with `extras`: fields kept for `fake.store` that responses never carry (see `ResourceModel.createOnly`). */
  put(resource: ResourceModel, parents: readonly string[], id: string, item: JsonObject, extras: JsonObject = {}): void {
    this.#scope(resource, parents, true)?.set(id, item);
    if (Object.keys(extras).length > 0) this.#extras.set(item, extras);
  }

  /** The extras stored with an item (`{}` when there are none). */
  extrasOf(item: JsonObject): JsonObject {
    return this.#extras.get(item) ?? {};
  }

  /** Removes an item and, recursively, everything scoped under it (a debtor's addresses…). */
  delete(resource: ResourceModel, parents: readonly string[], id: string): boolean {
    const removed = this.#scope(resource, parents, false)?.delete(id) ?? false;
    if (removed) {
      const childParents = [...parents, id];
      for (const child of resource.children) {
        for (const childId of [...(this.#scope(child, childParents, false)?.keys() ?? [])]) this.delete(child, childParents, childId);
        this.#data.get(child.name)?.delete(childParents.join(SEP));
      }
    }
    return removed;
  }

  clear(): void {
    this.#data.clear();
  }
}
