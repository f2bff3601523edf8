export interface ReadOptions {
  limit: number;
  /** Bytes kept; the rest is counted against `limit` and dropped. */
  keep?: number | undefined;
  /** `Content-Length`: over `limit` is refused before any byte is read. */
  declared?: string | null | undefined;
  signal?: AbortSignal | undefined;
}

/** Callers turn it into their own typed error. */
export class BodyTooLarge extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`body exceeds ${limit} bytes`);
    this.limit = limit;
  }
}

const noop = () => {};

function concat(chunks: Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  // A fetch body's chunks are never shared memory.
  if (chunks.length === 1 && chunks[0]?.byteLength === total) return chunks[0] as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The one bounded body reader: a lying or endless sender costs at most one chunk more than the limit. */
export async function readBody(stream: ReadableStream<Uint8Array> | null, options: ReadOptions): Promise<Uint8Array<ArrayBuffer>> {
  const { limit, keep = limit, declared, signal } = options;
  // Left untouched: the caller decides whether to cancel it or leave it for another reader.
  if (declared != null && /^\d+$/.test(declared) && Number(declared) > limit) throw new BodyTooLarge(limit);
  if (signal?.aborted) {
    stream?.cancel(signal.reason).catch(noop);
    throw signal.reason;
  }
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const stop = () => reader.cancel(signal?.reason).catch(noop);
  signal?.addEventListener("abort", stop, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  let kept = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) break;
      if (done) return concat(chunks, kept);
      total += value.byteLength;
      if (total > limit) {
        reader.cancel().catch(noop);
        throw new BodyTooLarge(limit);
      }
      if (kept < keep) {
        const part = kept + value.byteLength > keep ? value.subarray(0, keep - kept) : value;
        chunks.push(part);
        kept += part.byteLength;
      }
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
  } finally {
    signal?.removeEventListener("abort", stop);
  }
  throw signal?.reason;
}
