// Types for scripts/generate-named-types.mjs (imported by the unit tests).

/** The generated types of an OpenAPI document, exactly as `npm run generate` writes them (without the banner). */
export function generateTypes(source: URL | object): Promise<string>;
/** Moves each schema of components.schemas into a named declaration that `components` refers to (TypeScript AST nodes). */
export function nameSchemaTypes(ts: unknown, ast: readonly unknown[]): unknown[];
