import type { operations as Operations } from "../../../generated/aptic.js";
import type { operations as table, OperationId } from "../../../generated/operations.js";
import type { RequestBodyOf } from "./request-log.js";

type Table = typeof table;

/** Item GETs: `get…` operations whose path ends in a parameter. */
type ItemGet = { [K in OperationId]: K extends `get${string}` ? (Table[K]["path"] extends `${string}}` ? K : never) : never }[OperationId];

/**
 * The names of the fake's stateful resources: each item GET's operationId without `get`
 * (`debtor`, `debtorAddress`, `customerParameter`…). Names follow operationIds, not paths, so
 * they survive a path rename.
 *
 * @example
 * ```ts
 * const name: ResourceName = "debtorPaymentPlan";
 * ```
 */
export type ResourceName = ItemGet extends `get${infer R}` ? Uncapitalize<R> : never;

type GetOf<R extends ResourceName> = Extract<`get${Capitalize<R>}`, OperationId>;
type Success<Id extends OperationId> = Table[Id]["success"];

/**
 * The stored item type of a resource: its item GET's response body.
 *
 * @example
 * ```ts
 * const debtor: ResourceItem<"debtor"> = { debtorGuid: "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90", lastname: "Lindqvist" };
 * ```
 */
export type ResourceItem<R extends ResourceName> = Operations[GetOf<R>]["responses"] extends infer Res
  ? Res extends Record<Success<GetOf<R>>, { content: { "application/json": infer Body } }>
    ? Body
    : Record<string, unknown>
  : never;

/** `/debtors/{debtorGuid}/addresses/{addressGuid}` → `/debtors/{debtorGuid}/addresses`. */
type DropLast<P extends string> = P extends `${infer Head}/${infer Tail}` ? (Tail extends `${string}/${string}` ? `${Head}/${DropLast<Tail>}` : Head) : never;

/** The operation creating items of a resource: a POST on its collection answering 200 or 201, or a PUT answering 201. */
type CreateOf<R extends ResourceName> = {
  [K in OperationId]: Table[K]["path"] extends DropLast<Table[GetOf<R>]["path"]>
    ? [Table[K]["method"], Table[K]["success"]] extends ["POST", 200 | 201] | ["PUT", 201]
      ? K
      : never
    : never;
}[OperationId];

/**
 * What a resource's create operation accepts for one item (an element, when it takes an array),
 * or `never` for a resource without one.
 *
 * @example
 * ```ts
 * const input: CreateInput<"debtor"> = { lastname: "Lindqvist", countryCode: "SE" }; // a DebtorCreate
 * ```
 */
export type CreateInput<R extends ResourceName> = [CreateOf<R>] extends [never]
  ? never
  : RequestBodyOf<CreateOf<R>> extends infer B
    ? B extends readonly (infer E)[]
      ? E
      : B
    : never;

/**
 * What the fake stores for a resource, what `seed` takes and `fake.store` returns: the item
 * (its GET response type, e.g. `Debtor`) plus the fields only the create operation accepts (for
 * a debtor the address fields such as `countryCode`, and `vatNumber`). Those are kept in the store
 * but never returned by the fake's GETs: the documented item has no such field, and where the
 * gateway puts them (presumably the LEGAL address) is not documented, so the fake invents nothing.
 *
 * @example
 * ```ts
 * const seeded: StoredItem<"debtor"> = { lastname: "Lindqvist", countryCode: "SE" };
 * ```
 */
export type StoredItem<R extends ResourceName> = [CreateInput<R>] extends [never]
  ? ResourceItem<R>
  : ResourceItem<R> & Partial<Omit<CreateInput<R>, keyof ResourceItem<R>>>;

type ParentParam<R extends ResourceName> = Table[GetOf<R>]["pathParams"] extends readonly [...infer P extends string[], string] ? P[number] : never;

/**
 * The ids of a resource's parents, required only for nested resources:
 * `seed("debtorAddress", items, { debtorGuid })`, `seed("debtor", items)`.
 *
 * @example
 * ```ts
 * const parent: ParentArgs<"debtorAddress"> = [{ debtorGuid: "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90" }];
 * ```
 */
// Distributive, so a name that is no resource is reported at the name (listing the valid ones), not as a missing argument.
export type ParentArgs<R extends ResourceName> = R extends ResourceName
  ? [ParentParam<R>] extends [never]
    ? []
    : [parent: Record<ParentParam<R>, string>]
  : never;

/**
 * Read access to what the fake stores (copies: changing them changes nothing).
 *
 * @example
 * ```ts
 * fake.store.list("debtor").map((d) => d.lastname);
 * fake.store.get("debtorAddress", addressGuid, { debtorGuid });
 * ```
 */
export interface FakeStoreView {
  list<R extends ResourceName>(resource: R, ...parent: ParentArgs<R>): StoredItem<R>[];
  get<R extends ResourceName>(resource: R, id: string, ...parent: ParentArgs<R>): StoredItem<R> | undefined;
  count<R extends ResourceName>(resource: R, ...parent: ParentArgs<R>): number;
}
