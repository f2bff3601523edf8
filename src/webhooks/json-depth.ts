/**
 * Whether a JSON text nests objects/arrays deeper than `limit`, found in one pass without parsing
 * (brackets inside strings, escaped quotes included, are skipped). `JSON.parse` copes with deep
 * input, but `JSON.stringify`, `structuredClone` and most recursive code an integrator runs on the
 * event afterwards overflow the stack at a few thousand levels.
 *
 * @example
 * ```ts
 * nestsDeeperThan('{"a":[[1]]}', 2); // true (3 levels)
 * ```
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  // Stryker disable next-line EqualityOperator: charCodeAt past the end is NaN, which matches no character.
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}
