/**
 * An RFC 9457 problem details object as the gateway documents it: the five standard members
 * plus any extension members, which are kept as-is (unknown ones are never dropped).
 *
 * @example
 * ```ts
 * const problem: ProblemDetails = { type: "about:blank", title: "Not Found", status: 404, traceId: "00-…" };
 * ```
 */
export interface ProblemDetails {
  type?: string | null;
  title?: string | null;
  status?: number | null;
  detail?: string | null;
  instance?: string | null;
  [extension: string]: unknown;
}

/**
 * Turns an error body (already parsed by openapi-fetch, or raw text) into problem details.
 * Returns `undefined` for empty or non-object bodies so callers can fall back to the status line.
 *
 * @example
 * ```ts
 * toProblem({ title: "Conflict", status: 409 }); // → { title: "Conflict", status: 409 }
 * toProblem("<html>Bad gateway</html>");         // → undefined
 * ```
 */
export function toProblem(body: unknown): ProblemDetails | undefined {
  let value = body;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return value as ProblemDetails;
}
