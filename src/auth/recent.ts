/**
 * A short memory of the last few secret values a strategy handed out (tokens rotate, but an
 * error about an older attempt may still quote the previous one).
 *
 * @example
 * ```ts
 * const recent = recentValues(3);
 * recent.add(token);
 * scrubber(() => recent.list);
 * ```
 */
export function recentValues(size: number): { add(value: string): void; readonly list: readonly string[] } {
  // Stryker disable next-line ArrayDeclaration: a seeded entry would only be noticed by a text containing that very entry.
  const list: string[] = [];
  return {
    add(value) {
      if (list.includes(value)) return;
      list.unshift(value);
      list.length = Math.min(list.length, size);
    },
    list,
  };
}
