/** The last few secrets handed out: tokens rotate, but an error about an older attempt may quote the previous one. */
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
