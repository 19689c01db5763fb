/**
 * A server's whole catalog, as `list` shows it and `probe` and `init` use it: server info, the negotiated protocol
 * version, capabilities, instructions; tools, resources, resource templates and prompts, every page up to a bound.
 * Each list is asked for only if its capability is declared (null: not declared). A list the server fails to give is
 * noted in `problems` (by outcome code), not thrown.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Prompt, Resource, ResourceTemplate, Tool } from '@modelcontextprotocol/sdk/types.js';
import { classifyError } from '../client/classify.js';
import { errorKey } from '../client/outcome.js';
import type { Connection } from '../client/connect.js';

export interface ServerCatalog {
  readonly server: { readonly name: string; readonly version: string; readonly protocolVersion: string | null };
  readonly capabilities: Readonly<Record<string, unknown>>;
  readonly instructions: string | null;
  readonly tools: readonly Tool[] | null;
  readonly resources: readonly Resource[] | null;
  readonly resourceTemplates: readonly ResourceTemplate[] | null;
  readonly prompts: readonly Prompt[] | null;
  /** `tools/list: timeout`, `resources/list: stopped after 50 pages`, … */
  readonly problems: readonly string[];
}

/** Pages read per list at most: a server whose cursor never ends cannot hold the command. */
export const MAX_PAGES = 50;

type Page<T> = { readonly items: readonly T[]; readonly nextCursor?: string | undefined };

export async function fetchCatalog(connection: Connection, timeoutMs: number): Promise<ServerCatalog> {
  const { client } = connection;
  const capabilities = (client.getServerCapabilities() ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const options = { timeout: timeoutMs };
  const list = <T>(capability: string, method: string, page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[] | null> =>
    capabilities[capability] === undefined ? Promise.resolve(null) : allPages(method, page, problems);
  const tools = await list('tools', 'tools/list', (cursor) => client.listTools({ cursor }, options).then((r) => ({ items: r.tools, nextCursor: r.nextCursor })));
  const resources = await list('resources', 'resources/list', (cursor) => client.listResources({ cursor }, options).then((r) => ({ items: r.resources, nextCursor: r.nextCursor })));
  const resourceTemplates = await list('resources', 'resources/templates/list', (cursor) =>
    client.listResourceTemplates({ cursor }, options).then((r) => ({ items: r.resourceTemplates, nextCursor: r.nextCursor })),
  );
  const prompts = await list('prompts', 'prompts/list', (cursor) => client.listPrompts({ cursor }, options).then((r) => ({ items: r.prompts, nextCursor: r.nextCursor })));
  return {
    server: connection.server,
    capabilities,
    instructions: instructionsOf(client),
    tools,
    resources,
    resourceTemplates,
    prompts,
    problems,
  };
}

function instructionsOf(client: Client): string | null {
  const text = client.getInstructions();
  return typeof text === 'string' && text.trim() !== '' ? text : null;
}

/** Every page of one list, following `nextCursor`; what came before a failure is kept. */
async function allPages<T>(method: string, page: (cursor: string | undefined) => Promise<Page<T>>, problems: string[]): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    try {
      const next = await page(cursor);
      items.push(...next.items);
      cursor = next.nextCursor;
    } catch (error) {
      problems.push(`${method}: ${errorKey(classifyError(error, false, false))}`);
      return items;
    }
    if (!cursor) return items;
  }
  problems.push(`${method}: stopped after ${MAX_PAGES} pages (the server gave a further cursor)`);
  return items;
}

/** A tool's behaviour hints, as the server annotates them (absent: not said). */
export function toolHints(tool: Tool): { readonly readOnly?: boolean; readonly destructive?: boolean; readonly idempotent?: boolean; readonly openWorld?: boolean } {
  const a = tool.annotations ?? {};
  return { readOnly: a.readOnlyHint, destructive: a.destructiveHint, idempotent: a.idempotentHint, openWorld: a.openWorldHint };
}

/** Whether probe and init call a tool by default: only what the server annotates `readOnlyHint: true`. */
export function isReadOnly(tool: Tool): boolean {
  return tool.annotations?.readOnlyHint === true;
}
