/** What a probe says about an operation's inferred route. */
export type Verdict = "confirmed" | "refuted" | "unknown";

/** The answer to one probe, as the classifier needs it. */
export interface ProbeAnswer {
  status: number;
  /** The body as text ("" for none). */
  text: string;
  /** The Allow header of a 405, if any. */
  allow: string | null;
  /** The URL path actually requested (to recognise it echoed in a body). */
  requestPath: string;
  /**
   * The same path below the base URL's path, when the base URL has one: a gateway mounted under a
   * path base may echo only this part (ASP.NET's `Request.Path`).
   */
  routePath?: string | undefined;
  /** The random ids the probe put in the path. */
  ids: readonly string[];
}

/** How the gateway answers a path that certainly does not exist, per method. */
export interface ControlAnswer {
  status: number;
  /** The normalised body (see {@link bodyKey}). */
  key: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The spellings of the requested path a body may echo: full and below the base, each as sent and decoded. */
const pathForms = (paths: string | readonly string[]) =>
  (typeof paths === "string" ? [paths] : paths).flatMap((path) => [path, decodeURIComponent(path)]).filter((form) => form !== "");

/**
 * A body with what differs between two requests taken out (the path, the ids, GUIDs, trace ids,
 * timestamps, long numbers), so two answers from the same handler compare equal. `paths` is the
 * requested path, or it and the same path below the base URL (longest first).
 *
 * @example
 * ```ts
 * bodyKey('{"detail":"No route /a/1","traceId":"00-ab"}', "/a/1", []); // '{"detail":"No route <path>","traceId":""}'
 * bodyKey('{"instance":"/a/1"}', ["/base/a/1", "/a/1"], []); // '{"instance":""}'
 * ```
 */
export function bodyKey(text: string, paths: string | readonly string[], ids: readonly string[]): string {
  let out = text;
  for (const form of pathForms(paths)) out = out.split(form).join("<path>");
  for (const id of ids) if (id !== "") out = out.split(id).join("<id>");
  return out
    .replace(/"(traceId|requestId|correlationId|timestamp|instance)"\s*:\s*"[^"]*"/gi, '"$1":""')
    .replace(UUID, "<uuid>")
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)?/g, "<time>")
    .replace(/\d{5,}/g, "<n>");
}

/** The resource a path addresses, as a body might name it: `/debtors/{debtorGuid}/payment-plans/{id}` → `paymentplan`. */
export function resourceWord(pathTemplate: string): string | undefined {
  const literals = pathTemplate.split("/").filter((s) => s !== "" && !s.startsWith("{"));
  const last = literals.at(-1);
  return last === undefined
    ? undefined
    : last
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "")
        .replace(/(ies)$/, "y")
        .replace(/s$/, "");
}

/**
 * Classifies one probe. The rules (README "Doctor"):
 * - 405 → refuted (the path exists, the method does not), unless unknown paths get 405 too;
 * - 404 with the body an unknown path gets (the control) → refuted, except that for an operation
 *   with ids a bare/generic 404 cannot tell a missing route from a missing item → unknown;
 * - 404 that names the random id or the resource → confirmed (the route looked the item up);
 * - 401/403, 429 and 5xx → unknown (auth, rate limit or a server error say nothing of routing);
 * - any other answer (2xx, 400, 409, 415, 422…) → confirmed: a handler ran.
 *
 * @example
 * ```ts
 * classify({ status: 405, text: "", allow: "GET", requestPath: "/debtors", ids: [] }, control, "/debtors");
 * // { verdict: "refuted", reason: "405 Method Not Allowed (Allow: GET)" }
 * ```
 */
export function classify(answer: ProbeAnswer, control: ControlAnswer | undefined, pathTemplate: string): { verdict: Verdict; reason: string } {
  const { status } = answer;
  if (status === 405) {
    if (control?.status === 405) return { verdict: "unknown", reason: "405, but this gateway answers 405 to unknown paths too" };
    return { verdict: "refuted", reason: `405 Method Not Allowed${answer.allow ? ` (Allow: ${answer.allow})` : ""}` };
  }
  if (status === 404) return classify404(answer, control, pathTemplate);
  if (status === 401 || status === 403) return { verdict: "unknown", reason: `${status}: the credentials were refused before the route could show` };
  if (status === 429) return { verdict: "unknown", reason: "429: rate limited" };
  if (status >= 500) return { verdict: "unknown", reason: `${status}: a server error says nothing about the route` };
  return { verdict: "confirmed", reason: `answered ${status}` };
}

function classify404(answer: ProbeAnswer, control: ControlAnswer | undefined, pathTemplate: string): { verdict: Verdict; reason: string } {
  const paths = [answer.requestPath, answer.routePath ?? ""];
  const key = bodyKey(answer.text, paths, answer.ids);
  const hasIds = answer.ids.length > 0;
  if (control?.status === 404 && control.key === key) {
    // A control body that echoes the path is the router's own message; one that does not may be any handler's.
    const generic = !control.key.includes("<path>");
    if (generic && hasIds)
      return { verdict: "unknown", reason: "404 with the same generic body as an unknown path: a missing route and a missing item look alike here" };
    return { verdict: "refuted", reason: "404 like an unknown path (route-level)" };
  }
  // An echoed request path (`instance`, "No route for …") names the id and the resource by itself.
  let text = answer.text;
  for (const form of pathForms(paths)) text = text.split(form).join("");
  const flat = text.toLowerCase().replace(/[^a-z0-9]/g, "");
  const word = resourceWord(pathTemplate);
  if (hasIds && answer.ids.some((id) => text.includes(id))) return { verdict: "confirmed", reason: "404 names the missing item" };
  if (hasIds && word !== undefined && word.length > 2 && flat.includes(word)) return { verdict: "confirmed", reason: `404 names the resource (${word})` };
  if (!hasIds && control === undefined) return { verdict: "refuted", reason: "404 on a path without ids" };
  return { verdict: "unknown", reason: "404 unlike an unknown path's, but naming neither the id nor the resource" };
}
