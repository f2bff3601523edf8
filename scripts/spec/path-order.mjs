// Literal paths before templated ones. `/debtors/ping` and `/debtors/{debtorGuid}` both match
// the URL `/debtors/ping`; OpenAPI says concrete paths win, but routers, mocks and generators
// that match in declaration order (first match wins) only agree with that when the literal path
// is declared first. Every spec file and the merged document keep this order.

const isParam = (segment) => /^\{[^}]+\}$/.test(segment);

/** Whether one URL could match both templates (same depth, each segment equal or a parameter). */
export function overlaps(a, b) {
  const x = a.split("/");
  const y = b.split("/");
  return a !== b && x.length === y.length && x.every((s, i) => s === y[i] || isParam(s) || isParam(y[i]));
}

/**
 * Whether `a` must come before `b`: they overlap and, at the first segment where one is a
 * literal and the other a parameter (parameter names do not matter), `a` is the literal.
 */
export function mustPrecede(a, b) {
  if (!overlaps(a, b)) return false;
  const x = a.split("/");
  const y = b.split("/");
  const i = x.findIndex((s, k) => isParam(s) !== isParam(y[k]));
  return i >= 0 && !isParam(x[i]);
}

/**
 * The keys reordered so that each literal path sits before every templated path it overlaps;
 * otherwise the original order is kept (a stable insertion: a path moves only when it must).
 */
export function literalFirst(keys) {
  const out = [];
  for (const key of keys) {
    const at = out.findIndex((placed) => mustPrecede(key, placed));
    if (at < 0) out.push(key);
    else out.splice(at, 0, key);
  }
  return out;
}

/** Pairs declared in the wrong order, as `[literal, templated]` (empty when the order is right). */
export function misordered(keys) {
  const wrong = [];
  keys.forEach((key, i) => {
    for (const earlier of keys.slice(0, i)) if (mustPrecede(key, earlier)) wrong.push([key, earlier]);
  });
  return wrong;
}

/** A copy of an OpenAPI `paths` object in literal-first order. */
export function orderPaths(paths = {}) {
  return Object.fromEntries(literalFirst(Object.keys(paths)).map((key) => [key, paths[key]]));
}
