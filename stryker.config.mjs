// Mutation testing (`npm run test:mutation`, which runs scripts/mutation.mjs). Stryker 9.6 is the
// last line that runs on Node 20 (10.x wants Node >= 22). See reports/mutation-exclusions.md for
// the only mutants we accept as not killed, and reports/mutation.md for the last full run.

/** What a full run mutates: the hand-written runtime, without the testing kit and re-export files. */
export const FULL_MUTATE = ["src/**/*.ts", "!src/testing/**", "!src/**/index.ts"];

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  // Unit + adversarial tests only: the Prism contract tests are far too slow to repeat per mutant.
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  // Each mutant runs only the tests that reached it during the dry run.
  coverageAnalysis: "perTest",
  mutate: FULL_MUTATE,
  // Checked in, so a rerun in a fresh clone re-tests only what changed since the last full run.
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  plugins: ["@stryker-mutator/vitest-runner", "./scripts/mutation-summary-reporter.mjs"],
  reporters: ["progress", "clear-text", "html", "json", "mutation-summary"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // The project's bar is 90 % over src/ without src/testing: a run below it fails.
  thresholds: { high: 90, low: 80, break: 90 },
  concurrency: 2,
  // The machine is shared and slow: a mutant that makes a test loop forever still ends quickly,
  // but one that merely slows a test should not be mistaken for a timeout.
  timeoutMS: 10_000,
  timeoutFactor: 2,
  tempDirName: ".stryker-tmp",
  // Stryker rewrites the tsconfig's extends/references for its sandbox through TypeScript's JS
  // API, which TypeScript 7 no longer has. Ours has neither, so point it at no file at all.
  tsconfigFile: "tsconfig.stryker-none.json",
  cleanTempDir: "always",
  // The sandbox gets src/, test/, generated/ and the configs; nothing the unit tests never read.
  ignorePatterns: ["dist", "docs-out", "coverage", "bench", "examples", ".tmp", "reports/mutation", "*.tgz"],
};
