// The runtime matrix's consumer (scripts/test-runtimes.mjs): the packed package's ESM build used
// as an integrator would, identically on Node, Bun, Deno and workerd. Compiled with the project's
// TypeScript (strict, skipLibCheck false) against the installed tarball; `npm run typecheck`
// checks it against src/ too.
import { ApticApiError, ApticNotFoundError, bearer, createApticClient, paginate, unwrap, VERSION } from "aptic-gateway-client";
import { getDebtor, listDebtors, pingDebtors } from "aptic-gateway-client/operations";

/** A debtor the loopback gateway does not know: GET answers 404 with a problem document. */
export const MISSING_DEBTOR = "00000000-0000-4000-8000-000000000404";
/** The bearer token the loopback gateway requires. */
export const TOKEN = "runtime-matrix-token";

/** What a runtime reports back (plain JSON). */
export interface RuntimeReport {
  runtime: string;
  packageVersion: string;
  ping: unknown;
  lastnames: string[];
  notFound: { name: string; status: number; isApiError: boolean; isNotFound: boolean; title: string | null | undefined };
}

/** A typed GET, a paginated list (pages of 2) and a 404 that must surface as ApticNotFoundError. */
export async function runChecks(baseUrl: string, runtime: string): Promise<RuntimeReport> {
  const aptic = createApticClient({ baseUrl, auth: bearer(TOKEN), retry: false });
  const ping = await unwrap(aptic.call(pingDebtors));

  const lastnames: string[] = [];
  for await (const debtor of paginate(aptic, listDebtors, undefined, { pageSize: 2 })) lastnames.push(debtor.lastname ?? "(none)");

  let notFound: RuntimeReport["notFound"] | undefined;
  try {
    const debtor = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid: MISSING_DEBTOR } } }));
    throw new Error(`expected a 404, got debtor ${String(debtor.debtorGuid)}`);
  } catch (err) {
    if (!(err instanceof ApticApiError)) throw err;
    notFound = { name: err.name, status: err.status, isApiError: true, isNotFound: err instanceof ApticNotFoundError, title: err.problem?.title };
  }
  return { runtime, packageVersion: VERSION, ping, lastnames, notFound };
}
