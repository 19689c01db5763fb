import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issues, resolve } from './helpers.js';

const scenario = (operations: unknown[]) => ({
  name: 'ops',
  target: { builtin: {} },
  workloads: [{ name: 'w', type: 'sequential', iterations: 1, operations }],
});

const shown = (raw: unknown) => issues(raw).map((i) => `${i.path}: ${i.message}${i.hint ? ` (hint: ${i.hint})` : ''}`);

test('complete, subscribe and unsubscribe resolve to their requests and names', () => {
  const plan = resolve(scenario([
    { complete: { prompt: 'greeting', argument: 'name', value: 'Al' } },
    { complete: { resource: 'bench://items/{id}', argument: 'id', value: 1 } },
    { complete: { prompt: 'greeting', argument: 'name' }, name: 'empty' },
    { subscribe: 'bench://counter' },
    { unsubscribe: 'bench://counter' },
  ]));
  const operations = plan.workloads[0]!.operations;
  assert.deepEqual(operations.map((op) => op.name), [
    'completion/complete greeting.name',
    'completion/complete bench://items/{id}.id',
    'empty',
    'resources/subscribe bench://counter',
    'resources/unsubscribe bench://counter',
  ]);
  assert.deepEqual(operations.map((op) => op.request), [
    { method: 'completion/complete', ref: { type: 'ref/prompt', name: 'greeting' }, argument: 'name', value: 'Al' },
    { method: 'completion/complete', ref: { type: 'ref/resource', uri: 'bench://items/{id}' }, argument: 'id', value: '1' },
    { method: 'completion/complete', ref: { type: 'ref/prompt', name: 'greeting' }, argument: 'name', value: '' },
    { method: 'resources/subscribe', uri: 'bench://counter' },
    { method: 'resources/unsubscribe', uri: 'bench://counter' },
  ]);
  assert.notEqual(operations[0]!.signature, operations[2]!.signature, 'what is typed is part of what is sent');
});

test('templates work in a completion value and a subscribed URI', () => {
  const plan = resolve(scenario([
    { complete: { prompt: 'greeting', argument: 'name', value: 'A{{seq}}' } },
    { subscribe: 'bench://items/{{seq}}' },
  ]));
  const [complete, subscribe] = plan.workloads[0]!.operations;
  const scope = { seq: 7, shard: { index: 0, count: 1 }, row: null, vars: {} } as never;
  assert.equal((complete!.template!.instantiate(scope) as { value: string }).value, 'A7');
  assert.equal((subscribe!.template!.instantiate(scope) as { uri: string }).uri, 'bench://items/7');
});

test('a complete needs exactly one of prompt and resource, and an argument', () => {
  assert.deepEqual(shown(scenario([{ complete: { argument: 'name', value: 'x' } }])), [
    'workloads[0].operations[0].complete: complete: needs prompt: or resource: (hint: e.g. { complete: { prompt: greeting, argument: name, value: "Al" } } or { complete: { resource: "bench://items/{id}", argument: id, value: "1" } })',
  ]);
  const both = shown(scenario([{ complete: { prompt: 'p', resource: 'r', argument: 'a' } }]));
  assert.match(both[0]!, /names both a prompt and a resource/);
  const noArgument = issues(scenario([{ complete: { prompt: 'p' } }]));
  assert.equal(noArgument[0]!.path, 'workloads[0].operations[0].complete.argument');
  const unknown = issues(scenario([{ complete: { prompt: 'p', argument: 'a', vaule: 'x' } }]));
  assert.equal(unknown[0]!.path, 'workloads[0].operations[0].complete.vaule');
  assert.match(unknown[0]!.hint ?? '', /value/);
});

test('subscribe needs a URI, takes no args, and is one request', () => {
  assert.match(shown(scenario([{ subscribe: '' }]))[0]!, /operations\[0\]\.subscribe: expected a resource URI to subscribe to/);
  assert.deepEqual(shown(scenario([{ subscribe: 'bench://counter', args: { a: 1 } }])), [
    'workloads[0].operations[0].args: args only apply to tool and prompt operations, not to subscribe (hint: remove args:)',
  ]);
  assert.match(shown(scenario([{ subscribe: 'bench://counter', unsubscribe: 'bench://counter' }]))[0]!, /this one has subscribe and unsubscribe/);
});
