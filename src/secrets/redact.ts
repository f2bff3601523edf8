export const REDACTED = "[REDACTED]";

const SECRET_HEADERS = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"];

/** Short names match exactly (`sig` but not `signup`); longer words anywhere in the name. */
const SECRET_PARAM = /^(code|sig|sas|jwt|key|auth|pwd|pass|otp|pin)$|key$|token|secret|passw|signature|credential|private|api[-_]?key|session/i;

export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Only a hand-built Response's "" gets here; anything else unparsable could hide credentials.
    return "";
  }
  parsed.username = parsed.password = "";
  for (const key of new Set(parsed.searchParams.keys())) {
    if (SECRET_PARAM.test(key)) parsed.searchParams.set(key, REDACTED);
  }
  return parsed.href;
}

export function redactHeaders(headers: Headers, extra: readonly string[] | undefined, scrub: (text: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  // Headers iterates lower-cased names.
  headers.forEach((value, name) => {
    const hidden = SECRET_HEADERS.includes(name) || extra?.some((secret) => secret.toLowerCase() === name);
    out[name] = hidden ? REDACTED : scrub(value);
  });
  return out;
}
