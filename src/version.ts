/**
 * This package's version.
 *
 * @example
 * ```ts
 * console.log(`using aptic-gateway-client ${VERSION}`);
 * ```
 */
export const VERSION = "0.2.0";
