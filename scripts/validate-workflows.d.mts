// Types for scripts/validate-workflows.mjs (imported by test/unit/workflows.test.ts).

/** Directory holding the repo's workflow files. */
export declare const WORKFLOW_DIR: string;
/** The workflow files of `dir` (default `.github/workflows`), sorted. */
export declare function workflowFiles(dir?: string): string[];
/** Files git knows about (tracked plus untracked, not ignored); `undefined` outside a git checkout. */
export declare function repoFiles(): string[] | undefined;
/** `paths`/`paths-ignore` patterns of a parsed workflow that match none of `files`. */
export declare function unmatchedPathFilters(workflow: unknown, files: readonly string[]): string[];
/** Validates a workflow's YAML source; returns readable problems, empty when valid. */
export declare function validateWorkflowSource(source: string, files?: readonly string[]): string[];
