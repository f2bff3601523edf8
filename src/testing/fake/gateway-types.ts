import type { OperationId } from "../../../generated/operations.js";
import type { WebhookEventName } from "../../webhooks/event-names.js";
import type { FakeClock } from "./context.js";
import type { FailNextOptions, FaultMatch } from "./faults.js";
import type { FakeServer } from "./listen.js";
import type { MswHttp } from "./msw.js";
import type { OverrideHandler } from "./overrides.js";
import type { RequestLog } from "./request-log.js";
import type { RoutesInput } from "../../routes/define.js";
import type { ApticRoutes } from "../../routes/types.js";
import type { SpecViolation } from "./response-check.js";
import type { InvocationHandler } from "./services.js";
import type { FakeStoreView, ParentArgs, ResourceName, StoredItem } from "./types.js";
import type { DeliveryLog, WebhookDeliveryRecord, WebhookReceiver } from "./webhooks.js";

/**
 * Options of {@link createFakeGateway}.
 *
 * @example
 * ```ts
 * const fake = await createFakeGateway({ clock: createTestClock(), tokenLifetimeSeconds: 60, strict: true });
 * ```
 */
export interface FakeGatewayOptions {
  /** Origin (and optional base path) the fake answers under. @default "https://gateway.aptic.test" */
  baseUrl?: string | undefined;
  /** @default "fake-client" */
  clientId?: string | undefined;
  /** @default a random "fake-secret-…" per fake */
  clientSecret?: string | undefined;
  /** @default a random "fake-key-…" per fake */
  apiKey?: string | undefined;
  /** `expires_in` of issued tokens. @default 3600 */
  tokenLifetimeSeconds?: number | undefined;
  /** Time source for token expiry, timestamps, `delayNext` and webhook `dt`. @default real time */
  clock?: Partial<FakeClock> | undefined;
  /** Refuse (501, recorded as a violation) every operation not allowed with `allow()`/`on()`. @default false */
  strict?: boolean | undefined;
  /** Deliver webhooks to this function instead of their URLs. @default HTTP to loopback URLs only */
  webhookReceiver?: WebhookReceiver | undefined;
  /** Header carrying the registration secret. @default "x-webhook-secret" */
  webhookSecretHeader?: string | undefined;
  /** How long a delivery may take before it is logged as failed. @default 5000 */
  webhookTimeoutMs?: number | undefined;
  /** Id generator for created items. @default crypto.randomUUID */
  createId?: (() => string) | undefined;
  /**
   * Serve these operations at other paths or methods (a `defineRoutes()` table or the same JSON):
   * their generated routes then answer 404 or 405, as on a gateway whose routes differ from the
   * inferred ones. @default the generated routes
   */
  routes?: ApticRoutes | RoutesInput | undefined;
}

/**
 * An in-memory Aptic gateway. See {@link createFakeGateway}.
 *
 * @example
 * ```ts
 * const fake = await createFakeGateway();
 * fake.failNext({ operationId: "createCustomer", status: 503 });
 * expect(fake.requests.of("createCustomer")).toHaveLength(2);
 * ```
 */
export interface FakeGateway {
  readonly baseUrl: string;
  /** OAuth2 token URL (client credentials) on the fake's origin. */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiKey: string;
  /** The header the API key goes in (from the spec's apiKey scheme). */
  readonly apiKeyHeader: string;
  /** The fake as a `fetch`: pass it to `createApticClient({ fetch })`. Any origin; paths below the base path. */
  readonly fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /** Serves the fake over HTTP on 127.0.0.1 (Node, Bun, Deno). @param port @default 0 (a free port) */
  listen(port?: number): Promise<FakeServer>;
  /** msw request handlers for the fake: `setupServer(...fake.mswHandlers(http))`. */
  mswHandlers<H>(http: MswHttp<H>, options?: { baseUrl?: string }): H[];
  /** The resource names `seed`/`store` accept. */
  readonly resources: readonly ResourceName[];
  /**
   * Stores items directly (validated; ids generated when missing); returns their ids. Takes the
   * item's fields and the create operation's (see {@link StoredItem} for the ones a GET does not
   * return). A name that is no resource is a type error listing the valid ones, and at run time
   * an `ApticUsageError` listing them.
   */
  seed<R extends ResourceName>(resource: R, items: readonly StoredItem<R>[], ...parent: ParentArgs<R>): string[];
  /** Read-only copies of what is stored, create-only fields included. */
  readonly store: FakeStoreView;
  /** Empties the store, the logs, faults, violations, webhook registrations and tokens (handlers stay). */
  reset(): void;
  /** Implements a custom service definition for every service operation (sub-paths and `async` included). */
  defineService(name: string, handler: InvocationHandler): void;
  /** Implements a named callback. */
  defineCallback(name: string, handler: InvocationHandler): void;
  /** Every request received, secrets redacted. */
  readonly requests: RequestLog;
  /** Fails the next matching request(s) with a status or a connection fault. */
  failNext(fault: FailNextOptions): void;
  /** Delays the next matching request(s) by `ms` on the fake's clock. */
  delayNext(ms: number, match?: FaultMatch): void;
  /** How many queued fault/delay uses are left. */
  pendingFaults(): number;
  /**
   * Overrides one operation (after auth and validation); returns an "off" function. The handler is
   * typed for that operation: `ctx.params`, `ctx.query`, `ctx.body`, `ctx.reply(status, body)` and
   * the plain value it may return (the success body) follow the spec; a `Response` is sent as is.
   */
  on<Id extends OperationId>(operationId: Id, handler: OverrideHandler<Id>): () => void;
  /** Allows operations in strict mode. */
  allow(...operationIds: OperationId[]): void;
  /** Responses that broke the spec (and strict-mode surprises), each answered as a 500/501. */
  readonly violations: readonly SpecViolation[];
  /** Throws an ApticError listing every violation; call it in `afterEach`. */
  verify(): void;
  /** Invalidates every issued token (the next call gets a 401 and must fetch a new one). */
  revokeTokens(): void;
  readonly tokensIssued: number;
  /** Webhooks registered through the API (without secrets). */
  readonly webhooks: readonly { url: string; events: WebhookEventName[]; method: string }[];
  /** Delivers a documented event to its subscribers. */
  emit(event: WebhookEventName, data?: Record<string, unknown>, options?: { objectId?: string | number }): Promise<WebhookDeliveryRecord[]>;
  /** Every delivery made, with the receiver's answer. */
  readonly deliveries: DeliveryLog;
}
