// Headless Chromium for tests and checks, never downloaded at run time and never a system binary:
// the browser is the one shipped inside the @sparticuz/chromium devDependency (Linux x64; unpacked
// to the temp directory on first use, ~2 s), so `npm ci && npm test` needs nothing installed on the
// machine. CHROMIUM_PATH, when set, overrides it (for machines that are not Linux x64).
// The one launcher for test/browser/*.spec.ts and `npm run docs` (rendering check); reuse it for
// new browser tests: `const browser = await launchChromium(); … await browser.close();`
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

/**
 * Flags for a machine with a closed network: without them Chromium keeps opening background
 * connections (updates, sync, field trials) that are refused, many at a time.
 */
const QUIET = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];

/**
 * @sparticuz/chromium's own flags (tuned for AWS Lambda) include some that switch web security
 * off; the browser tests check real CORS behaviour, so those are dropped.
 */
const WEAKENS_SECURITY = /^--(disable-web-security|allow-running-insecure-content|disable-site-isolation-trials)(=|$)/;

/** Which Chromium `launchChromium()` would start, and with which flags. */
export async function findChromium() {
  const fromEnv = process.env["CHROMIUM_PATH"];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return { executablePath: fromEnv, args: ["--no-sandbox", "--disable-gpu", ...QUIET], source: "CHROMIUM_PATH" };
  }
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `no Chromium found: @sparticuz/chromium ships a Linux x64 binary only (this is ${process.platform}-${process.arch}); set CHROMIUM_PATH to a Chromium or Chrome binary`,
    );
  }
  const { default: sparticuz } = await import("@sparticuz/chromium");
  const executablePath = await sparticuz.executablePath();
  return { executablePath, args: [...sparticuz.args.filter((flag) => !WEAKENS_SECURITY.test(flag)), ...QUIET], source: "@sparticuz/chromium" };
}

/** Launches headless Chromium through playwright-core (see the top of this file for which one). */
export async function launchChromium(options = {}) {
  const found = await findChromium();
  return chromium.launch({ ...options, executablePath: found.executablePath, headless: true, args: [...found.args, ...(options.args ?? [])] });
}
