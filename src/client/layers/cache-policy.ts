/**
 * What the cache layer stores, decided per request: its policy as the scenario resolves it (cache-declaration.ts),
 * the same choices as sets (CacheRules), and `isCacheable`, the one rule the layer and the warm list follow.
 */
import type { McpRequest } from '../request.js';
import { isReadOnly } from '../read-only.js';

export interface CachePolicy {
  readonly ttlUs: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
  /** Tools cached by name. */
  readonly tools: readonly string[];
  /** Also cache every tool the server annotates `readOnlyHint: true`. */
  readonly readOnly: boolean;
  /** Allow caching listed tools the server does not annotate as read-only. */
  readonly force: boolean;
  /** Cache resources/read: all (true), none (false), or these URIs. */
  readonly resources: boolean | readonly string[];
  /** Cache prompts/get: all, none, or these prompt names. */
  readonly prompts: boolean | readonly string[];
  /**
   * Calls made through the cache before measuring (`warm:`), in this order, so the measured calls start with their
   * entries (runner/cache-warming.ts); only tools/call, resources/read and prompts/get. Empty: no warming.
   */
  readonly warm: readonly WarmRequest[];
}

/** A warm call: one of the three requests a cache stores. */
export type WarmRequest = Extract<McpRequest, { method: 'tools/call' | 'resources/read' | 'prompts/get' }>;

/** A cache policy's choices as sets, so deciding per call is a few O(1) lookups. */
export interface CacheRules {
  readonly tools: ReadonlySet<string>;
  readonly readOnly: boolean;
  readonly force: boolean;
  readonly resources: boolean | ReadonlySet<string>;
  readonly prompts: boolean | ReadonlySet<string>;
}

export function cacheRules(policy: Omit<CachePolicy, 'ttlUs' | 'maxEntries' | 'maxBytes' | 'warm'>): CacheRules {
  const asSet = (choice: boolean | readonly string[]): boolean | ReadonlySet<string> =>
    typeof choice === 'boolean' ? choice : new Set(choice);
  return {
    tools: new Set(policy.tools),
    readOnly: policy.readOnly,
    force: policy.force,
    resources: asSet(policy.resources),
    prompts: asSet(policy.prompts),
  };
}

/**
 * Whether a request may be answered from the cache (read-only as read-only.ts says, unless `force`). A tool is cacheable when `readOnly` is on and the server
 * annotates it read-only, or when the policy lists it and either the server annotates it read-only or the policy
 * says `force` (CachePolicy.force: without it, a listed tool the server does not call read-only is not cached).
 * Resources and prompts: all (`true`), none (`false`) or the listed URIs/names. List methods and ping never.
 */
export function isCacheable(request: McpRequest, rules: CacheRules, readOnlyTools: ReadonlySet<string>): boolean {
  switch (request.method) {
    case 'tools/call': {
      const readOnly = isReadOnly(request, readOnlyTools);
      if (readOnly && rules.readOnly) return true;
      return (readOnly || rules.force) && rules.tools.has(request.tool);
    }
    case 'resources/read':
      return chosen(rules.resources, request.uri);
    case 'prompts/get':
      return chosen(rules.prompts, request.prompt);
    default:
      return false;
  }
}

function chosen(choice: boolean | ReadonlySet<string>, name: string): boolean {
  return typeof choice === 'boolean' ? choice : choice.has(name);
}
