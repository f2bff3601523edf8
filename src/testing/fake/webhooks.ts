import { ApticUsageError } from "../../errors/aptic-error.js";
import { isWebhookEventName, type WebhookEventName } from "../../webhooks/event-names.js";
import { buildWebhookDelivery } from "../webhook-simulator.js";
import type { FakeClock } from "./context.js";
import { problem, validationProblem, type Answer } from "./responses.js";
import { isObject } from "../../schema/spec-model.js";
import type { PlannedEvent } from "./webhook-events.js";

/**
 * Where deliveries go instead of the network: any function from a Web `Request` to a
 * `Response` — such as `createWebhookHandler()` from `aptic-gateway-client/webhooks`, whose
 * `{ response }` result is accepted too.
 *
 * @example
 * ```ts
 * const receiver: WebhookReceiver = createWebhookHandler({ secret, onEvent });
 * ```
 */
export type WebhookReceiver = (request: Request) => Response | { response: Response } | Promise<Response | { response: Response }>;

/**
 * One delivery the fake made (or tried): never the secret itself.
 *
 * @example
 * ```ts
 * expect(fake.deliveries.map((d) => d.event)).toEqual(["debtorinsert"]);
 * ```
 */
export interface WebhookDeliveryRecord {
  seq: number;
  event: WebhookEventName;
  objectId: string | number;
  url: string;
  method: string;
  /** The envelope sent: `{ event: { dt, events_id, object_id }, data }`. */
  body: { event: { dt: string; events_id: string; object_id: string | number }; data: Record<string, unknown> };
  /** Whether the registration's secret was sent (in the secret header). */
  secretSent: boolean;
  /** The receiver's status, when it answered. */
  status: number | undefined;
  /** Why nothing (or no answer) came back: timeout, refused, not loopback… */
  error: string | undefined;
  ok: boolean;
  at: number;
}

/** The delivery log: a read-only array with `clear()`. */
export type DeliveryLog = ReadonlyArray<WebhookDeliveryRecord> & { clear(): void };

interface Registration {
  url: string;
  events: string[];
  secret: string | undefined;
  method: string;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Webhook registrations made through the API, and their deliveries (internal).
 *
 * @example
 * ```ts
 * const hooks = new FakeWebhooks({ clock, secretHeader: "x-webhook-secret", timeoutMs: 5000 });
 * await hooks.deliver([{ event: "debtorinsert", objectId: id, data }]);
 * ```
 */
export class FakeWebhooks {
  readonly registrations: Registration[] = [];
  readonly deliveries: DeliveryLog & WebhookDeliveryRecord[];
  #seq = 0;

  constructor(private readonly options: { clock: FakeClock; secretHeader: string; timeoutMs: number; receiver?: WebhookReceiver | undefined }) {
    const log: WebhookDeliveryRecord[] = [];
    Object.defineProperty(log, "clear", { value: () => void log.splice(0, log.length), enumerable: false });
    this.deliveries = log as DeliveryLog & WebhookDeliveryRecord[];
  }

  /** registerWebhook: stores `{ url, events, secret, method }`; answers the webhook without its secret. */
  register(body: unknown, instance: string): Answer {
    const input = isObject(body) ? body : {};
    const url = typeof input["url"] === "string" ? input["url"] : "";
    const events = Array.isArray(input["events"]) ? input["events"].filter((e): e is string => typeof e === "string") : [];
    const method = typeof input["method"] === "string" && input["method"] !== "" ? input["method"].toUpperCase() : "POST";
    const errors: Record<string, string[]> = {};
    if (!/^https?:\/\/[^\s]+$/i.test(url) || !URL.canParse(url)) errors["url"] = ["format: an absolute http(s) URL is required"];
    if (events.length === 0) errors["events"] = ["minItems: at least one event is required"];
    if (Object.keys(errors).length > 0) return validationProblem(422, errors, instance);
    const taken = this.registrations.find((r) => r.url === url && r.method === method && r.events.some((e) => events.includes(e)));
    if (taken)
      return problem(409, "webhooks", `A webhook for ${url} is already registered for ${taken.events.filter((e) => events.includes(e)).join(", ")}.`, {
        instance,
      });
    const secret = typeof input["secret"] === "string" && input["secret"] !== "" ? input["secret"] : undefined;
    this.registrations.push({ url, events: [...new Set(events)], secret, method });
    return { status: 201, source: "webhooks", body: { events: [...new Set(events)], url, method } };
  }

