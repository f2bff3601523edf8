// Strict browser-style consumer (moduleResolution bundler, DOM lib, no @types/node) of the packed
// package (scripts/smoke-consumer.mjs): the runtime-neutral entries must not need Node's types.
import { ApticNotFoundError, bearer, createApticClient, unwrap, type components } from "aptic-gateway-client";
import { filterFor } from "aptic-gateway-client/odata";
import { invokeService } from "aptic-gateway-client/services";
import { createWebhookHandler } from "aptic-gateway-client/webhooks";
import { getDebtor } from "aptic-gateway-client/operations";

type Debtor = components["schemas"]["Debtor"];

export async function lastname(baseUrl: string, debtorGuid: string): Promise<string | null | undefined> {
  const aptic = createApticClient({ baseUrl, auth: bearer("t") });
  try {
    return (await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }))).lastname;
  } catch (err) {
    if (err instanceof ApticNotFoundError) return undefined;
    throw err;
  }
}

export const filter: string = String(filterFor<Debtor>().eq("currencyCode", "SEK"));
export const handler = createWebhookHandler({ secret: "s" });
export const check = (baseUrl: string): Promise<unknown> => invokeService(createApticClient({ baseUrl }), "CreditCheck");
