/**
 * An RFC 9457 problem details object; extension members are kept as they are.
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

/** The problem details object in an error body (parsed, if it is JSON text), or `undefined`. */
export function toProblem(body: unknown): ProblemDetails | undefined {
  let value = body;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      // Not JSON: the text stays a string, which the check below turns away.
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return value as ProblemDetails;
}
