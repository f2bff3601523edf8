import type { SchemaChecker } from "../../schema/checker.js";
import type { ResourceModel } from "./resources.js";
import type { RouteMatch } from "./router.js";
import type { OperationModel, SpecModel } from "../../schema/spec-model.js";
import type { ItemStore } from "./store.js";

/**
 * Time as the fake sees it: token expiry, timestamps, `delayNext` and webhook `dt` all read it, so
 * a test clock makes them instant and deterministic.
 *
 * @example
 * ```ts
 * const clock: FakeClock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
 * ```
 */
export interface FakeClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A change the store made while answering a request; webhooks are derived from these. */
export interface Mutation {
  resource: ResourceModel;
  action: "create" | "update" | "delete";
  id: string;
  parents: string[];
  item: Record<string, unknown>;
  before?: Record<string, unknown>;
}

/** Everything the handlers share (internal). */
export interface FakeState {
  model: SpecModel;
  checker: SchemaChecker;
  resources: Map<string, ResourceModel>;
  store: ItemStore;
  clock: FakeClock;
  createId(): string;
}

/** A routed, validated request (internal). */
export interface ParsedRequest {
  request: Request;
  url: URL;
  /** Path below the fake's base path. */
  path: string;
  match: RouteMatch;
  operation: OperationModel;
  /** Declared query parameters, converted to their schema types, defaults applied. */
  query: Record<string, unknown>;
  /** Every query parameter as sent (callbacks receive undeclared ones too). */
  rawQuery: Record<string, string>;
  /** The parsed JSON body, `undefined` without one. */
  body: unknown;
}
