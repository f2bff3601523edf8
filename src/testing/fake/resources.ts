import type { OperationId } from "../../../generated/operations.js";
import { fieldLookup, propertyNames, propertySchemas, type FieldLookup } from "./schema-fields.js";
import type { OperationModel, SpecModel } from "../../schema/spec-model.js";

/** A stateful resource recognised from the spec's collection and item paths (internal). */
export interface ResourceModel {
  /** The item GET's operationId without `get`, e.g. `debtor`, `debtorAddress`. */
  name: string;
  itemPath: string;
  collectionPath: string;
  /** The item path's own parameter, e.g. `debtorGuid`. */
  idParam: string;
  /** Parameters naming the parents, outermost first, e.g. `["debtorGuid"]` for addresses. */
  parentParams: string[];
  parent: ResourceModel | undefined;
  children: ResourceModel[];
  /** The item property holding the id (`paymentPlanGuid` for `{paymentplanGuid}`), if any. */
  idProperty: string | undefined;
  /** Whether a missing id is generated (a GUID) rather than required from the caller. */
  generateId: boolean;
  itemSchema: unknown;
  typeName: string;
  fields: FieldLookup;
  /** Properties kept when storing a body; `undefined` keeps everything (open schema). */
  properties: Set<string> | undefined;
  /**
   * Properties only the create body declares (a debtor's address fields, `vatNumber`…), with their
   * schemas: kept in the store beside the item but never returned, because the item schema has no
   * place for them.
   */
  createOnly: Map<string, unknown[]>;
  /** Server-set fields: set on create, set on create and update, and whether to add a self link. */
  stamps: { created: string[]; updated: string[]; links: boolean };
  ops: { get: OperationModel; list?: OperationModel; create?: OperationModel; replace?: OperationModel; remove?: OperationModel };
}

const lastParam = (path: string) => /\/\{([^}]+)\}$/.exec(path)?.[1];
const parentOf = (path: string) => path.replace(/\/[^/]+$/, "");
const paramsOf = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");

function successOf(op: OperationModel) {
  return op.responses.get(op.info.success);
}

function schemaName(schema: unknown): string | undefined {
  const ref = typeof schema === "object" && schema !== null ? (schema as { $ref?: unknown }).$ref : undefined;
  return typeof ref === "string" ? ref.split("/").at(-1) : undefined;
}

function chooseIdProperty(idParam: string, item: Set<string> | undefined, create: Set<string> | undefined): string | undefined {
  if (!item) return undefined;
  const exact = [...item].find((p) => p.toLowerCase() === idParam.toLowerCase());
  if (exact) return exact;
  // e.g. `{directDebitGuid}` whose item calls it `mandateGuid`: the one response-only *Guid field.
  const guids = [...item].filter((p) => /guid$/i.test(p) && !create?.has(p));
  return guids.length === 1 ? guids[0] : undefined;
}

// Swashbuckle's default for a create is 200, so a POST on the collection counts with 200 or 201.
const isCreate = (method: string, success: number) => (method === "POST" && (success === 200 || success === 201)) || (method === "PUT" && success === 201);

/**
 * Finds the resources in the operation table: every item GET (`…/{id}`, not paged) whose parent
 * path has a list or create operation. On the collection path a paged GET lists and a POST or
 * PUT answering 201 creates; on the item path PUT replaces and DELETE removes. No path is named
 * here, so renamed paths keep working after `npm run generate`.
 *
 * @example
 * ```ts
 * const resources = findResources(model);
 * resources.get("debtorAddress")?.parent?.name; // "debtor"
 * ```
 */
export function findResources(model: SpecModel): Map<string, ResourceModel> {
  const ops = [...model.operations.values()];
  const at = (path: string, method: string) => ops.find((op) => op.info.path === path && op.info.method === method);
  const found: ResourceModel[] = [];
  for (const get of ops) {
    const idParam = lastParam(get.info.path);
    if (get.info.method !== "GET" || get.info.paged || !idParam || !successOf(get)?.media) continue;
    const collectionPath = parentOf(get.info.path);
    const list = ops.find((op) => op.info.path === collectionPath && op.info.method === "GET" && op.info.paged);
    const create = ops.find((op) => op.info.path === collectionPath && isCreate(op.info.method, op.info.success) && op.requestBody);
    if (!list && !create) continue;
    const itemSchema = successOf(get)?.media?.schema;
    const properties = propertyNames(itemSchema, model.resolve);
    const createProps = create?.requestBody ? propertyNames(create.requestBody.media.schema, model.resolve) : undefined;
    const createSchemas = create?.requestBody ? propertySchemas(create.requestBody.media.schema, model.resolve) : undefined;
    const createOnly = new Map([...(createSchemas ?? [])].filter(([name]) => properties !== undefined && !properties.has(name)));
    const fields = fieldLookup(itemSchema, model.resolve);
    const serverOnly = [...(properties ?? [])].filter((p) => !createProps?.has(p));
    const idProperty = chooseIdProperty(idParam, properties, createProps);
    found.push({
      name: get.id.replace(/^get/, "").replace(/^./, (c) => c.toLowerCase()),
      itemPath: get.info.path,
      collectionPath,
      idParam,
      parentParams: paramsOf(collectionPath),
      parent: undefined,
      children: [],
      idProperty,
      generateId: /(guid|id)$/i.test(idParam),
      itemSchema,
      typeName: schemaName(itemSchema) ?? get.id,
      fields,
      properties,
      createOnly,
      stamps: {
        created: serverOnly.filter((p) => fields([p]) === "datetime" && /^(reg|registration|creat|logged|insurance)/i.test(p)),
        updated: serverOnly.filter((p) => fields([p]) === "datetime" && /(updated|modified)/i.test(p)),
        links: serverOnly.includes("links") && fields(["links"]) === "array",
      },
      ops: { get, list, create, replace: at(get.info.path, "PUT"), remove: at(get.info.path, "DELETE") },
    });
  }
  const byName = new Map(found.map((r) => [r.name, r]));
  for (const resource of found) {
    resource.parent = ownerOf(byName, resource.collectionPath);
    resource.parent?.children.push(resource);
  }
  return byName;
}

/**
 * The deepest resource whose item path is a prefix of `path` (the item an operation hangs off,
 * e.g. the debtor of `/debtors/{debtorGuid}/summary`), or `undefined`.
 *
 * @example
 * ```ts
 * ownerOf(resources, "/debtors/{debtorGuid}/summary")?.name; // "debtor"
 * ```
 */
export function ownerOf(resources: Map<string, ResourceModel>, path: string): ResourceModel | undefined {
  let best: ResourceModel | undefined;
  for (const resource of resources.values()) {
    if ((path === resource.itemPath || path.startsWith(`${resource.itemPath}/`)) && (!best || resource.itemPath.length > best.itemPath.length)) best = resource;
  }
  return best;
}

/** Ids of operations served by the resource store. */
export function resourceOperationIds(resources: Map<string, ResourceModel>): Set<OperationId> {
  const ids = new Set<OperationId>();
  for (const r of resources.values()) for (const op of Object.values(r.ops)) if (op) ids.add(op.id);
  return ids;
}