  /** listWebhooks: the documented `{ count, webHooks }` (secrets are never returned). */
  list(): Answer {
    const webHooks = this.registrations.map(({ url, events, method }) => ({ url, events, method }));
    return { status: 200, source: "webhooks", body: { count: webHooks.length, webHooks } };
  }

  /** unregisterWebhook: removes the given events (all when omitted) of a URL. */
  unregister(body: unknown, instance: string): Answer {
    const input = isObject(body) ? body : {};
    const url = input["url"];
    const events = Array.isArray(input["events"]) && input["events"].length > 0 ? input["events"] : undefined;
    const hits = this.registrations.filter((r) => r.url === url);
    if (hits.length === 0) return validationProblem(422, { url: [`No webhook is registered for ${JSON.stringify(url)}.`] }, instance);
    for (const hit of hits) hit.events = events ? hit.events.filter((e) => !events.includes(e)) : [];
    for (let i = this.registrations.length - 1; i >= 0; i -= 1) if (this.registrations[i]?.events.length === 0) this.registrations.splice(i, 1);
    return { status: 204, source: "webhooks" };
  }

  /**
   * Delivers events to every registration subscribed to them, one after the other, so a receiver
   * sees them in the order they happened (debtorupdate before debtornamechange); resolves when all
   * have answered.
   */
  async deliver(planned: readonly PlannedEvent[]): Promise<WebhookDeliveryRecord[]> {
    const records: WebhookDeliveryRecord[] = [];
    for (const p of planned) for (const r of this.registrations.filter((reg) => reg.events.includes(p.event))) records.push(await this.#send(r, p));
    return records;
  }

  /** `fake.emit`: one documented event to its subscribers. */
  emit(event: string, data: unknown, objectId: string | number | undefined): Promise<WebhookDeliveryRecord[]> {
    if (!isWebhookEventName(event)) throw new ApticUsageError(`emit(): ${JSON.stringify(String(event).slice(0, 64))} is not a documented webhook event name`);
    if (data !== undefined && !isObject(data)) throw new ApticUsageError("emit(): data must be a JSON object");
    return this.deliver([{ event, objectId: String(objectId ?? crypto.randomUUID()), data: structuredClone(data ?? {}) }]);
  }

  async #send(reg: Registration, planned: PlannedEvent): Promise<WebhookDeliveryRecord> {
    const { clock, secretHeader, timeoutMs, receiver } = this.options;
    const built = buildWebhookDelivery({
      event: planned.event,
      objectId: planned.objectId,
      data: planned.data,
      dt: new Date(clock.now()),
      secret: reg.secret ?? "",
      secretHeader,
    });
    const headers = { ...built.headers };
    if (reg.secret === undefined) delete headers[secretHeader.toLowerCase()];
    const record: WebhookDeliveryRecord = {
      seq: (this.#seq += 1),
      event: planned.event,
      objectId: planned.objectId,
      url: reg.url,
      method: reg.method,
      body: JSON.parse(built.body) as WebhookDeliveryRecord["body"],
      secretSent: reg.secret !== undefined,
      status: undefined,
      error: undefined,
      ok: false,
      at: clock.now(),
    };
    this.deliveries.push(record);
    const host = new URL(reg.url).hostname;
    if (!receiver && !LOOPBACK.test(host)) {
      record.error = `not sent: ${host} is not a loopback address (give createFakeGateway a webhookReceiver for other URLs)`;
      return record;
    }
    const controller = new AbortController();
    const request = new Request(reg.url, {
      method: reg.method,
      headers,
      body: reg.method === "GET" ? null : built.body,
      redirect: "manual",
      signal: controller.signal,
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      const answered = await Promise.race([receiver ? receiver(request) : globalThis.fetch(request), timeout]);
      const response = answered instanceof Response ? answered : answered.response;
      await response.body?.cancel();
      record.status = response.status;
      record.ok = response.status >= 200 && response.status < 300;
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err);
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    return record;
  }
}
