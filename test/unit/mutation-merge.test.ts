// The merge of a subset mutation run into the checked-in incremental report (scripts/mutation-merge.mjs).
import { describe, expect, it } from "vitest";
import { mergeIncrementalReports } from "../../scripts/mutation-merge.mjs";

const full = {
  files: {
    "src/a.ts": { source: "a", mutants: [{ id: "1", status: "Killed", coveredBy: ["0", "1"], killedBy: ["1"] }, { id: "2", status: "Survived", coveredBy: ["0"] }] },
    "src/b.ts": { source: "b", mutants: [{ id: "3", status: "Killed", coveredBy: ["2"], killedBy: ["2"] }] },
    "src/c.ts": { source: "c", mutants: [{ id: "4", status: "Killed", coveredBy: ["2"], killedBy: ["2"] }, { id: "5", status: "Survived" }] },
  },
  testFiles: {
    "t/a.test.ts": { source: "A", tests: [{ id: "0", name: "a one" }, { id: "1", name: "a two" }] },
    "t/b.test.ts": { source: "B", tests: [{ id: "2", name: "b one" }] },
  },
};
const subset = {
  files: { "src/b.ts": { source: "b2", mutants: [{ id: "9", status: "Killed", coveredBy: ["0", "1"], killedBy: ["1"] }] } },
  testFiles: { "t/b.test.ts": { source: "B2", tests: [{ id: "0", name: "b new" }, { id: "1", name: "b one" }] } },
};

describe("mergeIncrementalReports", () => {
  const merged = mergeIncrementalReports(full, subset);

  it("takes the subset's version of the files it mutated and of the test files it saw", () => {
    expect(merged.files["src/b.ts"]?.source).toBe("b2");
    expect(merged.testFiles["t/b.test.ts"]?.source).toBe("B2");
    expect(merged.testFiles["t/a.test.ts"]?.source).toBe("A");
  });

  it("renumbers tests once and points every mutant at the same test as before", () => {
    const name = (id: string) => Object.values(merged.testFiles).flatMap((f) => f.tests).find((t) => t.id === id)?.name;
    expect(merged.files["src/b.ts"]?.mutants[0]?.killedBy?.map(name)).toEqual(["b one"]);
    expect(merged.files["src/b.ts"]?.mutants[0]?.coveredBy?.map(name)).toEqual(["b new", "b one"]);
    expect(merged.files["src/a.ts"]?.mutants[0]?.killedBy?.map(name)).toEqual(["a two"]);
    const ids = Object.values(merged.testFiles).flatMap((f) => f.tests.map((t) => t.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("drops results outside the subset that lean on a test file that changed, so they are re-tested", () => {
    expect(merged.files["src/c.ts"]?.mutants).toEqual([]); // one killed by a changed test file, one static
    expect(merged.files["src/a.ts"]?.mutants).toHaveLength(2);
  });
});
