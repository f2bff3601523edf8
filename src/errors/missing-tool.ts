import { ApticUsageError } from "./aptic-error.js";

/**
 * The tools the testing kit loads only when a feature needs them: none is a dependency or a peer
 * of the package (a peer range would break the installs of projects that pin another version),
 * so each feature says what to install, with the range the kit is tested with.
 */
export const OPTIONAL_TOOLS = {
  prism: { pkg: "@stoplight/prism-cli", range: "5" },
  jsonSchema: { pkg: "@cfworker/json-schema", range: "4" },
} as const;

/**
 * Where the feature needing a tool runs: in the app in production (`responseValidation`: a
 * dependency, `npm install`) or in tests and development tools (`--save-dev`).
 */
export type ToolUse = "app" | "test";

/**
 * The one message for a missing optional tool: `X needs <pkg>: npm install <pkg>@<range>` for a
 * feature the app runs in production, `npm install --save-dev <pkg>@<range>` for a test tool.
 *
 * @example
 * ```ts
 * throw missingTool("startMockServer", OPTIONAL_TOOLS.prism, new Error("Cannot find module"));
 * // ApticUsageError: startMockServer needs @stoplight/prism-cli: npm install --save-dev @stoplight/prism-cli@5
 * throw missingTool("responseValidation", OPTIONAL_TOOLS.jsonSchema, new Error("Cannot find module"), "app");
 * // ApticUsageError: responseValidation needs @cfworker/json-schema: npm install @cfworker/json-schema@4
 * ```
 */
export function missingTool(feature: string, tool: { pkg: string; range: string }, cause: unknown, use?: ToolUse): ApticUsageError {
  const install = use === "app" ? `: npm install ${tool.pkg}@${tool.range}` : `: npm install --save-dev ${tool.pkg}@${tool.range}`;
  return new ApticUsageError(`${feature} needs ${tool.pkg}${install}`, { cause });
}
