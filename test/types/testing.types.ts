// Type tests for the testing kit (checked by `npm run typecheck`): resource names, seeds and
// store reads follow the spec's resources, and fake.on handlers are typed per operation.
import type { components } from "../../generated/aptic.js";
import type { Customer, Debtor, DebtorCreate, PaymentPlan } from "../../generated/models.js";
import { createFakeGateway } from "../../src/testing/fake/create-fake-gateway.js";
import type { OverrideContext, PathParamsOf, ReplyBodyOf, SuccessBodyOf } from "../../src/testing/fake/overrides.js";
import type { CreateInput, ResourceItem, ResourceName, StoredItem } from "../../src/testing/fake/types.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assert = <T extends true>(): T => true as T;

export async function typeChecks(): Promise<void> {
  const fake = await createFakeGateway();

  // Resource names are the singular operationId stems; a plural or a typo is refused at the name.
  const names: readonly ResourceName[] = fake.resources;
  void names;
  fake.seed("debtor", [{ lastname: "Lindqvist" }]);
  // @ts-expect-error — "debtors" is no resource (the message lists "debtor" | "debtorAddress" | …)
  fake.seed("debtors", [{ lastname: "Lindqvist" }]);
  // @ts-expect-error — nested resources need their parent ids
  fake.seed("debtorAddress", [{ street: "Storgatan 1" }]);
  fake.seed("debtorAddress", [{ street: "Storgatan 1" }], { debtorGuid: "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90" });
  // @ts-expect-error — and only their own parent ids
  fake.seed("debtorAddress", [{ street: "Storgatan 1" }], { customerGuid: "x" });
  // @ts-expect-error — a top-level resource takes none
  fake.seed("debtor", [{}], { debtorGuid: "x" });

  // Seeding takes what the create operation takes (countryCode is a DebtorCreate field, not a Debtor one)…
  assert<Equal<CreateInput<"debtor">, DebtorCreate>>();
  assert<Equal<ResourceItem<"debtor">, Debtor>>();
  assert<Equal<ResourceItem<"customer">, Customer>>();
  assert<Equal<ResourceItem<"debtorPaymentPlan">, PaymentPlan>>();
  fake.seed("debtor", [{ lastname: "Lindqvist", countryCode: "SE", vatNumber: "SE5560000001" }]);
  // @ts-expect-error — …with its documented types
  fake.seed("debtor", [{ countryCode: 46 }]);
  // @ts-expect-error — and nothing neither declares
  fake.seed("debtor", [{ nickname: "Astrid" }]);
  // …and the store gives them back, typed.
  const stored = fake.store.get("debtor", "id");
  const country: string | null | undefined = stored?.countryCode;
  void country;
  assert<Equal<StoredItem<"debtor">["debtorGuid"], Debtor["debtorGuid"]>>();
  // @ts-expect-error — a store read names a resource too
  fake.store.list("customers");

  // fake.on: params, query, body and reply per operation.
  fake.on("getDebtorAddress", (ctx) => {
    assert<Equal<typeof ctx.params, PathParamsOf<"getDebtorAddress">>>();
    const both: [string, string] = [ctx.params.debtorGuid, ctx.params.addressGuid];
    void both;
    // @ts-expect-error — not a path parameter of this operation
    void ctx.params.customerGuid;
    return undefined;
  });
  fake.on("createDebtor", (ctx) => {
    assert<Equal<typeof ctx.body, DebtorCreate>>();
    // @ts-expect-error — not a DebtorCreate field
    void ctx.body.nickname;
    return ctx.reply(422, { title: "Unprocessable", status: 422 });
  });
  fake.on("listDebtors", (ctx) => {
    const top: number | undefined = ctx.query.$top;
    void top;
    return undefined;
  });
  fake.on("getDebtor", (ctx) => ({ debtorGuid: ctx.params.debtorGuid, lastname: "Lindqvist" }));
  fake.on("getDebtor", async () => ({ lastname: "Lindqvist" }));
  fake.on("getDebtor", (ctx) => ctx.reply(404));
  fake.on("getDebtor", () => new Response("{}", { status: 200 }));
  // @ts-expect-error — a plain return value is the success body (Debtor): no such field
  fake.on("getDebtor", () => ({ nickname: "Astrid" }));
  // @ts-expect-error — a documented status takes its documented body (Debtor for 200)
  fake.on("getDebtor", (ctx) => ctx.reply(200, { juridicalType: "person" }));
  // @ts-expect-error — 204 is documented without a body
  fake.on("deleteDebtor", (ctx) => ctx.reply(204, { deleted: true }));
  // An undocumented status (a fault the spec does not list) takes any body.
  fake.on("getDebtor", (ctx) => ctx.reply(418, { teapot: true }));
  assert<Mutual<ReplyBodyOf<"getDebtor", 404>, components["schemas"]["ProblemDetails"]>>();
  assert<Equal<ReplyBodyOf<"deleteDebtor", 204>, undefined>>();
  assert<Equal<ReplyBodyOf<"getDebtor", 418>, unknown>>();
  assert<Equal<SuccessBodyOf<"getDebtor">, Debtor>>();
  assert<Equal<OverrideContext<"pingDebtors">["params"], Record<never, string>>>();
  // @ts-expect-error — unknown operationId
  fake.on("getDebtors", () => undefined);
}
