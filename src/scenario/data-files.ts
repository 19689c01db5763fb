/**
 * Data files (`data:` on the scenario, a workload or a tenant) are read before resolution, which stays synchronous: loadPlan
 * (or a library user) reads every file the scenario names once (`preloadDataFiles`), and resolution checks the
 * blocks against what was read (a file that failed is a problem at its `file:`) and the operations' templates against
 * the columns every call's row offers (its tenant's file, else the workload's: callColumns).
 */
import type { Problem } from '../input/issues.js';
import { isRecord, type Segment } from '../input/path.js';
import { compileRequest, containsTemplate, type TemplateContext } from '../operations/template.js';
import type { McpRequest } from '../client/request.js';
import { callColumns, dataFilePath, loadDataBlock, type ColumnsOffered } from '../traffic/data-block.js';
import type { DataLoad } from '../traffic/data-file.js';

/** What was read of each data file, by absolute path. */
export type DataFiles = ReadonlyMap<string, DataLoad>;

/** A data block as written at `at`, if it names a file. */
interface WrittenBlock {
  readonly file: string;
  readonly at: readonly Segment[];
}

/** Every data block of a scenario as written (top level, each workload, each tenant of either) that names a file. */
function writtenBlocks(scenario: unknown): WrittenBlock[] {
  if (!isRecord(scenario)) return [];
  const blocks: WrittenBlock[] = [];
  const add = (block: unknown, at: readonly Segment[]): void => {
    if (isRecord(block) && typeof block.file === 'string' && block.file.trim() !== '') blocks.push({ file: block.file, at });
  };
  const addTenants = (tenants: unknown, at: readonly Segment[]): void => {
    if (Array.isArray(tenants)) tenants.forEach((tenant: unknown, index) => isRecord(tenant) && add(tenant.data, [...at, index, 'data']));
  };
  add(scenario.data, ['data']);
  addTenants(scenario.tenants, ['tenants']);
  if (!Array.isArray(scenario.workloads)) return blocks;
  scenario.workloads.forEach((workload: unknown, index) => {
    if (!isRecord(workload)) return;
    add(workload.data, ['workloads', index, 'data']);
    addTenants(workload.tenants, ['workloads', index, 'tenants']);
  });
  return blocks;
}

/** Reads every data file the scenario names, each once (relative paths against `baseDir`, the scenario's folder). */
export async function preloadDataFiles(scenario: unknown, baseDir: string): Promise<DataFiles> {
  const files = new Map<string, DataLoad>();
  for (const block of writtenBlocks(scenario)) {
    const file = dataFilePath(block, baseDir);
    if (!files.has(file)) files.set(file, await loadDataBlock(block, baseDir));
  }
  return files;
}

/** A data file that could not be read (or was not read at all), at its block's `file:`. */
export function dataFileProblems(scenario: unknown, files: DataFiles | undefined, baseDir: string): Problem[] {
  return writtenBlocks(scenario).flatMap(({ file, at }): Problem[] => {
    const load = files?.get(dataFilePath({ file }, baseDir));
    if (load === undefined) {
      const hint = 'data files are read when a scenario is loaded from a file (loadPlan); in-memory, pass preloadDataFiles(…) as data';
      return [{ segments: [...at, 'file'], message: `${file}: the data file was not read`, hint }];
    }
    if (load.ok) return [];
    const where = load.problem.line === undefined ? file : `${file}, line ${load.problem.line}`;
    return [{ segments: [...at, 'file'], message: `${where}: ${load.problem.message}`, ...(load.problem.hint ? { hint: load.problem.hint } : {}) }];
  });
}

/**
 * The columns a workload's templates may read: those of every call's row (callColumns) — its tenants' files (its own
 * tenants, else the scenario's), else its block's (else the scenario's) file's; 'any' for a file that failed.
 */
export function workloadColumns(scenario: Record<string, unknown>, workload: Record<string, unknown>, files: DataFiles | undefined, baseDir: string): TemplateContext['columns'] {
  const columnsOf = (block: unknown): ColumnsOffered => {
    if (block === undefined || block === null) return null;
    if (!isRecord(block) || typeof block.file !== 'string') return 'any';
    const load = files?.get(dataFilePath({ file: block.file }, baseDir));
    return load?.ok ? load.table.columns : 'any';
  };
  const written = workload.tenants === undefined ? scenario.tenants : workload.tenants;
  const tenants = Array.isArray(written) ? written : [];
  const tenantColumns = tenants.map((tenant: unknown) => (isRecord(tenant) && tenant.data !== undefined ? columnsOf(tenant.data) : undefined));
  return callColumns(columnsOf(workload.data ?? scenario.data), tenantColumns);
}

/** Problems with the templates of every operation (unknown variable, bad range, unknown column, …). */
export function templateProblems(scenario: unknown, files: DataFiles | undefined, baseDir: string): Problem[] {
  if (!isRecord(scenario) || !Array.isArray(scenario.workloads)) return [];
  return scenario.workloads.flatMap((workload: unknown, index): Problem[] => {
    if (!isRecord(workload) || !Array.isArray(workload.operations)) return [];
    const context: TemplateContext = { columns: workloadColumns(scenario, workload, files, baseDir), vars: null, seed: 0 }; // vars: checked with journeys (journey-checks.ts)
    return workload.operations.flatMap((operation: unknown, position): Problem[] => {
      const at = ['workloads', index, 'operations', position];
      if (!isRecord(operation) || !Array.isArray(operation.steps)) return requestProblems(operation, at, context);
      // A journey's steps: which vars each may read is checked with its journey (operations/journey-checks.ts).
      return operation.steps.flatMap((step: unknown, stepIndex) => requestProblems(step, [...at, 'steps', stepIndex], { ...context, vars: null }));
    });
  });
}

function requestProblems(operation: unknown, at: readonly (string | number)[], context: TemplateContext): Problem[] {
  const request = isRecord(operation) && containsTemplate(operation) ? writtenRequest(operation) : undefined;
  if (request === undefined) return [];
  return compileRequest(request, context).problems.map((problem) => ({ ...problem, segments: [...at, ...problem.segments] }));
}

/** The request an operation as written would send (enough to check its templates; the schema checks the rest). */
function writtenRequest(operation: Record<string, unknown>): McpRequest | undefined {
  const args = isRecord(operation.args) ? operation.args : {};
  if (typeof operation.tool === 'string') return { method: 'tools/call', tool: operation.tool, args };
  if (typeof operation.resource === 'string') return { method: 'resources/read', uri: operation.resource };
  if (typeof operation.prompt === 'string') return { method: 'prompts/get', prompt: operation.prompt, args: args as Record<string, string> };
  if (typeof operation.subscribe === 'string') return { method: 'resources/subscribe', uri: operation.subscribe };
  if (typeof operation.unsubscribe === 'string') return { method: 'resources/unsubscribe', uri: operation.unsubscribe };
  const complete = operation.complete;
  if (isRecord(complete) && typeof complete.value === 'string') {
    return { method: 'completion/complete', ref: { type: 'ref/prompt', name: '' }, argument: '', value: complete.value };
  }
  return undefined;
}
