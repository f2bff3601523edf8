import { describe, expect, it } from "vitest";
import { createApticClient, paginate } from "../../src/index.js";
import { activateDebtorPaymentPlan, getDebtor, invokeServiceGet, listDebtors, listWebhooks, pingDebtors, updateDebtor } from "../../src/operations/index.js";
import { defineRoutes } from "../../src/routes/index.js";
import { invokeService } from "../../src/services/index.js";
import { listWebhooks as listHooks } from "../../src/webhooks/index.js";
import { fakeFetch, json } from "../support/fake-fetch.js";
import { usageError } from "../support/usage-errors.js";

const BASE = "https://gateway.example.org";
const GUID = "6f9619ff-8b86-d011-b42d-00cf4fc964ff";
const pathOf = (url: string) => new URL(url).pathname;

describe("defineRoutes: checked when the table is made", () => {
  it.each<[Record<string, unknown>, string]>([
    [{ getDebtr: { path: "/x" } }, 'routes: unknown operation "getDebtr"; names come from aptic-gateway-client/operations'],
    [
      { getdebtor: { path: "/x/{debtorGuid}" } },
      'routes: unknown operation "getdebtor" (did you mean "getDebtor"?); names come from aptic-gateway-client/operations',
    ],
    [{ toString: { path: "/x" } }, 'routes: unknown operation "toString"; names come from aptic-gateway-client/operations'],
    [{ getDebtor: "/x/{debtorGuid}" }, "routes.getDebtor must be an object { method?, path }"],
    [{ getDebtor: { path: "/x/{debtorGuid}", verb: "GET" } }, 'routes.getDebtor: unknown key "verb"; known: method, path, methodChange'],
    [{ getDebtor: { method: "HEAD", path: "/x/{debtorGuid}" } }, 'routes.getDebtor.method must be one of GET, PUT, POST, DELETE, PATCH (got "HEAD")'],
    [
      { getDebtor: { method: "POST", path: "/x/{debtorGuid}" } },
      "routes.getDebtor changes the method from GET to POST; confirm with methodChange: true (retries follow the method sent)",
    ],
    [{ getDebtor: { path: "/x/{debtorGuid}", methodChange: "yes" } }, "routes.getDebtor.methodChange must be a boolean"],
    [{ getDebtor: { path: "x/{debtorGuid}" } }, 'routes.getDebtor.path must be a path template such as "/api/v1/Debtors/{debtorGuid}" (got "x/{debtorGuid}")'],
    [
      { getDebtor: { path: "/a/../{debtorGuid}" } },
      'routes.getDebtor.path must be a path template such as "/api/v1/Debtors/{debtorGuid}" (got "/a/../{debtorGuid}")',
    ],
    [{ getDebtor: { path: "/api/v1/Debtors/{id}" } }, `routes.getDebtor.path lacks the path parameter(s) {debtorGuid} of GET ${getDebtor.path}`],
    [
      { getDebtor: { path: "/api/{tenant}/Debtors/{debtorGuid}" } },
      "routes.getDebtor.path has path parameter(s) {tenant} that getDebtor does not take (it takes {debtorGuid})",
    ],
    [
      { getDebtor: { path: "/api/{debtorGuid}/Debtors/{debtorGuid}" } },
      "routes.getDebtor.path has path parameter(s) twice that getDebtor does not take (it takes {debtorGuid})",
    ],
    [{ pingDebtors: { path: "/api/{x}/ping" } }, "routes.pingDebtors.path has path parameter(s) {x} that pingDebtors does not take (it takes none)"],
    [
      { getDebtor: { path: "/d/{debtorGuid}" }, deleteDebtor: { method: "GET", path: "/d/{debtorGuid}", methodChange: true } },
      "routes.deleteDebtor and routes.getDebtor both go to GET /d/{debtorGuid}",
    ],
    [{ getDebtor: null }, "routes.getDebtor must be an object { method?, path }"],
    // Only a string is a path, not what turns into one.
    [
      { getDebtor: { path: ["/api/{debtorGuid}"] } },
      'routes.getDebtor.path must be a path template such as "/api/v1/Debtors/{debtorGuid}" (got ["/api/{debtorGuid}"])',
    ],
    [
      { getDebtor: { path: "/api/{debtorGuid}?tenant=1" } },
      'routes.getDebtor.path must be a path template such as "/api/v1/Debtors/{debtorGuid}" (got "/api/{debtorGuid}?tenant=1")',
    ],
    [
      { getDebtor: { path: "/api/%2E%2e/{debtorGuid}" } },
      'routes.getDebtor.path must be a path template such as "/api/v1/Debtors/{debtorGuid}" (got "/api/%2E%2e/{debtorGuid}")',
    ],
    [
      { activateDebtorPaymentPlan: { path: "/api/Activate" } },
      `routes.activateDebtorPaymentPlan.path lacks the path parameter(s) {debtorGuid}, {paymentplanGuid} of POST ${activateDebtorPaymentPlan.path}`,
    ],
    [
      { activateDebtorPaymentPlan: { path: "/{tenant}/{region}/{debtorGuid}/{paymentplanGuid}" } },
      "routes.activateDebtorPaymentPlan.path has path parameter(s) {tenant}, {region} that activateDebtorPaymentPlan does not take (it takes {debtorGuid}, {paymentplanGuid})",
    ],
    [
      { getDebtor: { path: "/d/{debtorGuid}" }, getCustomer: { path: "/d/{customerGuid}" } },
      "routes.getCustomer and routes.getDebtor both go to GET /d/{customerGuid}",
    ],
  ])("%j: %s", (input, message) => {
    expect(usageError(() => defineRoutes(input as never))).toBe(message);
  });

  it("refuses a non-object table and skips undefined entries", () => {
    for (const input of [null, [], "routes.json"])
      expect(usageError(() => defineRoutes(input as never))).toBe("defineRoutes expects an object { operationId: { method?, path } }");
    expect(defineRoutes({ getDebtor: undefined }).table).toEqual({});
  });

  it("takes any path the client could send: dots inside segments, a literal beside a parameter", () => {
    const paths = { getDebtor: "/.well-known/v1./Debtors.json/{debtorGuid}", pingDebtors: "/gw/ping", getCustomer: "/gw/ping{customerGuid}" };
    const routes = defineRoutes(Object.fromEntries(Object.entries(paths).map(([id, path]) => [id, { path }])));
    expect(Object.fromEntries(Object.entries(routes.table).map(([id, route]) => [id, route.path]))).toEqual(paths);
  });

  it("fills in the generated method and keeps a confirmed method change", () => {
    const routes = defineRoutes({
      getDebtor: { path: "/api/v1/Debtors/{debtorGuid}" },
      updateDebtor: { method: "POST", path: "/api/v1/Debtors/{debtorGuid}/update", methodChange: true },
    });
    expect(routes.table).toEqual({
      getDebtor: { method: "GET", path: "/api/v1/Debtors/{debtorGuid}" },
      updateDebtor: { method: "POST", path: "/api/v1/Debtors/{debtorGuid}/update" },
    });
    expect(Object.isFrozen(routes.table)).toBe(true);
    expect(routes.resolve("PUT", updateDebtor.path, "updateDebtor")).toEqual({
      method: "POST",
      path: "/api/v1/Debtors/{debtorGuid}/update",
      operationId: "updateDebtor",
    });
    // By exact generated method + template only; a caller's own object with another path is left alone.
    expect(routes.resolve("GET", getDebtor.path, undefined)).toEqual({ method: "GET", path: "/api/v1/Debtors/{debtorGuid}", operationId: "getDebtor" });
    expect(routes.resolve("DELETE", getDebtor.path, undefined)).toBeUndefined();
    expect(routes.resolve("GET", `${getDebtor.path}x`, "getDebtor")).toBeUndefined();
    expect(routes.resolve("GET", "/elsewhere/{debtorGuid}", "getDebtor")).toBeUndefined();
    expect(routes.resolve("PUT", getDebtor.path, "getDebtor")).toBeUndefined();
    expect(routes.resolve("GET", pingDebtors.path, "pingDebtors")).toBeUndefined();
  });
});

