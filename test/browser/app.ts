// Runs IN Chromium (transpiled by esbuild, served by static-server.ts). It imports the built ESM
// package through the page's import map ("aptic-gateway-client" → /dist/index.js, its operation
// table → /dist/operations/index.js, "openapi-fetch" → its ESM build), and is type-checked against the sources (`npm run typecheck` covers test/):
// the calls below are the typed calls an integrator would write.
import type * as Aptic from "../../src/index.js";
import { getDebtor, listDebtors, pingDebtors } from "aptic-gateway-client/operations";

/** What the page reports back to the test (plain JSON). */
export interface BrowserReport {
  userAgentIsBrowser: boolean;
  ping: unknown;
  debtor: { debtorGuid: string | null | undefined; lastname: string | null | undefined };
  page: { count: number; hasTotal: boolean };
  notFound: { name: string; status: number; isApiError: boolean; isNotFound: boolean; problemStatus: number | null | undefined; url: string };
}

const GUID = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";

/** Loads the package as the browser sees it; the specifier is a variable so TypeScript types it from src. */
async function loadPackage(): Promise<typeof Aptic> {
  const specifier = "aptic-gateway-client";
  return (await import(specifier)) as typeof Aptic;
}

export async function runChecks(baseUrl: string): Promise<BrowserReport> {
  const { bearer, createApticClient, unwrap, ApticApiError, ApticNotFoundError } = await loadPackage();
  const aptic = createApticClient({ baseUrl, auth: bearer("browser-test-token"), retry: false });

  const ping = await unwrap(aptic.call(pingDebtors));
  const debtor = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid: GUID } } }));
  const list = await unwrap(aptic.call(listDebtors, { params: { query: { $top: 2 } } }));

  let notFound: BrowserReport["notFound"] | undefined;
  try {
    await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid: GUID } }, headers: { Prefer: "code=404" } }));
  } catch (err) {
    if (!(err instanceof ApticApiError)) throw err;
    notFound = {
      name: err.name,
      status: err.status,
      isApiError: true,
      isNotFound: err instanceof ApticNotFoundError,
      problemStatus: err.problem?.status,
      url: err.url,
    };
  }
  if (!notFound) throw new Error("expected GET /debtors/{debtorGuid} with Prefer: code=404 to throw");

  return {
    userAgentIsBrowser: typeof window === "object" && typeof document === "object",
    ping,
    debtor: { debtorGuid: debtor.debtorGuid, lastname: debtor.lastname },
    page: { count: list.value?.length ?? 0, hasTotal: typeof list.total === "number" },
    notFound,
  };
}
