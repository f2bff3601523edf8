// Cancellation and timeouts: an AbortSignal stops the request and any retry wait at once;
// a timeout is reported as ApticTimeoutError, a caller abort as ApticAbortError.
import { ApticAbortError, ApticTimeoutError, createApticClientFromEnv } from "aptic-gateway-client";
import { listDebtors } from "aptic-gateway-client/operations";

const aptic = createApticClientFromEnv({ timeoutMs: 15_000 });

const controller = new AbortController();
setTimeout(() => controller.abort(), 5_000); // e.g. the user navigated away

try {
  const { data } = await aptic.call(listDebtors, { params: { query: { $top: 25 } }, signal: controller.signal, timeoutMs: 2_000 });
  console.log("page of", data?.count, "debtors");
} catch (err) {
  if (err instanceof ApticAbortError) console.log("cancelled by the caller");
  else if (err instanceof ApticTimeoutError) console.log(`timed out after ${err.timeoutMs} ms`);
  else throw err;
}
