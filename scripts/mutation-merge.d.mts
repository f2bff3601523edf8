interface TestDefinition { id: string; name: string; [more: string]: unknown }
interface MutantResult { id: string; status: string; coveredBy?: string[]; killedBy?: string[]; [more: string]: unknown }
interface IncrementalReport {
  files: Record<string, { source: string; mutants: MutantResult[]; [more: string]: unknown }>;
  testFiles: Record<string, { source?: string; tests: TestDefinition[] }>;
  [more: string]: unknown;
}
export function mergeIncrementalReports(full: IncrementalReport, subset: IncrementalReport): IncrementalReport;
