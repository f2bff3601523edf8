import type { Browser, LaunchOptions } from "playwright-core";

/** Which Chromium `launchChromium()` would start, and with which flags. */
export function findChromium(): Promise<{ executablePath: string; args: string[]; source: "CHROMIUM_PATH" | "@sparticuz/chromium" }>;

/**
 * Launches headless Chromium through playwright-core, never downloading a browser and never using a
 * system one: the binary inside @sparticuz/chromium, or CHROMIUM_PATH when set.
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
