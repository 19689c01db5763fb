import type { McpRequest } from './request.js';
import { canonicalJson } from '../input/canonical-json.js';

export { canonicalJson };

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
    case 'resources/subscribe':
    case 'resources/unsubscribe':
      return `${request.method} ${JSON.stringify(request.uri)}`;
    case 'completion/complete':
      return `${request.method} ${canonicalJson(request.ref)} ${JSON.stringify(request.argument)} ${JSON.stringify(request.value)}`;
    default:
      return request.method;
  }
}

