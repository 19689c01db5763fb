import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { cacheProblem, listCatalog, type Catalog } from '../client/catalog.js';
import type { CachePolicy } from '../client/layers/cache-policy.js';
import type { OperationPlan } from '../operations/operation.js';

export interface PreflightResult {
  readonly warnings: readonly string[];
  /** Requests sent before measuring (not timed), by method, so server-side counts can be reconciled. */
  readonly setupCalls: Readonly<Record<string, number>>;
  /** Tools the server annotates `readOnlyHint: true` (what a `readOnly` cache may cache). */
  readonly readOnlyTools: ReadonlySet<string>;
  /** The `outputSchema` of each tool the mix calls that declares one (what `client.validateOutput` checks against). */
  readonly outputSchemas: ReadonlyMap<string, object>;
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
  // A journey's row sends nothing of its own: its steps are rows.
  operations = operations.filter((op) => op.journey === undefined);
  const warnings: string[] = [];
  // Looked up by the name sent, reported by the operation's display name (as written: never a substituted secret).
  const tools = operations.flatMap((op) => (op.request.method === 'tools/call' ? [{ name: op.request.tool, label: op.name }] : []));
  const prompts = operations.flatMap((op) => (op.request.method === 'prompts/get' ? [{ name: op.request.prompt, label: op.name }] : []));
  let listedTools: Catalog | null = null;
  if (tools.length > 0 || cache) {
    listedTools = await listCatalog(client, 'tools/list', setupCalls);
    warnings.push(...missing('tool', tools, listedTools, 'tools/list'));
  }
  if (prompts.length > 0) warnings.push(...missing('prompt', prompts, await listCatalog(client, 'prompts/list', setupCalls), 'prompts/list'));
  const outputSchemas = calledOutputSchemas(tools, listedTools);
  return { warnings, setupCalls, readOnlyTools: listedTools?.readOnly ?? new Set(), outputSchemas, configProblem: cacheProblem(cache, listedTools) };
}

function calledOutputSchemas(tools: readonly Wanted[], listed: Catalog | null): ReadonlyMap<string, object> {
  const called = new Map<string, object>();
  for (const { name } of tools) {
    const schema = listed?.outputSchemas.get(name);
    if (schema !== undefined) called.set(name, schema);
  }
  return called;
}

interface Wanted {
  readonly name: string;
  readonly label: string;
}

function missing(kind: string, wanted: readonly Wanted[], offered: Catalog | null, method: string): string[] {
  const labels = [...new Set(wanted.filter((w) => !offered?.names.has(w.name)).map((w) => w.label))];
  if (offered === null) return labels.length ? [`the server did not answer ${method}; ${labels.join(', ')} may all fail`] : [];
  return labels.map((label) => `${label}: the server does not offer this ${kind} (per ${method}); its calls will be counted as errors`);
}
