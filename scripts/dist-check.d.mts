/** Throws unless dist/ exists and is newer than every source; `root` is the repository root. */
export function assertFreshDist(root?: string): void;
