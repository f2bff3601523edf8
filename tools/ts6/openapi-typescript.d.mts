// openapi-typescript, resolved from this folder so that its `import "typescript"` finds TS 6.
export * from "openapi-typescript";
export { default } from "openapi-typescript";
