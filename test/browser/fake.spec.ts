// The fake gateway in a real browser (`npm run test:browser`, needs `npm run build`; Chromium from
// ./launch.mjs, the npm-shipped binary): the built ESM package, bundled for
// the browser with esbuild, runs the fake and the typed client in one page — create with a 503
// retried, read back, filter, webhook delivered in-process — with no server behind it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertFreshDist } from "../../scripts/dist-check.mjs";
import type { FakeBrowserReport } from "./fake-app.js";
import { launchChromium } from "./launch.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIST: Record<string, string> = {
  "aptic-gateway-client": "dist/index.js",
  "aptic-gateway-client/odata": "dist/odata/index.js",
  "aptic-gateway-client/operations": "dist/operations/index.js",
  "aptic-gateway-client/testing": "dist/testing/index.js",
  "aptic-gateway-client/webhooks": "dist/webhooks/index.js",
};

declare global {
  interface Window {
    runFakeChecks(): Promise<FakeBrowserReport>;
  }
}

let server: Server | undefined;
let browser: Browser | undefined;
const requested: string[] = [];
const consoleErrors: string[] = [];
let bundleText = "";

beforeAll(async () => {
  assertFreshDist();
  const result = await build({
    entryPoints: [`${ROOT}test/browser/fake-app.ts`],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    // The Node-only parts (Prism, listen) import node: modules lazily; a browser never runs them.
    external: ["node:*"],
    plugins: [
      { name: "dist", setup: (b) => b.onResolve({ filter: /^aptic-gateway-client(\/.*)?$/ }, (args) => ({ path: `${ROOT}${DIST[args.path] ?? ""}` })) },
    ],
    logLevel: "silent",
  });
  bundleText = result.outputFiles[0]?.text ?? "";
  const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>fake</title></head><body>
<script type="module">import { runFakeChecks } from "/fake-app.js"; window.runFakeChecks = runFakeChecks; document.title = "ready";</script></body></html>`;
  server = createServer((req, res) => {
    requested.push(req.url ?? "");
    if (req.url === "/") return void res.writeHead(200, { "content-type": "text/html" }).end(page);
    if (req.url === "/fake-app.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(bundleText);
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server?.listen(0, "127.0.0.1", ok));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
});

describe("the fake gateway in headless Chromium", () => {
  it("runs the stateful fake and the typed client in one page, with faults and webhooks", async () => {
    const page = await (browser as Browser).newPage();
    page.on("console", (msg) => void (msg.type() === "error" && consoleErrors.push(msg.text())));
    page.on("pageerror", (err) => void consoleErrors.push(String(err)));
    await page.goto(`http://127.0.0.1:${(server?.address() as AddressInfo | undefined)?.port}/`);
    await page.waitForFunction(() => document.title === "ready", undefined, { timeout: 15_000 });
    const report = await page.evaluate(() => window.runFakeChecks());
    expect(report).toMatchObject({
      created: { lastname: "Browser", hasGuid: true },
      readBack: "Browser",
      found: 1,
      statuses: [503, 201],
      webhookEvents: ["debtorinsert"],
      violations: 0,
    });
    expect(consoleErrors).toEqual([]);
    // Nothing but the page and its bundle was fetched: the fake answers in the page itself.
    expect(requested).toEqual(["/", "/fake-app.js"]);
  });

  it("the bundle carries no eval/new Function and no static node: import", () => {
    expect(bundleText).not.toMatch(/\bnew Function\s*\(/);
    expect(bundleText).not.toMatch(/^\s*import\s[^;]*from\s*["']node:/m);
  });
});
