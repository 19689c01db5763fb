import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CachePolicy } from './layers/cache-policy.js';

/** What a server offers, from tools/list or prompts/list: names, the tools it annotates read-only, their output schemas. */
export interface Catalog {
  readonly names: ReadonlySet<string>;
  readonly readOnly: ReadonlySet<string>;
  /** Each tool's `outputSchema` (JSON Schema), for the tools that declare one (client/output-schema.ts). */
  readonly outputSchemas: ReadonlyMap<string, object>;
}

const MAX_PAGES = 20;

/** Lists every page (up to 20); null when the server does not answer the method. `counts` tallies the requests. */
export async function listCatalog(client: Client, method: 'tools/list' | 'prompts/list', counts: Record<string, number> = {}): Promise<Catalog | null> {
  const names = new Set<string>();
  const readOnly = new Set<string>();
  const outputSchemas = new Map<string, object>();
  let cursor: string | undefined;
  try {
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      counts[method] = (counts[method] ?? 0) + 1;
      const page = method === 'tools/list'
        ? await client.listTools({ cursor }).then((r) => ({ items: r.tools, next: r.nextCursor }))
        : await client.listPrompts({ cursor }).then((r) => ({ items: r.prompts, next: r.nextCursor }));
      for (const item of page.items) {
        names.add(item.name);
        if ((item as { annotations?: { readOnlyHint?: boolean } }).annotations?.readOnlyHint === true) readOnly.add(item.name);
        const outputSchema = (item as { outputSchema?: unknown }).outputSchema;
        if (typeof outputSchema === 'object' && outputSchema !== null) outputSchemas.set(item.name, outputSchema);
      }
      cursor = page.next;
      if (!cursor) break;
    }
  } catch {
    return null;
  }
  return { names, readOnly, outputSchemas };
}

/**
 * Caching a tool with side effects would skip them (and change what a benchmark measures): a tool named in
 * `cache.tools` must be annotated read-only by the server, unless `force: true`. Returns the problem, or null.
 */
export function cacheProblem(cache: CachePolicy | null, tools: Catalog | null): string | null {
  if (!cache || cache.force || cache.tools.length === 0) return null;
  const unsafe = cache.tools.filter((tool) => !tools?.readOnly.has(tool));
  if (unsafe.length === 0) return null;
  const names = unsafe.map((tool) => `"${tool}"`).join(', ');
  return `client.cache.tools: the server does not annotate ${names} as read-only (readOnlyHint), so caching may skip side effects; add force: true to cache anyway`;
}
