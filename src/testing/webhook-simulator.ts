import type { WebhookEventName } from "../webhooks/event-names.js";

/**
 * What to simulate. `event` may be any string so receivers can be tested against undocumented
 * names too; documented names autocomplete.
 *
 * @example
 * ```ts
 * const options: WebhookDeliveryOptions = { event: "debtorinsert", secret: "s3cret" };
 * ```
 */
export interface WebhookDeliveryOptions {
  event: WebhookEventName | (string & {});
  /** `event.object_id`. @default a random GUID */
  objectId?: string | number | undefined;
  /** `data`. @default Nordic sample data for debtor, customer and payment events, else `{}` */
  data?: Record<string, unknown> | undefined;
  /** `event.dt`. @default now */
  dt?: string | Date | undefined;
  /** The secret given at registration, sent in `secretHeader`. */
  secret: string;
  /** @default "x-webhook-secret" */
  secretHeader?: string | undefined;
  /** Extra or overriding headers (e.g. a different content type, to test a 415). */
  headers?: Record<string, string> | undefined;
}

/**
 * A ready delivery: the exact body and headers, and a factory for a fresh `Request` to a URL.
 *
 * @example
 * ```ts
 * const delivery = buildWebhookDelivery({ event: "payment", secret });
 * const result = await handler(delivery.request("http://localhost/aptic/webhooks"));
 * ```
 */
export interface WebhookDelivery {
  body: string;
  headers: Record<string, string>;
  /** A new POST Request each call (a Request body can be read only once). */
  request(url: string | URL): Request;
}

const ADDRESS = { street: "Storgatan", houseNo: "12", zipCode: "114 51", city: "Stockholm", countryCode: "SE" };

function sampleData(event: string, objectId: string | number): Record<string, unknown> {
  if (event.startsWith("debtor")) {
    return { debtorGuid: objectId, juridicalType: 0, fullName: "Astrid Lindqvist", idnumber: "19850312-2388", address: ADDRESS };
  }
  if (event.startsWith("customer")) {
    return {
      customerGuid: objectId,
      name: "Nordbank Inkasso AB",
      organizationNumber: "556677-8899",
      address: { ...ADDRESS, city: "Göteborg", zipCode: "411 06" },
    };
  }
  if (event === "payment" || event === "ledgerpayment" || event === "disbursement") {
    return { amount: 1250.5, currencyCode: "SEK", paymentDate: new Date().toISOString().slice(0, 10), reference: "OCR 4021337" };
  }
  return {};
}

/**
 * Builds a correctly shaped, authenticated webhook delivery, as the gateway would send it:
 * `{ event: { dt, events_id, object_id }, data }` as JSON with the secret in its header.
 *
 * @example
 * ```ts
 * import { buildWebhookDelivery } from "aptic-gateway-client/testing";
 *
 * const delivery = buildWebhookDelivery({ event: "debtorinsert", secret: "s3cret" });
 * const result = await handler(delivery.request("http://localhost/aptic/webhooks"));
 * expect(result.ok).toBe(true);
 * ```
 */
export function buildWebhookDelivery(options: WebhookDeliveryOptions): WebhookDelivery {
  const objectId = options.objectId ?? crypto.randomUUID();
  const dt = options.dt instanceof Date ? options.dt.toISOString() : (options.dt ?? new Date().toISOString());
  const payload = {
    event: { dt, events_id: options.event, object_id: objectId },
    data: options.data ?? sampleData(options.event, objectId),
  };
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    [(options.secretHeader ?? "x-webhook-secret").toLowerCase()]: options.secret,
    ...options.headers,
  };
  return { body, headers, request: (url) => new Request(url, { method: "POST", headers, body }) };
}

/**
 * POSTs a simulated delivery to a running receiver and returns its response.
 *
 * @example
 * ```ts
 * import { deliverWebhook } from "aptic-gateway-client/testing";
 *
 * const res = await deliverWebhook("http://127.0.0.1:3000/aptic/webhooks", { event: "payment", secret: "s3cret" });
 * console.log(res.status); // 204
 * ```
 */
export function deliverWebhook(url: string | URL, options: WebhookDeliveryOptions & { fetch?: (input: Request) => Promise<Response> }): Promise<Response> {
  const { fetch: fetchImpl = (input: Request) => globalThis.fetch(input), ...delivery } = options;
  return fetchImpl(buildWebhookDelivery(delivery).request(url));
}
