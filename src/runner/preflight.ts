import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { OperationPlan } from '../scenario/plan.js';

export interface PreflightResult {
  readonly warnings: readonly string[];
  /** Requests sent before measuring (not timed), by method, so server-side counts can be reconciled. */
  readonly setupCalls: Readonly<Record<string, number>>;
}

const MAX_PAGES = 20;

/**
 * Before measuring, asks the server what it offers (tools/list, prompts/list) and warns once per operation that
 * names something it does not have: those calls will still be made and counted as errors, as the user asked.
 */
export async function preflight(client: Client, operations: readonly OperationPlan[]): Promise<PreflightResult> {
  const setupCalls: Record<string, number> = {};
  const warnings: string[] = [];
  const tools = unique(operations.flatMap((op) => (op.request.method === 'tools/call' ? [op.request.tool] : [])));
  const prompts = unique(operations.flatMap((op) => (op.request.method === 'prompts/get' ? [op.request.prompt] : [])));
  if (tools.length > 0) {
    const offered = await listNames(client, 'tools/list', setupCalls);
    warnings.push(...missing('tool', tools, offered, 'tools/list'));
  }
  if (prompts.length > 0) {
    const offered = await listNames(client, 'prompts/list', setupCalls);
    warnings.push(...missing('prompt', prompts, offered, 'prompts/list'));
  }
  return { warnings, setupCalls };
}

async function listNames(client: Client, method: 'tools/list' | 'prompts/list', counts: Record<string, number>): Promise<Set<string> | null> {
  const names = new Set<string>();
  let cursor: string | undefined;
  try {
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      counts[method] = (counts[method] ?? 0) + 1;
      const page = method === 'tools/list'
        ? await client.listTools({ cursor }).then((r) => ({ items: r.tools, next: r.nextCursor }))
        : await client.listPrompts({ cursor }).then((r) => ({ items: r.prompts, next: r.nextCursor }));
      for (const item of page.items) names.add(item.name);
      cursor = page.next;
      if (!cursor) break;
    }
  } catch {
    return null;
  }
  return names;
}

function missing(kind: string, wanted: readonly string[], offered: Set<string> | null, method: string): string[] {
  if (offered === null) return [`the server did not answer ${method}; calls to ${kind}s ${wanted.join(', ')} may all fail`];
  return wanted
    .filter((name) => !offered.has(name))
    .map((name) => `${kind} "${name}" is not offered by the server (per ${method}): its calls will be counted as errors`);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
