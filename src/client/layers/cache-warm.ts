/**
 * The cache's `warm:` list as written and checked: `[{ tool: NAME, args: {…} }, { resource: URI }, { prompt: NAME,
 * args: {…} }]`, each entry one call, resolved into the request it sends. Checked on its own (one kind per entry, args
 * only for tools and prompts, prompt args strings, no `{{…}}` template, no call twice) and against the cache's other
 * settings (cacheRules below): a call the settings alone say the cache never stores is refused here; one that depends
 * on the server (a tool cached through `readOnly: true`) is judged when warming (runner/cache-warming.ts).
 */
import { z } from 'zod';
import { renderValue } from '../../input/issues.js';
import { isRecord } from '../../input/path.js';
import { strict, text } from '../../input/fields.js';
import type { Problem } from '../../input/issues.js';
import { requestKey } from '../request-key.js';
import { cacheRules, isCacheable, type CachePolicy, type WarmRequest } from './cache-policy.js';

const KINDS = ['tool', 'resource', 'prompt'] as const;

type AddIssue = z.core.$RefinementCtx['addIssue'];

const entrySchema = strict({
  tool: text('a tool name').optional(),
  resource: text('a resource URI, like bench://static/small').optional(),
  prompt: text('a prompt name').optional(),
  args: z.record(z.string(), z.unknown()).optional(),
})
  .superRefine(checkEntry, { when: (payload) => isRecord(payload.value) })
  .transform(toRequest);

/** `warm:`: a list of calls, none twice. */
export const warmList = () =>
  z.array(entrySchema).superRefine((requests, ctx) => {
    const first = new Map<string, number>();
    requests.forEach((request: unknown, index) => {
      // An entry refused on its own may reach here as written (its issues stop the parse): it is not compared.
      if (!isWarmRequest(request)) return;
      const key = requestKey(request);
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, index);
      else ctx.addIssue({ code: 'custom', path: [index], message: `makes the same call as warm[${earlier}]`, params: { hint: 'list each call once' } });
    });
  });

function isWarmRequest(value: unknown): value is WarmRequest {
  return isRecord(value) && (value.method === 'tools/call' || value.method === 'resources/read' || value.method === 'prompts/get');
}

/** Runs even when fields failed, so mistakes across fields are reported together. */
function checkEntry(value: Readonly<Record<string, unknown>>, ctx: z.core.$RefinementCtx): void {
  const present = KINDS.filter((key) => value[key] !== undefined);
  const addIssue: AddIssue = ctx.addIssue.bind(ctx);
  if (present.length !== 1) {
    const message = present.length === 0
      ? 'a warm call needs one of tool, resource or prompt'
      : `a warm call makes one request, but this one has ${present.join(' and ')}`;
    addIssue({ code: 'custom', message, params: { hint: 'e.g. { tool: lookup, args: { id: 1 } }, { resource: "bench://static/small" } or { prompt: greeting, args: { name: Ada } }; one call per entry' } });
    return;
  }
  const kind = present[0]!;
  if (value.args !== undefined && kind === 'resource') {
    addIssue({ code: 'custom', path: ['args'], message: 'args only apply to tool and prompt calls, not to resource', params: { hint: 'remove args:' } });
  }
  if (kind === 'prompt' && isRecord(value.args)) promptArgIssues(value.args, addIssue);
  templateIssues(value, [], addIssue);
}

function promptArgIssues(args: Readonly<Record<string, unknown>>, addIssue: AddIssue): void {
  for (const [key, argument] of Object.entries(args)) {
    if (typeof argument === 'string') continue;
    const expected = 'a string (MCP prompt arguments are strings)';
    const got = renderValue(argument);
    addIssue({ code: 'custom', path: ['args', key], input: argument, message: `expected ${expected}; got ${got}`, params: { expected, got, hint: `quote it: ${key}: "…"` } });
  }
}

/** A `{{…}}` template is sent as written in a warm call (nothing fills it in), so it can never match a measured call. */
function templateIssues(value: unknown, path: (string | number)[], addIssue: AddIssue): void {
  if (typeof value === 'string' && value.includes('{{')) {
    const hint = 'warm calls are sent as written: list the values the mix will send, e.g. args: { id: 1 }';
    addIssue({ code: 'custom', path, input: value, message: `a warm call is not a template; got ${renderValue(value)}`, params: { hint } });
  } else if (Array.isArray(value)) value.forEach((item, index) => templateIssues(item, [...path, index], addIssue));
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) templateIssues(item, [...path, key], addIssue);
}

/** The request an entry sends; null for an entry already refused (its issues stop the parse). */
function toRequest(entry: { tool?: string; resource?: string; prompt?: string; args?: Record<string, unknown> }): WarmRequest | null {
  if (entry.tool !== undefined) return { method: 'tools/call', tool: entry.tool, args: entry.args ?? {} };
  if (entry.resource !== undefined) return { method: 'resources/read', uri: entry.resource };
  if (entry.prompt !== undefined) return { method: 'prompts/get', prompt: entry.prompt, args: (entry.args ?? {}) as Record<string, string> };
  return null;
}

/** What a warm request is called in the report and in messages: as an operation making it is by default. */
export function warmName(request: WarmRequest): string {
  return `${request.method} ${request.method === 'tools/call' ? request.tool : request.method === 'prompts/get' ? request.prompt : request.uri}`;
}

type Settings = Readonly<Record<string, unknown>>;

/**
 * Warm calls the cache's own settings say it never stores: a tool neither listed in `tools` nor covered by
 * `readOnly: true`, a resource or prompt its `resources` / `prompts` do not choose.
 */
export function uncachedWarmCalls(settings: Settings): Omit<Problem, 'segments'> | undefined {
  const warm = settings.warm as readonly (WarmRequest | null)[];
  const policy = settings as unknown as Pick<CachePolicy, 'tools' | 'readOnly' | 'resources' | 'prompts'>;
  // The most the server could allow: every tool annotated read-only (only then may `readOnly: true` cache a tool).
  const everyTool = new Set(warm.flatMap((request) => (request?.method === 'tools/call' ? [request.tool] : [])));
  const rules = cacheRules({ ...policy, force: true });
  const refused = warm.flatMap((request, index) =>
    request === null || isCacheable(request, rules, everyTool) ? [] : [`warm[${index}] (${warmName(request)})`],
  );
  if (refused.length === 0) return undefined;
  return {
    message: `${refused.join(', ')}: this cache never stores ${refused.length === 1 ? 'that call' : 'those calls'}, so warming ${refused.length === 1 ? 'it' : 'them'} would only load the server`,
    hint: 'add the tool to tools: (or readOnly: true), the URI to resources:, the prompt to prompts: — or remove the entry from warm:',
  };
}

/** A warm list longer than `maxEntries` evicts its own first entries before measuring starts. */
export function warmBeyondMaxEntries(settings: Settings): Omit<Problem, 'segments'> | undefined {
  const warm = settings.warm as readonly unknown[];
  const maxEntries = settings.maxEntries as number;
  if (warm.length <= maxEntries) return undefined;
  return {
    message: `warm lists ${warm.length} calls but maxEntries is ${maxEntries}: the first ${warm.length - maxEntries} would be evicted before measuring`,
    hint: `raise maxEntries to at least ${warm.length}, or warm fewer calls`,
  };
}
