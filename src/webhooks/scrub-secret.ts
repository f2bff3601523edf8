import { ApticApiError, createApiError } from "../errors/api-error.js";
import { REDACTED } from "../errors/redact.js";

function scrubValue(value: unknown, secret: string): unknown {
  if (typeof value === "string") return value.split(secret).join(REDACTED);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secret));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrubValue(k, secret), scrubValue(v, secret)]));
  }
  return value;
}

/**
 * Returns an error safe to surface after a call that sent `secret` in its body. A gateway or
 * proxy may echo request values in a validation problem (`detail`, `errors`, raw body); if the
 * secret appears anywhere in an {@link ApticApiError}, the same typed error is rebuilt with every
 * occurrence replaced by `[REDACTED]` and without `cause`. Other errors never see the body and
 * are returned as they are.
 *
 * @example
 * ```ts
 * try { await unwrap(call); } catch (err) { throw scrubSecret(err, secret); }
 * ```
 */
export function scrubSecret(error: unknown, secret: string | undefined): unknown {
  if (!secret || !(error instanceof ApticApiError)) return error;
  const seen = JSON.stringify([error.message, error.problem, error.rawBody, error.headers, error.url, error.requestId]);
  if (!seen.includes(secret) && !seen.includes(JSON.stringify(secret).slice(1, -1))) return error;
  return createApiError({
    status: error.status,
    method: error.method,
    url: String(scrubValue(error.url, secret)),
    problem: scrubValue(error.problem, secret) as ApticApiError["problem"],
    headers: scrubValue(error.headers, secret) as Record<string, string>,
    rawBody: error.rawBody === undefined ? undefined : String(scrubValue(error.rawBody, secret)),
    requestId: error.requestId === undefined ? undefined : String(scrubValue(error.requestId, secret)),
  });
}
