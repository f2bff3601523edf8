// The fake serving a routes table: moved operations answer at their new paths and methods only,
// and a client given the same table passes a scenario by operation.
import { describe, expect, it } from "vitest";
import { ApticApiError } from "../../src/index.js";
import { createDebtor, getDebtor, listDebtors, pingDebtors, updateDebtor } from "../../src/operations/index.js";
import { defineRoutes } from "../../src/routes/index.js";
import { createFakeGateway } from "../../src/testing/index.js";
import { usageError } from "../support/usage-errors.js";
import { fakeClient } from "./support/client.js";
import { debtorScenario, MOVED } from "./support/moved-routes.js";

const GUID = "6f9619ff-8b86-d011-b42d-00cf4fc964ff";

describe("createFakeGateway({ routes })", () => {
  it("answers the generated routes of moved operations with a route-level 404 or 405", async () => {
    const fake = await createFakeGateway({ routes: MOVED });
    const aptic = fakeClient(fake, { authMode: "apiKey" });
    const list = await aptic.GET(listDebtors.path);
    expect([list.response.status, list.error]).toMatchObject([404, { detail: `No operation of the spec matches GET ${listDebtors.path}.` }]);
    // deleteDebtor and updateDebtor still live at /debtors/{debtorGuid} (and match /debtors/ping): only the method is unknown there now.
    expect((await aptic.GET(pingDebtors.path)).response.status).toBe(405);
    const get = await aptic.GET(getDebtor.path, { params: { path: { debtorGuid: GUID } } });
    expect(get.response.status).toBe(405);
    expect(get.response.headers.get("allow")).toBe("DELETE, PUT");
    await expect(debtorScenario(aptic)).rejects.toBeInstanceOf(ApticApiError);
  });

  it("serves moved operations (paths and a confirmed method change) to a client given the same routes", async () => {
    const routes = defineRoutes({ ...MOVED, updateDebtor: { method: "POST", path: MOVED.getDebtor.path, methodChange: true } });
    const fake = await createFakeGateway({ routes });
    const aptic = fakeClient(fake, { routes });
    await debtorScenario(aptic);
    const created = await aptic.POST(createDebtor.path, { body: { lastname: "Lindqvist", juridicalType: 0 } });
    const debtorGuid = created.data?.debtorGuid ?? "";
    const updated = await aptic.call(updateDebtor, { params: { path: { debtorGuid } }, body: { lastname: "Berg", juridicalType: 0 } });
    expect(updated.response.status).toBe(204);
    expect((await aptic.call(getDebtor, { params: { path: { debtorGuid } } })).data?.lastname).toBe("Berg");
    expect(fake.requests.of("updateDebtor").map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${MOVED.getDebtor.path.replace("{debtorGuid}", debtorGuid)}`]);
    fake.verify();
  });

  it("checks a plain routes table as defineRoutes does", async () => {
    await expect(createFakeGateway({ routes: { getDebtor: { path: "/x" } } })).rejects.toThrow(
      `routes.getDebtor.path lacks the path parameter(s) {debtorGuid} of GET ${getDebtor.path}`,
    );
    expect(usageError(() => defineRoutes({ nope: { path: "/x" } } as never))).toContain('unknown operation "nope"');
  });
});
