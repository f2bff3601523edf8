// Type tests (checked by `npm run typecheck`): results and bodies are the generated named types
// themselves, not structurally equal copies (a mapped wrapper such as openapi-fetch's Readable<>
// would fail the strict Equal below, and with it every hover that should say `Debtor`).
import { bearer, createApticClient, unwrap, type ApticInit, type ApticResult, type operations } from "../../src/index.js";
import type { CustomerList, Debtor, DebtorCreate, DebtorList, PagedList, PaymentPlan } from "../../generated/models.js";
import { createDebtor, getDebtor, getDebtorPaymentPlan, listCustomers, listDebtors } from "../../src/operations/index.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T => true as T;

const aptic = createApticClient({ baseUrl: "http://127.0.0.1:1", auth: bearer("t") });
const debtorGuid = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";

export async function typeChecks(): Promise<void> {
  const debtor = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
  assert<Equal<typeof debtor, Debtor>>();
  const result = await aptic.GET(getDebtor.path, { params: { path: { debtorGuid } } });
  if (!result.error) assert<Equal<typeof result.data, Debtor>>();
  const plan = await unwrap(aptic.call(getDebtorPaymentPlan, { params: { path: { debtorGuid, paymentplanGuid: debtorGuid } } }));
  assert<Equal<typeof plan, PaymentPlan>>();
  const customers = await unwrap(aptic.call(listCustomers, {}));
  assert<Equal<typeof customers, CustomerList>>();

  // The list envelopes extend PagedList and narrow `value`, so items are typed (not unknown & Debtor).
  const debtors = await unwrap(aptic.call(listDebtors, {}));
  assert<Equal<typeof debtors, DebtorList>>();
  assert<Equal<NonNullable<DebtorList["value"]>, Debtor[]>>();
  const names: (string | null | undefined)[] = debtors.value?.map((d) => d.lastname) ?? [];
  void names;
  const page: PagedList = debtors;
  void page;

  // Bodies: the named request type itself.
  assert<Equal<ApticInit<operations["createDebtor"]>["body"], DebtorCreate>>();
  // @ts-expect-error — still checked field by field
  await aptic.call(createDebtor, { body: { lastnme: "Lindqvist" } });

  // The result type keeps openapi-fetch's shape: data xor error.
  type R = ApticResult<operations["getDebtor"]>;
  assert<Equal<Extract<R, { data: unknown }>["data"], Debtor>>();
  assert<Equal<Extract<R, { error: unknown }>["data"], undefined>>();
}
