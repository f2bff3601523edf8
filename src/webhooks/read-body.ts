import { ApticWebhookError } from "./webhook-error.js";

function tooLarge(limit: number): ApticWebhookError {
  return new ApticWebhookError("too_large", `Webhook body exceeds the limit of ${limit} bytes`);
}

/** Joins chunks into one buffer (the total is known and bounded by the limit). */
function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Rejects after `ms` (never settles otherwise); `cancel` stops the timer. */
function deadline(ms: number): { expired: Promise<never>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApticWebhookError("body_timeout", `Webhook body did not arrive within ${ms} ms`)), ms);
  });
  // No catch needed: it is only ever awaited through Promise.race, and cancelled before the read ends.
  return { expired, cancel: () => clearTimeout(timer) };
}

/**
 * Reads a request body as UTF-8 text, at most `maxBytes` of it, within `timeoutMs`. A declared `Content-Length`
 * over the limit is refused before any byte is read; otherwise the stream is read chunk by chunk
 * and cancelled as soon as the running total passes the limit, so an endless or lying sender
 * costs at most one chunk more than the limit. A body still incomplete after `timeoutMs` is
 * cancelled too, so a sender dribbling bytes holds nothing for long. Throws
 * {@link ApticWebhookError} (`too_large`, `body_timeout`, or `malformed` for bytes that are not UTF-8).
 *
 * @example
 * ```ts
 * const text = await readBodyWithLimit(request, 1024 * 1024, 10_000);
 * ```
 */
export async function readBodyWithLimit(request: Request, maxBytes: number, timeoutMs: number): Promise<string> {
  const declared = request.headers.get("content-length");
  // An unparseable Content-Length is ignored here: the streamed count below still applies. (Headers
  // already strips the spaces around a value.)
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (request.bodyUsed) throw new ApticWebhookError("malformed", "Webhook body was already read (a body parser ran before the handler?)");
  if (!request.body) return "";

  const reader = request.body.getReader();
  const timer = deadline(timeoutMs);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), timer.expired]);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (err) {
    // Stop pulling: the rest of the stream is never read into memory (a pending read is dropped).
    void reader.cancel().catch(() => undefined);
    if (err instanceof ApticWebhookError) throw err;
    throw new ApticWebhookError("malformed", "Webhook body could not be read", { cause: err });
  } finally {
    timer.cancel();
  }

  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(concat(chunks, total));
  } catch (err) {
    throw new ApticWebhookError("malformed", "Webhook body is not valid UTF-8", { cause: err });
  }
}
