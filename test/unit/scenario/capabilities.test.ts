import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issues, minimalScenario, resolve } from './helpers.js';

const WORKLOAD = { name: 'w', type: 'sequential', iterations: 1, operations: [{ method: 'ping' }] };

test('scenario capabilities reach every workload; a workload key replaces that key only', () => {
  const plan = resolve({
    ...minimalScenario(),
    capabilities: { sampling: { reply: 'hi', delay: '20ms' }, roots: { list: [{ uri: 'file:///w', name: 'w' }] } },
    workloads: [WORKLOAD, { ...WORKLOAD, name: 'v', capabilities: { sampling: { error: 'no' }, elicitation: { action: 'decline' } } }],
  });
  assert.deepEqual(plan.workloads[0]?.capabilities, {
    sampling: { reply: 'hi', model: 'mcp-bench-scripted', delayUs: 20_000 },
    roots: { list: [{ uri: 'file:///w', name: 'w' }] },
  });
  assert.deepEqual(plan.workloads[1]?.capabilities, {
    sampling: { error: 'no', model: 'mcp-bench-scripted', delayUs: 0 },
    roots: { list: [{ uri: 'file:///w', name: 'w' }] },
    elicitation: { action: 'decline', delayUs: 0 },
  });
  assert.equal(resolve(minimalScenario()).workloads[0]?.capabilities, undefined, 'absent when not configured');
});

test('mistakes are reported at their path', () => {
  const found = issues({ ...minimalScenario(), capabilities: { sampling: { reply: 'a', delay: 20 }, elicitation: { action: 'maybe' }, rootz: {} } });
  const paths = found.map((issue) => issue.path).sort();
  assert.deepEqual(paths, ['capabilities.elicitation.action', 'capabilities.rootz', 'capabilities.sampling.delay']);
  assert.match(found.find((issue) => issue.path === 'capabilities.sampling.delay')?.message ?? '', /unit/);
  const both = issues({ ...minimalScenario(), capabilities: { sampling: { reply: 'a', error: 'b' } } });
  assert.match(both[0]?.message ?? '', /exactly one of reply or error/);
});
