// Types for scripts/api-diff.mjs (imported by the api-diff tests).

/** Repo-relative path of the merged spec. */
export declare const MERGED: string;

export interface OperationRef {
  method: string;
  /** The path template, or the webhook's name when `webhook` is true. */
  path: string;
  operationId: string;
  webhook: boolean;
}

type Scalar = string | number | boolean | null;

export type ChangeClass = "breaking" | "non-breaking" | "info";

export interface Change {
  class: ChangeClass;
  /** The policy rule that set the class (scripts/api-diff/policy.mjs); absent when api-smart-diff's own class stands. */
  rule?: string;
  operation?: OperationRef;
  /** `request body`, `parameters`, `response <status>` or `delivery payload` (webhooks). */
  in?: string;
  /** What changed, in api-smart-diff's words (or `added operation` / `removed operation`). */
  what: string;
  /** JSON pointer of the change in the compared (prepared) document. */
  pointer: string;
  /** The old/new scalar value(s); an array when one change groups several (e.g. enum values). */
  before?: Scalar | Scalar[];
  after?: Scalar | Scalar[];
}

export interface ApiDiffReport {
  old: string;
  new: string;
  operations: { added: OperationRef[]; removed: OperationRef[] };
  breaking: Change[];
  nonBreaking: Change[];
  info: Change[];
}

/** The merged spec's text at a git ref. */
export declare function readSpecAtRef(ref: string, file?: string): string;
/** Compares two OpenAPI 3.0/3.1 documents (parsed). */
export declare function diffApis(oldDoc: object, newDoc: object, labels?: { old: string; new: string }): ApiDiffReport;
/** Renders a report as markdown; `headingLevel` is the title's level (default 1). */
export declare function renderMarkdown(report: ApiDiffReport, options?: { headingLevel?: number }): string;
