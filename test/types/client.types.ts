// Type tests (checked by `npm run typecheck`): they prove the generated types follow the spec —
// change a field in specs/ and regenerate, and the lines below stop compiling.
import { createApticClient, unwrap, type components } from "../../src/index.js";

// Mutual assignability: openapi-fetch wraps data in Readable<>, a structurally equal mapped type.
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assert = <T extends true>(): T => true as T;

const aptic = createApticClient({ baseUrl: "http://127.0.0.1:1" });
const debtorGuid = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";

export async function typeChecks(): Promise<void> {
  // unwrap returns the documented response type.
  const debtor = await unwrap(aptic.GET("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } }));
  assert<Equal<typeof debtor, components["schemas"]["Debtor"]>>();
  assert<Equal<keyof typeof debtor, keyof components["schemas"]["Debtor"]>>();
  // @ts-expect-error — and it is not some other schema (key sets differ)
  assert<Equal<keyof typeof debtor, keyof components["schemas"]["Customer"]>>();
  const list = await unwrap(aptic.GET("/debtors", { params: { query: { $top: 10, $filter: "lastname eq 'Lindqvist'" } } }));
  assert<Equal<NonNullable<typeof list.value>[number], components["schemas"]["Debtor"]>>();

  // Documented fields exist with their documented types (string or null; int enums).
  const firstname: string | null | undefined = debtor.firstname;
  const juridical: 0 | 1 | undefined = debtor.juridicalType;
  void firstname;
  void juridical;
  // @ts-expect-error — not a documented field of Debtor
  void debtor.nickname;

  // Documented request bodies compile…
  await aptic.POST("/debtors", { body: { firstname: "Astrid", lastname: "Lindqvist", juridicalType: 0, currencyCode: "SEK" } });
  // @ts-expect-error — wrong body field
  await aptic.POST("/debtors", { body: { firstnme: "Astrid" } });
  // @ts-expect-error — undocumented enum value
  await aptic.POST("/debtors", { body: { juridicalType: 7 } });
  // @ts-expect-error — required field (receivingBankAccountNo) missing
  await aptic.POST("/customers/{customerGuid}/direct-debit-mandates", { params: { path: { customerGuid: debtorGuid } }, body: { directDebitMandateType: 1 } });

  // Free-form ("any JSON") bodies accept any value, as documented.
  const anything: unknown = JSON.parse("{}");
  await aptic.POST("/callbacks/{callbackName}", { params: { path: { callbackName: "PaymentReceived" } }, body: anything });
  await aptic.PATCH("/services/{serviceDefinition}", { params: { path: { serviceDefinition: "CreditCheck" } }, body: { any: 1 } });

  // @ts-expect-error — wrong path
  await aptic.GET("/debtor/{debtorGuid}", { params: { path: { debtorGuid } } });
  // @ts-expect-error — missing path parameter
  await aptic.GET("/debtors/{debtorGuid}", { params: { path: {} } });
  // @ts-expect-error — wrong method for the path
  await aptic.PATCH("/debtors/{debtorGuid}", { params: { path: { debtorGuid } } });

  // Per-call options are typed.
  await aptic.GET("/debtors/ping", { timeoutMs: 1000, retry: { retries: 1 }, signal: AbortSignal.timeout(5000) });
  // @ts-expect-error — timeoutMs must be a number
  await aptic.GET("/debtors/ping", { timeoutMs: "1s" });

  // Webhook payloads are generated too.
  const delivery: components["schemas"]["WebhookEventDelivery"] = {
    event: { dt: "2026-11-23T10:00:00Z", events_id: "debtorinsert", object_id: debtorGuid },
    data: {},
  };
  // The wire type is open ("Event examples" in the docs): the receiver, not the type, refuses
  // an undocumented name unless allowUnknownEvents is set.
  delivery.event.events_id = "debtorexploded";
}
