/**
 * This package's version (kept equal to package.json by a test).
 *
 * @example
 * ```ts
 * console.log(`using aptic-gateway-client ${VERSION}`);
 * ```
 */
export const VERSION = "0.2.0";
