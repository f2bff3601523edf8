// Custom services: invoke service definitions (all documented variants) and named callbacks
// with free-form JSON in and out.
import { createApticClientFromEnv } from "aptic-gateway-client";
import { invokeCallback, invokeCustomerService, invokeDebtorAreaService, invokeDebtorService, invokeService } from "aptic-gateway-client/services";

const aptic = createApticClientFromEnv();
const debtorGuid = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";
const customerGuid = "8b1e4c2a-7d3f-4a6b-9e5c-1f2d3a4b5c6d";

const check = await invokeService<{ score?: number }>(aptic, "CreditCheck", { body: { idNumber: "19850312-4521" } });
// GET with sub-paths (/services/Reports/monthly/2026-10). The spec cannot describe free sub-paths,
// so the mock gateway does not know them; a real gateway does.
if (!process.env.APTIC_MOCK) await invokeService(aptic, "Reports", { subPath: ["monthly", "2026-10"] });
await invokeService(aptic, "CreditCheck", { method: "PUT", body: { refresh: true }, async: true });
await invokeDebtorService(aptic, debtorGuid, "SendPaymentReminder", { body: { channel: "EMAIL" } });
await invokeDebtorAreaService(aptic, "RecalculateInterest", { async: true });
await invokeCustomerService(aptic, customerGuid, "UpdateCreditLimit", { body: { limit: 50_000, currencyCode: "SEK" } });
await invokeCallback(aptic, "PaymentReceived", { body: { reference: "7350012345", amount: 499.5 } });
console.log("credit check:", check);
