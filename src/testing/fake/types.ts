import type { operations as Operations } from "../../../generated/aptic.js";
import type { operations as table, OperationId } from "../../../generated/operations.js";

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
 * const debtor: ResourceItem<"debtor"> = { debtorGuid: "3f2c…", lastname: "Lindqvist" };
 * ```
 */
export type ResourceItem<R extends ResourceName> = Operations[GetOf<R>]["responses"] extends infer Res
  ? Res extends Record<Success<GetOf<R>>, { content: { "application/json": infer Body } }>
    ? Body
    : Record<string, unknown>
  : never;

type ParentParam<R extends ResourceName> = Table[GetOf<R>]["pathParams"] extends readonly [...infer P extends string[], string] ? P[number] : never;

/**
 * The ids of a resource's parents, required only for nested resources:
 * `seed("debtorAddress", items, { debtorGuid })`, `seed("debtor", items)`.
 *
 * @example
 * ```ts
 * const parent: ParentArgs<"debtorAddress"> = [{ debtorGuid: "3f2c…" }];
 * ```
 */
export type ParentArgs<R extends ResourceName> = [ParentParam<R>] extends [never] ? [] : [parent: Record<ParentParam<R>, string>];

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
  list<R extends ResourceName>(resource: R, ...parent: ParentArgs<R>): ResourceItem<R>[];
  get<R extends ResourceName>(resource: R, id: string, ...parent: ParentArgs<R>): ResourceItem<R> | undefined;
  count<R extends ResourceName>(resource: R, ...parent: ParentArgs<R>): number;
}
