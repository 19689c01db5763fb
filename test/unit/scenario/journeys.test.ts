import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { issues, resolve } from './helpers.js';

const scenario = (operations: unknown[], extra: Record<string, unknown> = {}) => ({
  name: 'journeys',
  target: { builtin: {} },
  workloads: [{ name: 'w', type: 'sequential', iterations: 10, operations, ...extra }],
});

const JOURNEY = {
  journey: 'create-then-read',
  weight: 3,
  thresholds: ['p99 < 50ms'],
  steps: [
    { name: 'create', tool: 'store_put', args: { value: 'v' }, capture: { key: 'structuredContent.key' }, timeout: '2s' },
    { name: 'read', tool: 'store_get', args: { key: '{{vars.key}}' }, expect: { json: { 'structuredContent.value': 'v' } }, thresholds: ['checks > 99%'] },
  ],
};

describe('journeys in a scenario', () => {
  it('flatten into the journey row followed by its step rows', () => {
    const ops = resolve(scenario([{ method: 'ping' }, JOURNEY, { tool: 'echo', args: { message: 'x' }, expect: { contains: 'x' } }])).workloads[0]!.operations;
    assert.deepEqual(ops.map((op) => [op.name, op.weight]), [
      ['ping', 1],
      ['create-then-read', 3],
      ['create-then-read › create', 0],
      ['create-then-read › read', 0],
      ['tools/call echo', 1],
    ]);
    assert.deepEqual(ops[1]!.journey, { steps: [2, 3] });
    assert.deepEqual([ops[2]!.step, ops[3]!.step], [{ journey: 1, index: 0 }, { journey: 1, index: 1 }]);
    assert.deepEqual(ops[1]!.request, ops[2]!.request, "the journey's request is its first step's");
    assert.equal(ops[1]!.timeoutUs, 30_000_000, 'the longest step timeout');
    assert.equal(ops[2]!.timeoutUs, 2_000_000);
    assert.deepEqual(ops[1]!.thresholds?.map((t) => t.text), ['p99 < 50ms']);
    assert.deepEqual(ops[3]!.thresholds?.map((t) => t.text), ['checks > 99%']);
    assert.deepEqual(ops[2]!.capture?.names, ['key']);
    assert.deepEqual(ops[3]!.expect?.names, ['structuredContent.value == "v"']);
    assert.deepEqual(ops[4]!.expect?.names, ['text contains "x"']);
    assert.equal(typeof ops[1]!.signature, 'string');
    assert.notEqual(ops[1]!.signature, ops[2]!.signature);
  });

  it('refuses an empty journey, a journey in a journey, a weighted step and capture outside a journey', () => {
    const found = issues(
      scenario([
        { journey: 'empty', steps: [] },
        { journey: 'outer', steps: [{ journey: 'inner', steps: [{ method: 'ping' }] }, { method: 'ping', weight: 2 }] },
        { tool: 'echo', capture: { x: 'structuredContent.x' } },
      ]),
    ).map((issue) => `${issue.path}: ${issue.message}`);
    assert.ok(found.some((line) => /operations\[0\]\.steps: a journey needs at least one step/.test(line)), found.join('\n'));
    assert.ok(found.some((line) => /operations\[1\]\.steps\[0\]\.journey: a journey step cannot be a journey/.test(line)), found.join('\n'));
    assert.ok(found.some((line) => /operations\[1\]\.steps\[1\]\.weight: a journey step has no weight/.test(line)), found.join('\n'));
    assert.ok(found.some((line) => /operations\[2\]\.capture: capture applies to journey steps only/.test(line)), found.join('\n'));
  });

  it('refuses a {{vars.x}} no earlier step captures, and vars outside a journey', () => {
    const found = issues(
      scenario([
        { journey: 'j', steps: [{ tool: 'store_get', args: { key: '{{vars.key}}' } }, { tool: 'store_put', args: { value: 'v' }, capture: { key: 'structuredContent.key' } }] },
        { tool: 'echo', args: { message: '{{ vars.id }}' } },
      ]),
    );
    const first = found.find((issue) => issue.path === 'workloads[0].operations[0].steps[0].args.key');
    assert.match(first?.message ?? '', /\{\{vars\.key\}\} names no capture of an earlier step: no earlier step captures anything/);
    assert.match(first?.hint ?? '', /capture: \{ key: structuredContent\.key \}/);
    assert.ok(found.some((issue) => issue.path === 'workloads[0].operations[1].args.message' && /not in a journey/.test(issue.message)));
    assert.equal(found.filter((issue) => issue.path === 'workloads[0].operations[1].args.message').length, 1, 'said once, not again by the template compiler');
  });

  it('suggests the capture a misspelt {{vars.x}} meant', () => {
    const found = issues(
      scenario([
        { journey: 'j', steps: [{ tool: 'store_put', args: { value: 'v' }, capture: { key: 'structuredContent.key' } }, { tool: 'store_get', args: { key: '{{vars.kee}}' } }] },
      ]),
    );
    const problem = found.find((issue) => issue.path === 'workloads[0].operations[0].steps[1].args.key');
    assert.match(problem?.hint ?? '', /did you mean \{\{vars\.key\}\}\?/);
  });

  it('refuses duplicate names: a journey named like another entry, two steps of one name', () => {
    const found = issues(
      scenario([
        { method: 'ping', name: 'j' },
        { journey: 'j', steps: [{ method: 'ping' }, { method: 'ping' }] },
      ]),
    ).map((issue) => `${issue.path}: ${issue.message}`);
    assert.ok(found.some((line) => /operations\[1\]\.journey: operations\[0\] is also named "j"/.test(line)), found.join('\n'));
    assert.ok(found.some((line) => /operations\[1\]\.steps\[1\]: steps\[0\] is also named "ping"/.test(line)), found.join('\n'));
  });

  it('refuses bad capture paths and variable names at their keys', () => {
    const found = issues(scenario([{ journey: 'j', steps: [{ tool: 'store_put', capture: { key: 'structured.key', '1x': 'isError' } }] }]));
    assert.ok(found.some((issue) => issue.path === 'workloads[0].operations[0].steps[0].capture.key' && /expected a result path/.test(issue.message)));
    assert.ok(found.some((issue) => issue.path === 'workloads[0].operations[0].steps[0].capture["1x"]' && /a variable name/.test(issue.message)));
  });

  it('autocannon refuses journeys and checks', () => {
    const found = issues({
      name: 'ac',
      target: { builtin: { transport: 'http' } },
      workloads: [{ name: 'w', type: 'concurrent', concurrency: 2, duration: '1s', engine: 'autocannon', operations: [JOURNEY, { tool: 'echo', expect: { contains: 'x' } }] }],
    }).map((issue) => `${issue.path}: ${issue.message}`);
    assert.ok(found.some((line) => /operations\[0\]\.journey: the autocannon engine .* cannot run a journey/.test(line)), found.join('\n'));
    assert.ok(found.some((line) => /operations\[1\]\.expect: .*response checks/.test(line)), found.join('\n'));
  });
});
