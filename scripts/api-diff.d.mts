// Types for scripts/api-diff.mjs (imported by test/unit/api-diff.test.ts).

/** Repo-relative path of the merged spec. */
export declare const MERGED: string;

export interface OperationRef {
  method: string;
  path: string;
  operationId: string;
  webhook: boolean;
}

export interface FieldChange {
  kind: "added" | "removed" | "changed";
  /** Dotted field path (`value[].street`), `""` for the body itself, `"query $top"` for parameters. */
  field: string;
  detail: string;
  required?: boolean;
}

export interface ReportItem {
  /** `openapi-diff` for its classified differences, `api-diff` for this script's own rules. */
  source: "openapi-diff" | "api-diff";
  /** openapi-diff's code (`request.body.scope.remove`, …) or ours (`operation.remove`, `parameter.added`, …). */
  code: string;
  operation?: OperationRef;
  location?: string;
  /** `parameters`, `request body` or `response <status>`. */
  scope?: string;
  message: string;
  changes: FieldChange[];
}

export interface ApiDiffReport {
  old: string;
  new: string;
  operations: { added: OperationRef[]; removed: OperationRef[] };
  breaking: ReportItem[];
  nonBreaking: ReportItem[];
  unclassified: ReportItem[];
  review: ReportItem[];
  droppedKeywords: string[];
}

/** The merged spec's text at a git ref. */
export declare function readSpecAtRef(ref: string, file?: string): string;
/** A copy of an OpenAPI document with every local `$ref` inlined. */
export declare function dereference<T extends object>(doc: T): T;
/** A dereferenced OpenAPI 3.1 document → a 3.0.3 copy that openapi-diff accepts. */
export declare function toOpenApi30(derefDoc: object, dropped?: Set<string>): Record<string, unknown>;
/** Every operation and webhook of a document. */
export declare function listOperations(doc: object): Array<OperationRef & { key: string; operation: Record<string, unknown> }>;
/** A dereferenced schema flattened to `field path → description`. */
export declare function schemaFields(schema: unknown): Map<string, { type: string; format?: string; enum?: string[]; required?: boolean }>;
/** Compares two versions of the merged spec (parsed documents). */
export declare function diffApis(oldDoc: object, newDoc: object, labels?: { old: string; new: string }): Promise<ApiDiffReport>;
/** Renders a report as markdown; `headingLevel` is the title's level (default 1). */
export declare function renderMarkdown(report: ApiDiffReport, options?: { headingLevel?: number }): string;
/** Field-level changes between two flattened schemas (children of an added/removed field folded in). */
export declare function compareFields(
  oldFields: ReturnType<typeof schemaFields>,
  newFields: ReturnType<typeof schemaFields>,
): FieldChange[];
