// The docs render: open the built pages in headless Chromium (test/browser/launch.mjs — an
// npm-shipped binary, never a download or a system one) and check what a reader would see: a title, a
// non-empty main column, every entry point listed, the generated types present, and the HTTP
// reference drawn by its script (Redoc renders on load). A screenshot of each page is kept in
// docs-out/screenshots/ (CI uploads docs-out/) so a person can look at what was checked.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "../test/browser/launch.mjs";

/** What each page must show: `selector` holds the main content; `texts` must appear in it. */
function pages(modules) {
  return [
    { file: "index.html", selector: "body", texts: ["TypeScript API reference", "HTTP API reference"], minChars: 100 },
    { file: "reference/index.html", selector: ".col-content", texts: ["aptic-gateway-client"], minChars: 2000 },
    { file: "reference/modules.html", selector: ".col-content", texts: modules, minChars: 50 },
    {
      file: "reference/interfaces/aptic-gateway-client.paths.html",
      selector: ".col-content",
      texts: ["/debtors/{debtorGuid}", "/customers"],
      minChars: 10_000,
    },
    {
      file: "reference/interfaces/aptic-gateway-client.components.html",
      selector: ".col-content",
      texts: ["schemas", "Debtor", "ProblemDetails"],
      minChars: 10_000,
    },
    // Redoc prerenders, then hydrates with its inline script: wait for a section to exist.
    { file: "api.html", selector: "body", waitFor: "[data-section-id='/debtors']", texts: ["Debtors", "Customers", "/debtors/{debtorGuid}"], minChars: 10_000 },
  ];
}

/** Checks every page under `out`; returns problems (empty when all pages render). */
export async function checkRendering(out, modules) {
  const started = Date.now();
  const problems = [];
  mkdirSync(join(out, "screenshots"), { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    page.on("pageerror", (err) => errors.push(String(err)));
    for (const spec of pages(modules)) {
      errors.length = 0;
      const pageStarted = Date.now();
      const url = pathToFileURL(resolve(out, spec.file)).href;
      try {
        await page.goto(url, { waitUntil: "load", timeout: 60_000 });
        if (spec.waitFor) await page.waitForSelector(spec.waitFor, { timeout: 60_000 });
        const title = await page.title();
        // textContent, not innerText: the generated-types pages are megabytes, and innerText lays them out.
        const text = ((await page.evaluate((selector) => document.querySelector(selector)?.textContent ?? "", spec.selector)) ?? "").trim();
        await page.screenshot({ path: join(out, "screenshots", `${spec.file.replace(/[/.]/g, "_")}.png`) });
        if (!title.trim()) problems.push(`${spec.file}: empty <title>`);
        if (text.length < spec.minChars) problems.push(`${spec.file}: ${spec.selector} has ${text.length} characters (expected ≥ ${spec.minChars})`);
        for (const expected of spec.texts) if (!text.includes(expected)) problems.push(`${spec.file}: "${expected}" is not shown`);
        for (const error of errors) problems.push(`${spec.file}: script error ${error}`);
        console.log(`docs: rendered ${spec.file} (${text.length} characters, ${((Date.now() - pageStarted) / 1000).toFixed(1)} s)`);
      } catch (err) {
        problems.push(`${spec.file}: ${err instanceof Error ? err.message.split("\n")[0] : err}`);
      }
    }
  } finally {
    await browser.close();
  }
  console.log(
    `docs: rendering check of ${pages(modules).length} pages in Chromium ${problems.length ? "FAILED" : "ok"} (${((Date.now() - started) / 1000).toFixed(1)} s, screenshots in ${out}/screenshots/)`,
  );
  return problems;
}
