import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The fake gateway's own suite without the Prism global setup: `npx vitest run --config test/fake/vitest.config.ts`.
// (The main config runs these files too.)
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: { include: ["test/fake/**/*.test.ts"], testTimeout: 20_000 },
});
