import type { McpRequest } from './request.js';

/**
 * The identity of a request for the cache and dedup layers: method, tool/prompt name or resource URI, and the
 * arguments as canonical JSON (object keys sorted at every depth), so `{a:1,b:2}` and `{b:2,a:1}` are one key and
 * any difference in a value is another. Plan requests are immutable and reused for every call of an operation, so
 * the key is computed once per request object and remembered.
 */
const memo = new WeakMap<McpRequest, string>();

export function requestKey(request: McpRequest): string {
  let key = memo.get(request);
  if (key === undefined) {
    key = computeKey(request);
    memo.set(request, key);
  }
  return key;
}

function computeKey(request: McpRequest): string {
  switch (request.method) {
    case 'tools/call':
      return `${request.method} ${JSON.stringify(request.tool)} ${canonicalJson(request.args)}`;
    case 'prompts/get':
      return `${request.method} ${JSON.stringify(request.prompt)} ${canonicalJson(request.args)}`;
    case 'resources/read':
      return `${request.method} ${JSON.stringify(request.uri)}`;
    default:
      return request.method;
  }
}

/**
 * JSON with object keys sorted, following JSON.stringify's rules otherwise (undefined and functions dropped from
 * objects and written as null in arrays, non-finite numbers as null, `toJSON` honoured). A cycle is written as
 * `"[circular]"` rather than throwing, since the layers that use the key must never throw.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set()) ?? 'null';
}

function write(value: unknown, ancestors: Set<object>): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    return JSON.stringify(value) as string | undefined;
  }
  if (ancestors.has(value)) return '"[circular]"';
  ancestors.add(value);
  const text = Array.isArray(value) ? writeArray(value, ancestors) : writeObject(value as Record<string, unknown>, ancestors);
  ancestors.delete(value);
  return text;
}

function writeArray(items: readonly unknown[], ancestors: Set<object>): string {
  const parts: string[] = [];
  for (const item of items) parts.push(write(item, ancestors) ?? 'null');
  return `[${parts.join(',')}]`;
}

function writeObject(object: Record<string, unknown>, ancestors: Set<object>): string {
  const parts: string[] = [];
  for (const name of Object.keys(object).sort()) {
    const text = write(object[name], ancestors);
    if (text !== undefined) parts.push(`${JSON.stringify(name)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}
