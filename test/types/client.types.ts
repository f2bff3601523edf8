// Type tests (checked by `npm run typecheck`): they prove the generated types follow the spec —
// change a field in specs/ and regenerate, and the lines below stop compiling.
import { bearer, createApticClient, paginate, paginatePages, requestIdOf, unwrap, type components, type Customer, type Debtor } from "../../src/index.js";
import {
  createCustomerDirectDebitMandate,
  createDebtor,
  deleteDebtor,
  getDebtor,
  invokeCallbackPost,
  invokeCustomerService,
  invokeServicePatch,
  listDebtorAddresses,
  listDebtors,
  pingDebtors,
  updateCustomer,
} from "../../src/operations/index.js";

// Mutual assignability: openapi-fetch wraps data in Readable<>, a structurally equal mapped type.
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assert = <T extends true>(): T => true as T;

const aptic = createApticClient({ baseUrl: "http://127.0.0.1:1", auth: bearer("t") });
const debtorGuid = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";

export async function typeChecks(): Promise<void> {
  // unwrap returns the documented response type.
  const debtor = await unwrap(aptic.GET(getDebtor.path, { params: { path: { debtorGuid } } }));
  assert<Equal<typeof debtor, components["schemas"]["Debtor"]>>();
  assert<Equal<keyof typeof debtor, keyof components["schemas"]["Debtor"]>>();
  // @ts-expect-error — and it is not some other schema (key sets differ)
  assert<Equal<keyof typeof debtor, keyof components["schemas"]["Customer"]>>();
  const list = await unwrap(aptic.GET(listDebtors.path, { params: { query: { $top: 10, $filter: "lastname eq 'Lindqvist'" } } }));
  assert<Equal<NonNullable<typeof list.value>[number], components["schemas"]["Debtor"]>>();

  // Documented fields exist with their documented types (string or null; int enums).
  const firstname: string | null | undefined = debtor.firstname;
  const juridical: 0 | 1 | undefined = debtor.juridicalType;
  void firstname;
  void juridical;
  // @ts-expect-error — not a documented field of Debtor
  void debtor.nickname;

  // Documented request bodies compile…
  await aptic.POST(createDebtor.path, { body: { firstname: "Astrid", lastname: "Lindqvist", juridicalType: 0, currencyCode: "SEK" } });
  // @ts-expect-error — wrong body field
  await aptic.POST(createDebtor.path, { body: { firstnme: "Astrid" } });
  // @ts-expect-error — undocumented enum value
  await aptic.POST(createDebtor.path, { body: { juridicalType: 7 } });
  // @ts-expect-error — required field (receivingBankAccountNo) missing
  await aptic.POST(createCustomerDirectDebitMandate.path, { params: { path: { customerGuid: debtorGuid } }, body: { directDebitMandateType: 1 } });

  // Free-form ("any JSON") bodies accept any value, as documented.
  const anything: unknown = JSON.parse("{}");
  // (Callbacks and custom services by operation: their paths are inferences the rename test moves.)
  await aptic.call(invokeCallbackPost, { params: { path: { callbackName: "PaymentReceived" } }, body: anything });
  await aptic.call(invokeServicePatch, { params: { path: { serviceDefinition: "CreditCheck" } }, body: { any: 1 } });
  await aptic.POST(invokeCustomerService.path, {
    params: { path: { customerGuid: debtorGuid, serviceDefinition: "UpdateCreditLimit" } },
    body: [1, "two", null],
  });
  // @ts-expect-error — a free-form body does not make the path parameters optional
  await aptic.call(invokeServicePatch, { params: { path: {} }, body: { any: 1 } });

  // @ts-expect-error — wrong path
  await aptic.GET("/debtor/{debtorGuid}", { params: { path: { debtorGuid } } });
  // @ts-expect-error — missing path parameter
  await aptic.GET(getDebtor.path, { params: { path: {} } });
  // @ts-expect-error — wrong method for the path
  await aptic.PATCH(getDebtor.path, { params: { path: { debtorGuid } } });

  // Per-call options are typed.
  await aptic.GET(pingDebtors.path, { timeoutMs: 1000, retry: { retries: 1 }, signal: AbortSignal.timeout(5000) });
  // @ts-expect-error — timeoutMs must be a number
  await aptic.GET(pingDebtors.path, { timeoutMs: "1s" });

  // Operations that answer 204 unwrap to undefined — not `never`, which any type would accept.
  const deleted = await unwrap(aptic.DELETE(deleteDebtor.path, { params: { path: { debtorGuid } } }));
  assert<Equal<typeof deleted, undefined>>();
  const updated = await unwrap(aptic.call(updateCustomer, { params: { path: { customerGuid: debtorGuid } }, body: { lastname: "Lindqvist" } }));
  assert<Equal<typeof updated, undefined>>();
  // @ts-expect-error — a 204 operation gives no Customer (this compiled, and crashed at run time, while it was `never`)
  const notACustomer: Customer = await unwrap(aptic.call(updateCustomer, { params: { path: { customerGuid: debtorGuid } }, body: { lastname: "Lindqvist" } }));
  void notACustomer;
  const viaCall = await unwrap(aptic.call(deleteDebtor, { params: { path: { debtorGuid } } }));
  assert<Equal<typeof viaCall, undefined>>();

  // Calls by operation are typed like calls by path: data, params and body.
  const byOperation = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
  assert<Equal<typeof byOperation, Debtor>>();
  assert<Equal<typeof byOperation, typeof debtor>>();
  const result = await aptic.call(getDebtor, { params: { path: { debtorGuid } }, requestId: "r-1", idempotencyKey: "k-1", deadlineMs: 5000 });
  if (result.data) assert<Equal<typeof result.data, Debtor>>();
  const requestId: string | undefined = requestIdOf(result);
  void requestId;
  // @ts-expect-error — missing path parameter
  await aptic.call(getDebtor, { params: { path: {} } });
  // @ts-expect-error — getDebtor needs its init (a required path parameter)
  await aptic.call(getDebtor);
  await aptic.call(pingDebtors); // nothing required: init may be left out
  await aptic.call(createDebtor, { body: { firstname: "Astrid" } });
  // @ts-expect-error — a misspelt body field fails through `call` too
  await aptic.call(createDebtor, { body: { firstnme: "Astrid" } });
  // @ts-expect-error — a misspelt body field next to a correct one
  await aptic.POST(createDebtor.path, { body: { firstname: "Astrid", lastnme: "Lindqvist" } });
  // @ts-expect-error — not an operation of the table
  await aptic.call("getDebtor");
  // @ts-expect-error — per-call requestId must be a string
  await aptic.call(pingDebtors, { requestId: 42 });

  // Pagination takes paged list operations only, and types the items by the operation.
  for await (const item of paginate(aptic, listDebtors, { params: { query: { $filter: "lastname eq 'Lindqvist'" } } }, { maxItems: 10 })) {
    assert<Equal<typeof item, Debtor>>();
  }
  for await (const page of paginatePages(aptic, listDebtorAddresses, { params: { path: { debtorGuid } } })) {
    assert<Equal<NonNullable<typeof page.value>[number], components["schemas"]["Address"]>>();
  }
  // @ts-expect-error — pingDebtors is a GET, but not a paged list
  paginate(aptic, pingDebtors);
  // @ts-expect-error — getDebtor is not a paged list
  paginatePages(aptic, getDebtor, { params: { path: { debtorGuid } } });
  // @ts-expect-error — a path is not an operation (the former `aptic.paginate("/debtors")` form)
  paginate(aptic, listDebtors.path);
  // @ts-expect-error — the list's path parameter is required
  paginate(aptic, listDebtorAddresses, { params: { path: {} } });
  // @ts-expect-error — no pagination method on the client any more
  void aptic.paginate;

  // Auth is a strategy now: the former object shapes do not compile.
  // @ts-expect-error — { token } is gone: use bearer(token)
  createApticClient({ baseUrl: "https://gateway.invalid", auth: { token: "t" } });
  // @ts-expect-error — baseUrl is required (the environment is read by createApticClientFromEnv)
  createApticClient({ auth: bearer("t") });

  // Webhook payloads are generated too.
  const delivery: components["schemas"]["WebhookEventDelivery"] = {
    event: { dt: "2026-11-23T10:00:00Z", events_id: "debtorinsert", object_id: debtorGuid },
    data: {},
  };
  // The wire type is open ("Event examples" in the docs): the receiver, not the type, refuses
  // an undocumented name unless allowUnknownEvents is set.
  delivery.event.events_id = "debtorexploded";
}
