import { REDACTED } from "./redact.js";

/** Replaces every known form of every secret in a text with `[REDACTED]`. */
export type Scrub = (text: string) => string;

/** Secrets shorter than this are not scrubbed: they would garble every message and protect nothing. */
const MIN_SECRET = 3;

/**
 * `application/x-www-form-urlencoded` encoding of one value (space as `+`), as URLSearchParams
 * and RFC 6749 Appendix B encode it.
 *
 * @example
 * ```ts
 * formEncode("a b&c"); // "a+b%26c"
 * ```
 */
export function formEncode(value: string): string {
  return new URLSearchParams([["", value]]).toString().slice(1);
}

const ENCODER = new TextEncoder();

/**
 * The forms a secret takes on the wire and in echoes: raw, percent-, form- and JSON-escaped
 * (also with every non-ASCII character as `\uXXXX`, as ASP.NET writes JSON), and its UTF-8
 * bytes read as Latin-1 (how fetch shows a non-ASCII value echoed in a response header).
 */
function formsOf(secret: string): string[] {
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(secret)
      .slice(1, -1)
      .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
  ];
  forms.push(String.fromCharCode(...ENCODER.encode(secret)));
  try {
    forms.push(encodeURIComponent(secret), formEncode(secret));
  } catch {
    // A lone surrogate cannot be percent-encoded, so it cannot appear encoded either.
  }
  return forms;
}

/**
 * A scrubber over a live list of secrets (an OAuth2 strategy adds each new token), matching
 * every form in {@link formsOf}, longest first so an encoded form is not half-replaced.
 *
 * @example
 * ```ts
 * const scrub = createScrubber(() => ["s3cr3t key"]);
 * scrub("body: s3cr3t+key"); // "body: [REDACTED]"
 * ```
 */
export function createScrubber(secrets: () => readonly string[]): Scrub {
  return (text) => {
    const forms = secrets()
      .filter((s) => s.length >= MIN_SECRET)
      .flatMap(formsOf)
      .sort((a, b) => b.length - a.length);
    for (const form of forms) text = text.split(form).join(REDACTED);
    return text;
  };
}

/** Nesting deeper than this is not walked (a hostile body could nest millions of levels). */
const MAX_DEPTH = 32;

/**
 * A copy of a parsed JSON value (or any plain data) with every string, key included, scrubbed.
 * An object or array nested deeper than {@link MAX_DEPTH} levels is replaced by `[REDACTED]`:
 * it is not walked, so it cannot be shown as is (a JSON escape such as `\/` may have hidden a
 * secret from the scrub of the raw text).
 *
 * @example
 * ```ts
 * scrubDeep({ detail: "token abc123 invalid" }, scrub); // { detail: "token [REDACTED] invalid" }
 * ```
 */
export function scrubDeep(value: unknown, scrub: Scrub, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, scrub, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[scrub(key)] = scrubDeep(item, scrub, depth + 1);
  return out;
}

const BUILT_IN = [SyntaxError, TypeError, RangeError, URIError, ReferenceError, EvalError];

/**
 * A secret-free stand-in for an error's `cause` chain: the same name, message, stack and `code`
 * (useful: `ECONNRESET`), scrubbed, down to a few levels. Non-errors become scrubbed strings.
 *
 * @example
 * ```ts
 * new ApticConnectionError({ method, url, cause: safeCause(err, scrub) });
 * ```
 */
export function safeCause(cause: unknown, scrub: Scrub, depth = 0): unknown {
  if (!(cause instanceof Error)) return cause === undefined ? undefined : scrub(String(cause));
  // The same built-in class where there is one, so `cause instanceof SyntaxError` still holds.
  const Kind = BUILT_IN.find((kind) => cause instanceof kind) ?? Error;
  const copy = new Kind(scrub(cause.message), depth < 4 && cause.cause !== undefined ? { cause: safeCause(cause.cause, scrub, depth + 1) } : undefined);
  copy.name = cause.name;
  copy.stack = scrub(cause.stack ?? "");
  const { code } = cause as { code?: unknown };
  if (typeof code === "string") Object.assign(copy, { code });
  return copy;
}
