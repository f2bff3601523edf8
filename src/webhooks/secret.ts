const encoder = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/**
 * Compares two SHA-256 digests in time that depends only on their length (XOR-OR over every
 * byte, no early exit). Both are always 32 bytes, so no length check is needed. Web Crypto has no
 * timingSafeEqual, so this is the portable stand-in.
 */
function equalDigests(a: Uint8Array, b: Uint8Array): boolean {
  let diff = 0;
  for (const [i, byte] of a.entries()) diff |= byte ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * Builds a constant-time, length-safe secret check. Both sides are hashed with SHA-256 first,
 * so the comparison always runs over 32 bytes and neither the secret's length nor its prefix
 * leaks through timing. Uses Web Crypto (`crypto.subtle`), so it runs on Node ≥ 20, Deno, Bun,
 * Cloudflare Workers and other edge runtimes.
 *
 * @example
 * ```ts
 * const matches = secretMatcher(process.env.APTIC_WEBHOOK_SECRET ?? "");
 * if (!(await matches(request.headers.get("x-webhook-secret") ?? ""))) return new Response(null, { status: 401 });
 * ```
 */
export function secretMatcher(secret: string): (provided: string) => Promise<boolean> {
  // Hashed once, lazily: digest() is async, and the factory that calls us is synchronous.
  let expected: Promise<Uint8Array> | undefined;
  return async (provided) => {
    expected ??= sha256(secret);
    const [want, got] = await Promise.all([expected, sha256(provided)]);
    return equalDigests(want, got);
  };
}
