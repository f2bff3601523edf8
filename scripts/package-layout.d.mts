/** Subpath entries ("webhooks", "odata", …) from package.json "exports". */
export const SUBPATHS: string[];
/** Entry name (dist path without extension) → source file. */
export function entrySources(): Record<string, string>;
/** The dist path (without extension) of a source module: `src/a/b.ts` → `a/b`, `generated/x.ts` → `generated/x`. */
export function distPathOf(sourceFile: string): string;
/** Every runtime module the ESM build emits: dist path → source file. */
export function moduleSources(): Record<string, string>;
