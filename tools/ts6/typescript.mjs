// TypeScript 6's JS API (the root's TypeScript 7 has none), for the language-service type tests.
export { default } from "typescript";
