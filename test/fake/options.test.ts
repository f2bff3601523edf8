// Options of createFakeGateway and the test clock: mistakes fail at once with ApticUsageError.
import { describe, expect, it } from "vitest";
import { ApticUsageError } from "../../src/index.js";
import { createFakeGateway, createTestClock } from "../../src/testing/index.js";

describe("createFakeGateway options", () => {
  it.each([
    [{ clientId: "" }, /clientId/],
    [{ clientId: "a:b" }, /clientId/],
    [{ clientSecret: "x\r\ny" }, /clientSecret/],
    [{ apiKey: 42 as unknown as string }, /apiKey/],
    [{ tokenLifetimeSeconds: 0 }, /tokenLifetimeSeconds/],
    [{ tokenLifetimeSeconds: Number.POSITIVE_INFINITY }, /tokenLifetimeSeconds/],
    [{ tokenLifetimeSeconds: 3e6 }, /tokenLifetimeSeconds/],
    [{ baseUrl: "not a url" }, /baseUrl/],
  ])("refuses %o", async (options, message) => {
    const err = await createFakeGateway(options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApticUsageError);
    expect(String(err)).toMatch(message);
  });

  it("gives each fake its own random secret and key, and uses the ones given", async () => {
    const [a, b] = await Promise.all([createFakeGateway(), createFakeGateway()]);
    expect(a.clientSecret).not.toBe(b.clientSecret);
    expect(a.apiKey).not.toBe(b.apiKey);
    const c = await createFakeGateway({ clientId: "erp", clientSecret: "s", apiKey: "k", createId: () => "fixed-id" });
    expect([c.clientId, c.clientSecret, c.apiKey]).toEqual(["erp", "s", "k"]);
    expect(c.seed("debtor", [{}])).toEqual(["fixed-id"]);
    expect(c.tokenUrl).toBe("https://gateway.aptic.test/connect/token");
  });

  it("fakes do not share state", async () => {
    const [a, b] = await Promise.all([createFakeGateway(), createFakeGateway()]);
    a.seed("debtor", [{ lastname: "only in a" }]);
    expect(b.store.count("debtor")).toBe(0);
  });
});

describe("createTestClock", () => {
  it("sleeps by advancing, records sleeps, and refuses to go back", async () => {
    const clock = createTestClock(1000);
    await clock.sleep(250);
    clock.advance(50);
    expect(clock.now()).toBe(1300);
    expect(clock.sleeps).toEqual([250]);
    expect(() => clock.advance(-1)).toThrow(ApticUsageError);
    const aborted = AbortSignal.abort(new Error("stop"));
    await expect(clock.sleep(10, aborted)).rejects.toThrow("stop");
  });
});
