import { defineConfig } from "vitest/config";
import { SPEC_PIPELINE_TESTS } from "./vitest.config.js";

// `npm run test:spec`: the spec pipeline's slow checks (see vitest.config.ts). No Prism needed.
export default defineConfig({
  test: {
    include: SPEC_PIPELINE_TESTS,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
