// A gateway whose real routes differ from the inferred ones (version prefix, PascalCase), and one
// scenario by operation that a client must pass against it. Shared by the fake's routes tests and
// the doctor's tests, so "a client given the doctor's routes file passes" means the same scenario.
import { expect } from "vitest";
import { paginate, unwrap, type ApticClient } from "../../../src/index.js";
import { createDebtor, deleteDebtor, getCustomerAddress, getDebtor, listDebtors, pingDebtors } from "../../../src/operations/index.js";
import type { RoutesInput } from "../../../src/routes/index.js";

/** An operation's path as such a gateway spells it (`/debtors/{debtorGuid}` → `/api/v1/Debtors/{debtorGuid}`), from the table. */
const aspNet = (path: string) =>
  `/api/v1${path
    .split("/")
    .map((s) => (s.startsWith("{") ? s : s.replace(/(^|[-_])([a-z])/g, (_, _sep: string, c: string) => c.toUpperCase())))
    .join("/")}`;

/** Path moves only: what the doctor can find and write back. */
export const MOVED = {
  getDebtor: { path: aspNet(getDebtor.path) },
  listDebtors: { path: aspNet(listDebtors.path) },
  createDebtor: { path: aspNet(createDebtor.path) },
  pingDebtors: { path: aspNet(pingDebtors.path) },
  getCustomerAddress: { path: aspNet(getCustomerAddress.path) },
} satisfies RoutesInput;

const debtorBody = { firstname: "Probe", lastname: "Person", juridicalType: 0 as const, currencyCode: "EUR", email: "probe@example.org" };

/** Ping, create, read, list and delete a debtor, all by operation. */
export async function debtorScenario(aptic: ApticClient): Promise<void> {
  await unwrap(aptic.call(pingDebtors));
  const created = await unwrap(aptic.call(createDebtor, { body: debtorBody }));
  const debtorGuid = created.debtorGuid ?? "";
  expect(await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }))).toMatchObject(debtorBody);
  const listed: string[] = [];
  for await (const debtor of paginate(aptic, listDebtors)) listed.push(debtor.debtorGuid ?? "");
  expect(listed).toContain(debtorGuid);
  await unwrap(aptic.call(deleteDebtor, { params: { path: { debtorGuid } } }));
}
