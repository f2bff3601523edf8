// Types for scripts/spec/path-order.mjs (imported by test/spec/path-order.test.ts).
export declare function overlaps(a: string, b: string): boolean;
export declare function mustPrecede(a: string, b: string): boolean;
export declare function literalFirst(keys: readonly string[]): string[];
export declare function misordered(keys: readonly string[]): Array<[string, string]>;
export declare function orderPaths<T>(paths?: Record<string, T>): Record<string, T>;
