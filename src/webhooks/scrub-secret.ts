import { ApticApiError, createApiError } from "../errors/api-error.js";
import { createScrubber, scrubDeep } from "../secrets/scrub.js";

/**
 * Returns an error safe to surface after a call that sent `secret` in its body. A gateway or
 * proxy may echo request values in a validation problem (`detail`, `errors`, raw body); if the
 * secret appears anywhere in an {@link ApticApiError} (in any form the client's scrubber knows),
 * the same typed error is rebuilt with every occurrence replaced by `[REDACTED]` and without
 * `cause`. Other errors never see the body and are returned as they are.
 *
 * @example
 * ```ts
 * try { await unwrap(call); } catch (err) { throw scrubSecret(err, secret); }
 * ```
 */
export function scrubSecret(error: unknown, secret: string | undefined): unknown {
  if (!secret || !(error instanceof ApticApiError)) return error;
  const scrub = createScrubber(() => [secret]);
  const seen = JSON.stringify([error.message, error.problem, error.rawBody, error.headers, error.url, error.requestId]);
  if (scrub(seen) === seen) return error;
  const scrubbed = (text: string | undefined) => (text === undefined ? undefined : scrub(text));
  return createApiError({
    status: error.status,
    method: error.method,
    url: scrub(error.url),
    problem: scrubDeep(error.problem, scrub) as ApticApiError["problem"],
    headers: scrubDeep(error.headers, scrub) as Record<string, string>,
    rawBody: scrubbed(error.rawBody),
    requestId: scrubbed(error.requestId),
  });
}
