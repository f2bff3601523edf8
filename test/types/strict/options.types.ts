// Option types under exactOptionalPropertyTypes (this folder's tsconfig, run by `npm run typecheck`):
// every optional option accepts an explicit `undefined`, as values read from the environment are.
import { bearer, clientCredentials, createApticClient, type ApticRequestOptions, type RetryOptions } from "../../../src/index.js";
import { pingDebtors } from "../../../src/operations/index.js";

declare const env: Record<string, string | undefined>;

const auth = clientCredentials({
  clientId: "erp",
  clientSecret: env["APTIC_CLIENT_SECRET"] ?? "",
  tokenUrl: "https://login.invalid/connect/token",
  scope: env["APTIC_SCOPE"],
  clientAuthMethod: undefined,
  refreshSkewMs: undefined,
  timeoutMs: undefined,
  allowInsecureHttp: undefined,
});

const retry: RetryOptions = {
  retries: undefined,
  baseDelayMs: undefined,
  maxDelayMs: undefined,
  maxRetryAfterMs: undefined,
  statusCodes: undefined,
  unsafe: undefined,
};

const aptic = createApticClient({
  baseUrl: "https://gateway.invalid",
  auth: env["APTIC_TOKEN"] ? bearer(env["APTIC_TOKEN"]) : auth,
  headers: undefined,
  userAgent: undefined,
  fetch: undefined,
  dispatcher: undefined,
  logger: undefined,
  onEvent: undefined,
  timeoutMs: undefined,
  deadlineMs: undefined,
  retry,
  maxResponseBytes: undefined,
  allowInsecureHttp: undefined,
  timing: undefined,
});

const perCall: ApticRequestOptions = {
  timeoutMs: undefined,
  deadlineMs: undefined,
  retry: undefined,
  idempotencyKey: env["ORDER_KEY"],
  requestId: undefined,
  dispatcher: undefined,
};

export const call = aptic.call(pingDebtors, perCall);

// The settings of this folder are really on: without them these lines would compile.
// @ts-expect-error exactOptionalPropertyTypes: a plain optional property refuses an explicit undefined
export const plain: { a?: string } = { a: undefined };
declare const list: string[];
// @ts-expect-error noUncheckedIndexedAccess: an index may be out of range
export const first: string = list[0];
