// Compile-time checks for the OData builder. Nothing here runs: each `@ts-expect-error` line must
// fail to type-check (tsc reports an unused directive otherwise), every other line must pass.
// Check with: npx tsc --noEmit --strict --module nodenext --moduleResolution nodenext --target es2022 test/types/odata.types.ts
import {
  filterFor,
  guid,
  orderBy,
  type FieldPath,
  type FieldValue,
  type FilterExpression,
  type OrderByTerm,
  type StringFieldPath,
} from "../../src/odata/index.js";
import * as odata from "../../src/odata/index.js";

/** Shaped like an openapi-typescript schema: optional, nullable, enum, nested, array fields. */
interface Debtor {
  debtorGuid?: string;
  lastname?: string | null;
  fullName?: string | null;
  email?: string | null;
  regDate?: string | null;
  creditLimit?: number;
  active: boolean;
  juridicalType?: "Person" | "Company";
  name?: { firstName?: string | null; lastName: string } | null;
  addresses?: { city: string }[];
}

type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(): T | undefined {
  return undefined;
}

// Paths, including nested ones; arrays are not navigable.
expectTrue<
  Equal<
    FieldPath<Debtor>,
    | "debtorGuid"
    | "lastname"
    | "fullName"
    | "email"
    | "regDate"
    | "creditLimit"
    | "active"
    | "juridicalType"
    | "name"
    | "name/firstName"
    | "name/lastName"
    | "addresses"
  >
>();
expectTrue<Equal<FieldValue<Debtor, "name/lastName">, string | null | undefined>>();
expectTrue<
  Equal<StringFieldPath<Debtor>, "debtorGuid" | "lastname" | "fullName" | "email" | "regDate" | "juridicalType" | "name/firstName" | "name/lastName">
>();
expectTrue<Equal<FieldPath<Record<string, unknown>>, string>>();

const f = filterFor<Debtor>();
const ok: FilterExpression[] = [
  f.eq("lastname", "O'Brien"),
  f.eq("email", null),
  f.ne("creditLimit", 0),
  f.gt("regDate", new Date("2024-01-01")),
  f.le("regDate", "2024-12-31T00:00:00Z"),
  f.eq("debtorGuid", guid("0f8fad5b-d9cb-469f-a165-70867728950e")),
  f.eq("active", true),
  f.eq("juridicalType", "Company"),
  f.eq("name/firstName", "Astrid"),
  f.contains("email", "@example"),
  f.startswith("name/lastName", "Lind"),
  f.and(f.eq("active", true)),
  f.or(f.eq("active", true), f.not(f.endswith("email", ".se"))),
];
const $filter: string = String(f.and(...(ok as [FilterExpression, ...FilterExpression[]])));

// @ts-expect-error wrong field name (case matters: the schema says "lastname")
f.eq("lastName", "x");
// @ts-expect-error unknown field
f.eq("nope", 1);
// @ts-expect-error unknown nested field
f.eq("name/middleName", "x");
// @ts-expect-error arrays cannot be navigated
f.eq("addresses/city", "Oslo");
// @ts-expect-error an object field is not comparable with a literal
f.eq("name", "x");
// @ts-expect-error number field, string value
f.eq("creditLimit", "5");
// @ts-expect-error string field, number value
f.eq("lastname", 5);
// @ts-expect-error null for a non-nullable field
f.eq("active", null);
// @ts-expect-error null with an ordering operator
f.gt("email", null);
// @ts-expect-error not a member of the enum
f.eq("juridicalType", "Robot");
// @ts-expect-error string functions need a string field
f.contains("creditLimit", "1");
// @ts-expect-error and() needs at least one operand
f.and();
// @ts-expect-error raw strings are not expressions
f.and("lastname eq 'x'");
// @ts-expect-error an expression is not a string; pass String(expr)
const notAString: string = f.eq("lastname", "x");

// The untyped default accepts any identifier path and any literal.
const u = filterFor();
u.eq("anything/nested", guid("0f8fad5b-d9cb-469f-a165-70867728950e"));
u.contains("whatever", "x");

// Guid and FilterExpression are exported as types only: instances come from guid() and the
// builder, which validate what they wrap.
// @ts-expect-error no Guid constructor in the public API
new odata.Guid("0f8fad5b-d9cb-469f-a165-70867728950e");
// @ts-expect-error no FilterExpression constructor in the public API
new odata.FilterExpression();

const sort: string = orderBy<Debtor>("lastname", "fullName desc", { field: "name/lastName", direction: "asc" });
const terms: OrderByTerm<Debtor>[] = [{ field: "regDate", direction: "desc" }];
orderBy<Debtor>(terms);
// @ts-expect-error wrong field name
orderBy<Debtor>("fullname desc");
// @ts-expect-error invalid direction
orderBy<Debtor>("lastname down");
// @ts-expect-error invalid structured direction
orderBy<Debtor>({ field: "lastname", direction: "DESC" });
orderBy("anyField desc");

export { $filter, notAString, sort };
