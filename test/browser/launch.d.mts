import type { Browser, LaunchOptions } from "playwright-core";

/** Which Chromium `launchChromium()` would start, and with which flags. */
export function findChromium(): Promise<{ executablePath: string; args: string[]; source: "CHROMIUM_PATH" | "Debian chromium" | "@sparticuz/chromium" }>;

/**
 * Launches headless Chromium through playwright-core, never downloading a browser:
 * CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the binary inside @sparticuz/chromium.
 *
 * @example
 * ```ts
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 * await page.goto(url);
 * await browser.close();
 * ```
 */
export function launchChromium(options?: Omit<LaunchOptions, "executablePath" | "headless">): Promise<Browser>;
