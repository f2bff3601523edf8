import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One Prism for the whole run (started by the testing kit, like integrators would).
    globalSetup: ["test/setup/mock-gateway.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
