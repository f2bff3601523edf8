// Retries: idempotent calls retry 408/429/5xx and connection failures (2 retries, full jitter,
// Retry-After honoured up to maxRetryAfterMs). POST/PATCH retry only with an idempotency key.
import { createApticClientFromEnv, unwrap } from "aptic-gateway-client";
import { createDebtor, pingDebtors } from "aptic-gateway-client/operations";

const aptic = createApticClientFromEnv({
  retry: { retries: 3, baseDelayMs: 250, maxDelayMs: 4000, maxRetryAfterMs: 30_000 },
  timeoutMs: 10_000,
});

// Sent once: a key alone only adds the Idempotency-Key header (see "What is assumed" below).
const debtor = await unwrap(
  aptic.call(createDebtor, {
    body: { firstname: "Ola", lastname: "Nordmann", countryCode: "NO", currencyCode: "NOK" },
    idempotencyKey: crypto.randomUUID(),
  }),
);
console.log("created", debtor.debtorGuid);

// Per call: no retries for this one.
await aptic.call(pingDebtors, { retry: false });
