// Secrets and the ways they can show up again. Each secret mixes the characters whose
// encodings differ (space, +, /, =, ", \, %, non-ASCII), so a scrubber that knows only one
// form of it is caught. The forms are computed here independently of src/.
import { inspect } from "node:util";
import { expect } from "vitest";

/** A bearer token a caller passes (header-safe: Latin-1, no CR/LF). */
export const BEARER_TOKEN = 'Tok en+/="\\%é-bearer-4242';
/** An API key a caller passes. */
export const API_KEY = 'Ak ey+/="\\%é-apikey-7777';
/** A credential the caller put in a custom header of its own. */
export const TENANT_KEY = 'Te nant+/="\\%é-tenant-5151';
/** OAuth2 client id (not secret, but must reach the server intact). */
export const CLIENT_ID = "erp client+%:&=ü";
/** OAuth2 client secret: sent form-encoded, so any Unicode goes. */
export const CLIENT_SECRET = 'cl ient+/="\\%é€✓-secret:&=9';
/** The access token a token endpoint grants (printable ASCII, as the client requires). */
export const ACCESS_TOKEN = 'At+/=%"\\-oauth2-access-token-31337';

/** application/x-www-form-urlencoded encoding (space as "+"), as RFC 6749 Appendix B wants. */
export const formEncode = (value: string) => new URLSearchParams([["", value]]).toString().slice(1);

/** The Basic credentials value (without "Basic ") for an id and secret, per RFC 6749 Appendix B. */
export const basicValue = (id: string, secret: string) => Buffer.from(`${formEncode(id)}:${formEncode(secret)}`, "utf8").toString("base64");

/** Every form a secret takes on the wire or in an echo: raw, percent-, form- and JSON-escaped. */
export function formsOf(secret: string): string[] {
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      formEncode(secret),
      JSON.stringify(secret).slice(1, -1),
      JSON.stringify(encodeURIComponent(secret)).slice(1, -1),
    ]),
  ];
}

/** Asserts that no form of any secret occurs in `text`; `where` names the place in the failure. */
export function expectNoSecret(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    for (const form of formsOf(secret)) {
      expect(text.includes(form), `${where} contains ${JSON.stringify(form)} (a form of ${JSON.stringify(secret)})`).toBe(false);
    }
  }
}

/** Asserts that no run of `n` consecutive characters of any secret (any form) occurs in `text`. */
export function expectNoFragment(text: string, secrets: readonly string[], where: string, n = 8): void {
  for (const secret of secrets) {
    for (const form of formsOf(secret)) {
      for (let i = 0; i + n <= form.length; i++) {
        const piece = form.slice(i, i + n);
        expect(text.includes(piece), `${where} contains ${JSON.stringify(piece)}, a fragment of ${JSON.stringify(form)}`).toBe(false);
      }
    }
  }
}

/** A value rendered every way it could be printed (JSON and util.inspect with hidden members). */
export const render = (value: unknown): string => {
  if (typeof value === "string") return value;
  try {
    return `${JSON.stringify(value)}\n${inspect(value, { depth: 10, showHidden: true })}`;
  } catch {
    return inspect(value, { depth: 10, showHidden: true });
  }
};

/**
 * Every place an error can show a secret, by name: message, String(), JSON.stringify(),
 * util.inspect(depth 10), stack, every own property (enumerable or not), and the same for each
 * error of the `cause` chain.
 */
export function errorSurfaces(err: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    const at = depth === 0 ? "error" : `cause#${depth}`;
    out.push([`${at} String()`, String(current)]);
    out.push([`${at} inspect`, inspect(current, { depth: 10 })]);
    try {
      out.push([`${at} JSON.stringify`, JSON.stringify(current) ?? ""]);
    } catch {
      // A cyclic value cannot leak through JSON.stringify.
    }
    if (typeof current === "object") {
      for (const name of Object.getOwnPropertyNames(current)) out.push([`${at}.${name}`, render((current as Record<string, unknown>)[name])]);
    }
    current = typeof current === "object" ? (current as { cause?: unknown }).cause : undefined;
  }
  return out;
}

/** Asserts that no surface of `err` (see errorSurfaces) holds any form of any secret. */
export function expectErrorClean(err: unknown, secrets: readonly string[]): void {
  for (const [where, text] of errorSurfaces(err)) expectNoSecret(text, secrets, where);
}

/** A logger (all four levels) and an onEvent sink that keep every argument they are given. */
export function capture() {
  const calls: Array<{ level: string; args: unknown[] }> = [];
  const events: unknown[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      void calls.push({ level, args });
  return {
    logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
    onEvent: (event: unknown) => void events.push(event),
    calls,
    events,
    /** Everything logged or emitted, rendered every way (JSON and util.inspect). */
    dump: () => [...calls.map((c) => `${c.level}: ${c.args.map(render).join(" | ")}`), ...events.map(render)].join("\n"),
  };
}
