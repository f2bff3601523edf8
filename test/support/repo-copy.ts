// A throwaway copy of this repository for tests that change specs/ and regenerate: the working
// tree as git sees it (tracked and new files, edits included) with node_modules linked, never
// the real tree. Optionally a git repository of its own (for scripts that ask git).
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));

/** Copies the working tree to a new temporary folder and returns its path. */
export function copyRepo(prefix: string, { git = false }: { git?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `aptic-${prefix}-`));
  const files = execFileSync("git", ["-C", REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" })
    .split("\0")
    .filter((f) => f && f !== "node_modules");
  for (const file of files) {
    if (!existsSync(join(REPO, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(REPO, file), join(dir, file));
  }
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
  if (git) {
    const g = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@127.0.0.1", "-c", "commit.gpgsign=false", ...args], { cwd: dir, stdio: "ignore" });
    g("init", "-q");
    execFileSync("sh", ["-c", "echo node_modules >> .git/info/exclude"], { cwd: dir });
    g("add", "-A");
    g("commit", "-q", "-m", "copy");
  }
  return dir;
}

/** The environment for child processes, without vitest's NODE_ENV=test (under it `redocly join` writes no file). */
export function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NODE_ENV"));
}

/** Runs `node <args>` in `cwd`. */
export function runNode(cwd: string, args: string[], timeout = 240_000): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, args, { cwd, env: childEnv(), encoding: "utf8", timeout });
}

/** Failing tests (`file > test`) of a vitest run in `copy` (JSON reporter). */
export function failingTests(copy: string, args: string[]): { failing: string[]; why: string; total: number; stderr: string; status: number | null } {
  const out = `.vitest-results-${Date.now()}.json`;
  const run = runNode(copy, [join(REPO, "node_modules/vitest/vitest.mjs"), "run", ...args, "--reporter=json", `--outputFile=${out}`], 600_000);
  const results = JSON.parse(readFileSync(join(copy, out), "utf8")) as {
    numTotalTests: number;
    testResults: Array<{
      name: string;
      status: string;
      message?: string;
      assertionResults: Array<{ fullName: string; status: string; failureMessages?: string[] }>;
    }>;
  };
  const failed = results.testResults.flatMap((file) => {
    const rel = file.name.slice(copy.length + 1);
    const tests = file.assertionResults
      .filter((t) => t.status === "failed")
      .map((t) => ({ name: `${rel} > ${t.fullName}`, why: t.failureMessages?.[0] ?? "" }));
    return tests.length ? tests : file.status === "failed" ? [{ name: `${rel}: ${(file.message ?? "").split("\n")[0]}`, why: file.message ?? "" }] : [];
  });
  // `why` (the first lines of each failure) goes into the assertion message, so a CI log says what broke.
  const why = failed.map((f) => `${f.name}\n  ${f.why.split("\n").slice(0, 6).join("\n  ")}`).join("\n");
  return { failing: failed.map((f) => f.name), why, total: results.numTotalTests, stderr: run.stderr.slice(0, 2000), status: run.status };
}