describe("the client option routes re-points calls by name", () => {
  const routes = defineRoutes({
    getDebtor: { path: "/api/v1/Debtors/{debtorGuid}" },
    listDebtors: { path: "/api/v1/Debtors" },
    invokeServiceGet: { path: "/api/v1/Services/{serviceDefinition}" },
    listWebhooks: { method: "POST", path: "/api/v1/Webhooks/list", methodChange: true },
  });

  it("aptic.call, path literals of a moved operation, paginate, services and webhooks go to the routes", async () => {
    const events: { type: string; operationId?: string | undefined; schemaPath?: string }[] = [];
    const fetch = fakeFetch(
      () => json(200, { debtorGuid: GUID }),
      () => json(200, { debtorGuid: GUID }),
      () => json(200, { count: 1, skip: 0, total: 1, value: [{ debtorGuid: GUID }] }),
      () => json(200, { ok: true }),
      () => json(200, []),
      () => json(200, {}),
    );
    const aptic = createApticClient({ baseUrl: BASE, fetch, routes, onEvent: (e) => events.push(e) });
    await aptic.call(getDebtor, { params: { path: { debtorGuid: GUID } } });
    await aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } });
    for await (const item of paginate(aptic, listDebtors)) expect(item).toEqual({ debtorGuid: GUID });
    await invokeService(aptic, "Reports", { subPath: ["monthly", "2026-10"] });
    await listHooks(aptic);
    await aptic.call(pingDebtors);
    expect(fetch.seen.map((s) => `${s.method} ${pathOf(s.url)}`)).toEqual([
      `GET /api/v1/Debtors/${GUID}`,
      `GET /api/v1/Debtors/${GUID}`,
      "GET /api/v1/Debtors",
      "GET /api/v1/Services/Reports/monthly/2026-10",
      "POST /api/v1/Webhooks/list",
      `GET ${pingDebtors.path}`,
    ]);
    const finished = events.filter((e) => e.type === "finished");
    expect(finished.map((e) => [e.operationId, e.schemaPath])).toEqual([
      ["getDebtor", "/api/v1/Debtors/{debtorGuid}"],
      ["getDebtor", "/api/v1/Debtors/{debtorGuid}"],
      ["listDebtors", "/api/v1/Debtors"],
      ["invokeServiceGet", "/api/v1/Services/{serviceDefinition}/monthly/2026-10"],
      [listWebhooks.id, "/api/v1/Webhooks/list"],
      [pingDebtors.id, pingDebtors.path],
    ]);
    // The operation table itself is not changed by a routes table.
    expect(invokeServiceGet.path).not.toContain("/api/v1/");
  });

  it("refuses what is not a defineRoutes() table at creation", () => {
    expect(usageError(() => createApticClient({ baseUrl: BASE, routes: { getDebtor: { path: "/x" } } as never }))).toBe(
      "routes must come from defineRoutes() (aptic-gateway-client/routes)",
    );
  });
});
