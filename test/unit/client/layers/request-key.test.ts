import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, requestKey } from '../../../../src/client/request-key.js';

describe('requestKey', () => {
  it('does not depend on argument key order, at any depth', () => {
    const a = requestKey({ method: 'tools/call', tool: 'search', args: { q: 'x', opts: { limit: 5, deep: true } } });
    const b = requestKey({ method: 'tools/call', tool: 'search', args: { opts: { deep: true, limit: 5 }, q: 'x' } });
    assert.equal(a, b);
    assert.equal(a, 'tools/call "search" {"opts":{"deep":true,"limit":5},"q":"x"}');
  });

  it('differs when any argument, the name or the method differs', () => {
    const keys = [
      requestKey({ method: 'tools/call', tool: 'search', args: { q: 'x' } }),
      requestKey({ method: 'tools/call', tool: 'search', args: { q: 'y' } }),
      requestKey({ method: 'tools/call', tool: 'search', args: { q: 'x', page: 1 } }),
      requestKey({ method: 'tools/call', tool: 'search', args: { q: ['x'] } }),
      requestKey({ method: 'tools/call', tool: 'search', args: { q: 1 } }),
      requestKey({ method: 'tools/call', tool: 'search', args: { q: '1' } }),
      requestKey({ method: 'tools/call', tool: 'find', args: { q: 'x' } }),
      requestKey({ method: 'prompts/get', prompt: 'search', args: { q: 'x' } }),
      requestKey({ method: 'resources/read', uri: 'bench://a' }),
      requestKey({ method: 'resources/read', uri: 'bench://b' }),
      requestKey({ method: 'ping' }),
      requestKey({ method: 'tools/list' }),
    ];
    assert.equal(new Set(keys).size, keys.length);
  });

  it('a name with spaces or quotes cannot pass for another request', () => {
    const spaced = requestKey({ method: 'tools/call', tool: 'a {} b', args: {} });
    const plain = requestKey({ method: 'tools/call', tool: 'a', args: {} });
    assert.notEqual(spaced, plain);
    assert.equal(spaced, 'tools/call "a {} b" {}');
  });

  it('remembers the key of a request object', () => {
    const request = { method: 'tools/call', tool: 'echo', args: { text: 'hi' } } as const;
    assert.equal(requestKey(request), requestKey(request));
  });
});

describe('canonicalJson', () => {
  it('follows JSON.stringify apart from key order', () => {
    assert.equal(canonicalJson({ b: [1, undefined, 'x'], a: undefined, c: null, d: Number.NaN }), '{"b":[1,null,"x"],"c":null,"d":null}');
    assert.equal(canonicalJson(new Date(0)), '"1970-01-01T00:00:00.000Z"');
    assert.equal(canonicalJson(undefined), 'null');
  });

  it('writes a cycle as a marker instead of throwing', () => {
    const looped: Record<string, unknown> = { a: 1 };
    looped['self'] = looped;
    assert.equal(canonicalJson(looped), '{"a":1,"self":"[circular]"}');
  });
});
