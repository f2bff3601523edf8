// Real-browser test (`npm run test:browser`, needs `npm run build`): the built ESM package runs in
// headless Chromium (./launch.mjs: the npm-shipped binary, never a download) and makes
// typed calls across origins to Prism on loopback (CORS), including a 404 that must surface as
// ApticNotFoundError.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertFreshDist } from "../../scripts/dist-check.mjs";
import { startMockServer, type MockServer } from "../../src/testing/mock-server.js";
import type { BrowserReport } from "./app.js";
import { launchChromium } from "./launch.mjs";
import { startStaticServer, type StaticServer } from "./static-server.js";
import { getDebtor } from "../../src/operations/index.js";

declare global {
  interface Window {
    runChecks(baseUrl: string): Promise<BrowserReport>;
  }
}

let mock: MockServer | undefined;
let site: StaticServer | undefined;
let browser: Browser | undefined;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  assertFreshDist();
  [mock, site, browser] = await Promise.all([startMockServer(), startStaticServer(), launchChromium()]);
  page = await browser.newPage();
  page.on("console", (msg) => {
    // Chromium logs every non-2xx fetch as a console error; the 404 we provoke is expected.
    if (msg.type() === "error" && !/status of 404/.test(msg.text())) consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => consoleErrors.push(String(err)));
  await page.goto(site.url);
  await page.waitForFunction(() => document.title === "ready", undefined, { timeout: 15_000 });
});

afterAll(async () => {
  await Promise.all([browser?.close(), site?.close(), mock?.close()]);
});

describe("the ESM build in headless Chromium", () => {
  it("makes typed cross-origin calls to Prism and maps a 404 to ApticNotFoundError", async () => {
    const report = await page.evaluate((baseUrl) => window.runChecks(baseUrl), mock!.baseUrl);

    expect(report.userAgentIsBrowser).toBe(true);
    expect(report.ping).toBeTypeOf("object");
    expect(report.debtor.debtorGuid).toBeTypeOf("string");
    expect(report.page.hasTotal).toBe(true);
    expect(report.notFound).toMatchObject({ name: "ApticNotFoundError", status: 404, isApiError: true, isNotFound: true });
    expect(new URL(report.notFound.url).pathname).toMatch(new RegExp(`^${getDebtor.path.replace("{debtorGuid}", "[^/]+")}$`));
    expect(consoleErrors).toEqual([]);
  });

  it("loads only the package's ESM modules and openapi-fetch (no Node built-ins, no testing kit)", () => {
    expect(site!.missing).toEqual([]);
    expect(site!.served).toContain("/dist/index.js");
    expect(site!.served).toContain("/vendor/openapi-fetch/index.mjs");
    expect(site!.served.filter((path) => /testing|node:/.test(path))).toEqual([]);
  });
});
