// Merges a subset run's Stryker incremental report into the full one. Reports number their tests
// per run ("0", "1", …) and mutants point at those numbers (coveredBy/killedBy), so tests are
// matched by file and name, and every id is rewritten to the merged numbering. The subset's
// version wins for every source file it mutated and every test file it saw. A result from the full
// report that leans on a test file the subset saw changed is dropped, so the next run re-tests that
// mutant instead of trusting a result the changed tests may no longer give.

const keyOf = (file, test) => `${file}\u0000${test.name}`;

/**
 * @param {{ files: Record<string, any>, testFiles?: Record<string, any> }} full
 * @param {{ files: Record<string, any>, testFiles?: Record<string, any> }} subset
 */
export function mergeIncrementalReports(full, subset) {
  const fullKeys = new Map(); // full id → key
  for (const [file, tf] of Object.entries(full.testFiles ?? {})) for (const t of tf.tests) fullKeys.set(t.id, keyOf(file, t));
  const subsetKeys = new Map(); // subset id → key
  for (const [file, tf] of Object.entries(subset.testFiles ?? {})) for (const t of tf.tests) subsetKeys.set(t.id, keyOf(file, t));

  const testFiles = { ...full.testFiles, ...subset.testFiles };
  const idByKey = new Map();
  let next = 0;
  const idFor = (key) => {
    if (!idByKey.has(key)) idByKey.set(key, String(next++));
    return idByKey.get(key);
  };
  for (const [file, tf] of Object.entries(testFiles)) {
    testFiles[file] = { ...tf, tests: tf.tests.map((t) => ({ ...t, id: idFor(keyOf(file, t)) })) };
  }
  const remap = (ids, keys) => ids?.map((id) => idByKey.get(keys.get(id))).filter((id) => id !== undefined);
  const remapFile = (fileResult, keys) => ({
    ...fileResult,
    mutants: fileResult.mutants.map((m) => ({ ...m, coveredBy: remap(m.coveredBy, keys), killedBy: remap(m.killedBy, keys) })),
  });

  const changed = new Set(
    Object.keys(subset.testFiles ?? {}).filter((file) => full.testFiles?.[file]?.source !== subset.testFiles[file].source),
  );
  const fileOfKey = (key) => key.slice(0, key.indexOf("\u0000"));
  const stillValid = (m) =>
    m.coveredBy === undefined
      ? changed.size === 0 // covered by every test (static): any changed test file may change it
      : ![...m.coveredBy, ...(m.killedBy ?? [])].some((id) => changed.has(fileOfKey(fullKeys.get(id) ?? "\u0000")));
  const files = {};
  for (const [file, result] of Object.entries(full.files)) {
    if (!(file in subset.files)) files[file] = remapFile({ ...result, mutants: result.mutants.filter(stillValid) }, fullKeys);
  }
  for (const [file, result] of Object.entries(subset.files)) files[file] = remapFile(result, subsetKeys);
  return { ...full, files, testFiles };
}
