import { defineConfig } from "vitest/config";

// The test set Stryker runs once per mutant: unit and adversarial tests only. They talk to an
// injected fetch or a loopback server of their own, so no Prism is started (the contract and
// example tests need the globalSetup in vitest.config.ts and are far too slow to repeat per mutant).
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts", "test/adversarial/**/*.test.ts"],
    // Tests of scripts/ and of the README/spec files never load src/: nothing to kill there.
    exclude: ["test/unit/api-diff.test.ts", "test/unit/pipeline.test.ts", "test/unit/readme.test.ts", "test/unit/workflows.test.ts"],
    testTimeout: 20_000,
  },
});
