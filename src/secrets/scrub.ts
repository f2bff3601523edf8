import { REDACTED } from "./redact.js";

export type Scrub = (text: string) => string;

/** Shorter secrets are not scrubbed: they would garble every message and protect nothing. */
const MIN_SECRET = 3;

/** Form encoding (space as `+`), as RFC 6749 Appendix B encodes client credentials. */
export function formEncode(value: string): string {
  return new URLSearchParams([["", value]]).toString().slice(1);
}

const ENCODER = new TextEncoder();

// JSON with `\uXXXX` for non-ASCII is how ASP.NET writes it; UTF-8 read as Latin-1 is how fetch shows an echoed header.
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

/** Longest form first, so an encoded form is not half-replaced. */
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

/** A hostile body could nest millions of levels. */
const MAX_DEPTH = 32;

/** Too deep is `[REDACTED]`, not shown as is: a JSON escape such as `\/` may have hidden a secret from the raw text's scrub. */
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

/** A scrubbed copy of an error's `cause` chain: name, message, stack and `code` (`ECONNRESET`). */
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

/** Scrubbed before the cut: a secret cut at the end of a prefix would not be recognised. */
export const excerpt = (text: string, scrub: Scrub): string => scrub(text).slice(0, 200);
