import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveClientOptions } from '../../../../src/scenario/index.js';

const resolve = (cache: Record<string, unknown>) => resolveClientOptions({ cache }, {}, '/');

function problems(cache: Record<string, unknown>): [string, string][] {
  const result = resolve(cache);
  assert.ok(!result.ok, 'expected problems');
  return result.issues.map((issue) => [issue.path, issue.message]);
}

describe('cache.warm: the list as written', () => {
  it('resolves each entry into the request it sends, in order', () => {
    const result = resolve({
      tools: ['lookup'],
      resources: true,
      prompts: ['greeting'],
      warm: [{ tool: 'lookup', args: { id: 1 } }, { resource: 'bench://static/small' }, { prompt: 'greeting', args: { name: 'Ada' } }, { tool: 'lookup' }],
    });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    assert.deepEqual(result.client.cache?.warm, [
      { method: 'tools/call', tool: 'lookup', args: { id: 1 } },
      { method: 'resources/read', uri: 'bench://static/small' },
      { method: 'prompts/get', prompt: 'greeting', args: { name: 'Ada' } },
      { method: 'tools/call', tool: 'lookup', args: {} },
    ]);
    const none = resolve({ tools: ['lookup'] });
    assert.ok(none.ok);
    assert.deepEqual(none.client.cache?.warm, []);
  });

  it('refuses an entry with two kinds, none, args on a resource, a prompt arg that is no string, a template, a repeat', () => {
    assert.deepEqual(
      problems({
        tools: ['lookup'],
        resources: true,
        prompts: true,
        warm: [
          { tool: 'lookup', resource: 'bench://a' },
          { args: { id: 1 } },
          { resource: 'bench://a', args: { x: 1 } },
          { prompt: 'greeting', args: { name: 3 } },
          { tool: 'lookup', args: { id: '{{seq}}' } },
          { tool: 'lookup', args: { id: 1, at: { b: 2, a: 1 } } },
          { tool: 'lookup', args: { at: { a: 1, b: 2 }, id: 1 } },
        ],
      }),
      [
        ['cache.warm[0]', 'a warm call makes one request, but this one has tool and resource'],
        ['cache.warm[1]', 'a warm call needs one of tool, resource or prompt'],
        ['cache.warm[2].args', 'args only apply to tool and prompt calls, not to resource'],
        ['cache.warm[3].args.name', 'expected a string (MCP prompt arguments are strings); got 3'],
        ['cache.warm[4].args.id', 'a warm call is not a template; got "{{seq}}"'],
        ['cache.warm[6]', 'makes the same call as warm[5]'],
      ],
    );
  });

  it('an unknown key in an entry is named with a suggestion; a warm that is no list says so', () => {
    const result = resolve({ tools: ['lookup'], warm: [{ tol: 'lookup' }] });
    assert.ok(!result.ok);
    const unknown = result.issues.find((issue) => issue.path === 'cache.warm[0].tol');
    assert.match(unknown?.hint ?? unknown?.message ?? '', /tool/);
    assert.deepEqual(problems({ tools: ['lookup'], warm: 5 }), [['cache.warm', 'expected a list; got 5']]);
  });

  it('refuses calls the settings alone say the cache never stores, naming each', () => {
    const result = resolve({
      tools: ['lookup'],
      resources: ['bench://a'],
      warm: [{ tool: 'lookup' }, { tool: 'echo', args: { message: 'hi' } }, { resource: 'bench://b' }, { prompt: 'greeting' }, { resource: 'bench://a' }],
    });
    assert.ok(!result.ok);
    assert.equal(result.issues.length, 1);
    assert.equal(result.issues[0]!.path, 'cache.warm');
    assert.match(result.issues[0]!.message, /^warm\[1\] \(tools\/call echo\), warm\[2\] \(resources\/read bench:\/\/b\), warm\[3\] \(prompts\/get greeting\): this cache never stores those calls/);
    assert.match(result.issues[0]!.hint ?? '', /tools:.*readOnly: true/);
    // Under readOnly: true any tool may be cached, if the server annotates it read-only: judged when warming.
    assert.ok(resolve({ readOnly: true, warm: [{ tool: 'echo', args: { message: 'hi' } }] }).ok);
  });

  it('refuses a warm list longer than maxEntries: its first entries would be evicted before measuring', () => {
    const result = resolve({ tools: ['lookup'], maxEntries: 2, warm: [{ tool: 'lookup', args: { id: 1 } }, { tool: 'lookup', args: { id: 2 } }, { tool: 'lookup', args: { id: 3 } }] });
    assert.ok(!result.ok);
    assert.deepEqual(result.issues.map((issue) => [issue.path, issue.message, issue.hint]), [
      ['cache.warm', 'warm lists 3 calls but maxEntries is 2: the first 1 would be evicted before measuring', 'raise maxEntries to at least 3, or warm fewer calls'],
    ]);
  });
});
