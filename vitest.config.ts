import { defineConfig } from "vitest/config";

/**
 * The spec pipeline's own slow checks: each copies the repository and regenerates (the rename
 * proof also type-checks and runs the unit tests in its copy). They test scripts/, not the
 * client, so they run as `npm run test:spec` (CI runs it after `npm test`, see .ci/run).
 */
export const SPEC_PIPELINE_TESTS = [
  "test/spec/rename.test.ts",
  "test/spec/check-generated.test.ts",
  "test/spec/import.test.ts",
  "test/spec/import-vendor-shapes.test.ts",
  "test/unit/api-diff.test.ts",
];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", ...SPEC_PIPELINE_TESTS],
    // One Prism for the whole run (started by the testing kit, like integrators would).
    globalSetup: ["test/setup/mock-gateway.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
