import { describe, expect, it } from "vitest";
import { ApticUsageError, bearer, createApticClient } from "../../src/index.js";
import {
  invokeCallback,
  invokeCustomerAreaService,
  invokeCustomerService,
  invokeDebtorAreaService,
  invokeDebtorService,
  invokeService,
} from "../../src/services/index.js";
import {
  invokeCallbackGet,
  invokeCallbackPost,
  invokeCustomerAreaService as customerAreaOp,
  invokeCustomerService as customerOp,
  invokeDebtorAreaService as debtorAreaOp,
  invokeDebtorService as debtorOp,
  invokeServiceDelete,
  invokeServiceGet,
  invokeServicePatch,
  invokeServicePost,
} from "../../src/operations/index.js";
import { fakeFetch, GUID, json } from "../support/fake-fetch.js";
import { pathOf, requestLine } from "../support/operation-url.js";

const BASE = "http://127.0.0.1:9";
const setup = () => {
  const fetch = fakeFetch((r) => json(200, { echoed: r.method }));
  return { fetch, aptic: createApticClient({ baseUrl: BASE, fetch, auth: bearer("t") }) };
};

describe("custom service helpers", () => {
  it("invokeService: GET without body, POST with body, explicit methods, async flag", async () => {
    const { fetch, aptic } = setup();
    const credit = { serviceDefinition: "CreditCheck" };
    expect(await invokeService(aptic, "CreditCheck")).toEqual({ echoed: "GET" });
    await invokeService(aptic, "CreditCheck", { body: { idNumber: "19850312-4521" }, async: true });
    await invokeService(aptic, "CreditCheck", { method: "PATCH", body: null });
    await invokeService(aptic, "CreditCheck", { method: "DELETE", body: { reason: "duplicate" } });
    expect(fetch.seen.map((s) => `${s.method} ${s.url.slice(BASE.length)} ${s.body}`)).toEqual([
      `${requestLine(invokeServiceGet, credit)} `,
      `${requestLine(invokeServicePost, credit, "?async=true")} {"idNumber":"19850312-4521"}`,
      `${requestLine(invokeServicePatch, credit)} null`,
      `${requestLine(invokeServiceDelete, credit)} {"reason":"duplicate"}`,
    ]);
  });

  it("invokeService: sub-paths are encoded segment by segment", async () => {
    const { fetch, aptic } = setup();
    await invokeService(aptic, "Reports", { subPath: ["monthly", "2026/10"] });
    await invokeService(aptic, "Reports", { subPath: "monthly/summary" });
    const reports = { serviceDefinition: "Reports" };
    expect(fetch.seen.map((s) => new URL(s.url).pathname)).toEqual([
      pathOf(invokeServiceGet, reports, "/monthly/2026%2F10"),
      pathOf(invokeServiceGet, reports, "/monthly/summary"),
    ]);
    await expect(invokeService(aptic, "Reports", { subPath: ["..", "webhooks"] })).rejects.toThrow(ApticUsageError);
    await expect(invokeService(aptic, "Reports", { subPath: "a//b" })).rejects.toThrow(ApticUsageError);
  });

  it("debtor and customer scoped variants hit their documented paths", async () => {
    const { fetch, aptic } = setup();
    await invokeDebtorService(aptic, GUID, "SendPaymentReminder", { body: { channel: "EMAIL" }, async: false });
    await invokeDebtorAreaService(aptic, "RecalculateInterest");
    await invokeCustomerService(aptic, GUID, "UpdateCreditLimit", { body: { limit: 50_000 } });
    await invokeCustomerAreaService(aptic, "NightlyLedgerExport", { async: true });
    expect(fetch.seen.map((s) => `${s.method} ${s.url.slice(BASE.length)}`)).toEqual([
      requestLine(debtorOp, { debtorGuid: GUID, serviceDefinition: "SendPaymentReminder" }, "?async=false"),
      requestLine(debtorAreaOp, { serviceDefinition: "RecalculateInterest" }),
      requestLine(customerOp, { customerGuid: GUID, serviceDefinition: "UpdateCreditLimit" }),
      requestLine(customerAreaOp, { serviceDefinition: "NightlyLedgerExport" }, "?async=true"),
    ]);
  });

  it("callbacks: GET with optional query arguments, POST with a body", async () => {
    const { fetch, aptic } = setup();
    await invokeCallback(aptic, "PaymentReceived", { query: { source: "erp", attempt: 2 } });
    await invokeCallback(aptic, "PaymentReceived", { body: { reference: "7350012345", amount: 499.5 } });
    expect(fetch.seen.map((s) => `${s.method} ${s.url.slice(BASE.length)}`)).toEqual([
      requestLine(invokeCallbackGet, { callbackName: "PaymentReceived" }, "?source=erp&attempt=2"),
      requestLine(invokeCallbackPost, { callbackName: "PaymentReceived" }),
    ]);
  });

  it("rejects a GET with a body and unsafe names", async () => {
    const { aptic, fetch } = setup();
    await expect(invokeService(aptic, "X", { method: "GET", body: {} })).rejects.toThrow(ApticUsageError);
    await expect(invokeDebtorService(aptic, "..", "X")).rejects.toThrow(ApticUsageError);
    await expect(invokeService(aptic, "")).rejects.toThrow(ApticUsageError);
    expect(fetch.seen).toHaveLength(0);
  });

  it("forwards per-call options (an idempotency key with retry.unsafe makes POST retryable)", async () => {
    let n = 0;
    const fetch = fakeFetch(() => (++n === 1 ? json(503, {}) : json(200, { ok: true })));
    const aptic = createApticClient({ baseUrl: BASE, fetch, timing: { sleep: async () => {} } });
    expect(await invokeService(aptic, "CreditCheck", { body: {}, idempotencyKey: "ck-1", retry: { unsafe: true } })).toEqual({ ok: true });
    expect(fetch.seen.map((s) => s.headers.get("idempotency-key"))).toEqual(["ck-1", "ck-1"]);
  });
});
