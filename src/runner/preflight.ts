import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { cacheProblem, listCatalog, type Catalog } from '../client/catalog.js';
import type { CachePolicy } from '../client/policies.js';
import type { OperationPlan } from '../scenario/plan.js';

export interface PreflightResult {
  readonly warnings: readonly string[];
  /** Requests sent before measuring (not timed), by method, so server-side counts can be reconciled. */
  readonly setupCalls: Readonly<Record<string, number>>;
  /** Tools the server annotates `readOnlyHint: true` (what a `readOnly` cache may cache). */
  readonly readOnlyTools: ReadonlySet<string>;
  /** A setting that cannot work with this server (exit 2), e.g. caching a tool that is not read-only. */
  readonly configProblem: string | null;
}

/**
 * Before measuring, asks the server what it offers (tools/list, prompts/list): warns once per operation that names
 * something it does not have (those calls are still made and counted as errors, as the user asked), and learns which
 * tools are read-only, since only those may be cached unless the user says `force: true`.
 */
export async function preflight(client: Client, operations: readonly OperationPlan[], cache: CachePolicy | null): Promise<PreflightResult> {
  const setupCalls: Record<string, number> = {};
  const warnings: string[] = [];
  const tools = unique(operations.flatMap((op) => (op.request.method === 'tools/call' ? [op.request.tool] : [])));
  const prompts = unique(operations.flatMap((op) => (op.request.method === 'prompts/get' ? [op.request.prompt] : [])));
  let listedTools: Catalog | null = null;
  if (tools.length > 0 || cache) {
    listedTools = await listCatalog(client, 'tools/list', setupCalls);
    warnings.push(...missing('tool', tools, listedTools, 'tools/list'));
  }
  if (prompts.length > 0) warnings.push(...missing('prompt', prompts, await listCatalog(client, 'prompts/list', setupCalls), 'prompts/list'));
  return { warnings, setupCalls, readOnlyTools: listedTools?.readOnly ?? new Set(), configProblem: cacheProblem(cache, listedTools) };
}

function missing(kind: string, wanted: readonly string[], offered: Catalog | null, method: string): string[] {
  if (offered === null) return wanted.length ? [`the server did not answer ${method}; calls to ${kind}s ${wanted.join(', ')} may all fail`] : [];
  return wanted
    .filter((name) => !offered.names.has(name))
    .map((name) => `${kind} "${name}" is not offered by the server (per ${method}): its calls will be counted as errors`);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
