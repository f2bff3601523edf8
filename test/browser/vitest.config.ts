import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// `npm run test:browser`: separate from the unit/contract suite (which includes only
// test/**/*.test.ts); this one needs a build; its Chromium ships in an npm package (launch.mjs).
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/browser/**/*.spec.ts"],
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
