import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestSignature } from '../../../src/operations/operation.js';
import { resolveScenario } from '../../../src/scenario/index.js';

const scenario = (operations: unknown[], workloadName = 'w') => ({
  name: 'names',
  target: { builtin: {} },
  workloads: [{ name: workloadName, type: 'sequential', iterations: 1, operations }],
});

function resolve(raw: unknown, env: Record<string, string>) {
  return resolveScenario(raw, { file: null, env });
}

test('names come from the operation as written: references stay, the request carries the value', () => {
  const raw = scenario([
    { resource: 'bench://items/${ITEM_TOKEN}' },
    { tool: '${TOOL}' },
    { prompt: 'greeting', args: { name: '${WHO}' } },
    { tool: 'echo', args: { message: '${ITEM_TOKEN}' }, name: 'echo ${ITEM_TOKEN}' },
  ]);
  const result = resolve(raw, { ITEM_TOKEN: 'sk-supersecret123', TOOL: 'echo', WHO: 'world' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  const operations = result.plan.workloads[0]?.operations ?? [];
  assert.deepEqual(
    operations.map((operation) => operation.name),
    ['resources/read bench://items/${ITEM_TOKEN}', 'tools/call ${TOOL}', 'prompts/get greeting', 'echo ${ITEM_TOKEN}'],
  );
  assert.deepEqual(operations[0]?.request, { method: 'resources/read', uri: 'bench://items/sk-supersecret123' });
  assert.ok(!JSON.stringify(result.plan.workloads.map((workload) => workload.operations.map((op) => op.name))).includes('sk-'));
});

test('a workload name keeps its references too', () => {
  const result = resolve(scenario([{ method: 'ping' }], 'load-${REGION}'), { REGION: 'eu-secret' });
  assert.ok(result.ok);
  assert.equal(result.plan.workloads[0]?.name, 'load-${REGION}');
});

test('URL credentials in a resource URI are hidden in its name', () => {
  const result = resolve(scenario([{ resource: 'https://user:pa55@example.com/doc?token=t0k' }]), {});
  assert.ok(result.ok);
  assert.equal(result.plan.workloads[0]?.operations[0]?.name, 'resources/read https://[redacted]@example.com/doc?token=[redacted]');
});

test('names must differ as written: two references are two names, the same reference twice is a clash', () => {
  const distinct = resolve(scenario([{ resource: 'bench://items/${A}' }, { resource: 'bench://items/${B}' }]), { A: '1', B: '1' });
  assert.ok(distinct.ok, JSON.stringify(!distinct.ok && distinct.issues));
  const clash = resolve(scenario([{ resource: 'bench://items/${A}' }, { resource: 'bench://items/${A}' }]), { A: 'value-1' });
  assert.ok(!clash.ok);
  assert.deepEqual(clash.issues.map((issue) => issue.path), ['workloads[0].operations[1]']);
  assert.match(clash.issues[0]?.message ?? '', /operations\[0\] is also named "resources\/read bench:\/\/items\/\$\{A\}"/);
  assert.ok(!JSON.stringify(clash.issues).includes('value-1'));
});

test('workload names must differ as written, and a clash never quotes a value', () => {
  const raw = {
    name: 'names',
    target: { builtin: {} },
    workloads: [
      { name: '${W}', type: 'sequential', iterations: 1, operations: [{ method: 'ping' }] },
      { name: '${W}', type: 'sequential', iterations: 1, operations: [{ method: 'ping' }] },
    ],
  };
  const result = resolve(raw, { W: 'workload-secret' });
  assert.ok(!result.ok);
  assert.deepEqual(result.issues.map((issue) => issue.path), ['workloads[1].name']);
  assert.ok(!JSON.stringify(result.issues).includes('workload-secret'));
});

test('the scenario name keeps its references too: it titles every report (table, JSON, Markdown, JUnit, HTML)', () => {
  const raw = { ...scenario([{ method: 'ping' }]), name: 'bench-${TOKEN}' };
  const result = resolve(raw, { TOKEN: 'sk-supersecret123' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  assert.equal(result.plan.name, 'bench-${TOKEN}');
  assert.ok(!JSON.stringify(result.plan.resolvedRedacted).includes('sk-'));
});

test('an operation signature is what it sends as written: the same name with other args differs, key order does not (issue 11)', () => {
  const raw = {
    name: 'signatures',
    target: { builtin: {} },
    workloads: [
      { name: 'small', type: 'sequential', iterations: 1, operations: [{ tool: 'echo', args: { message: 'hi', size: 10 }, weight: 2 }] },
      { name: 'reordered', type: 'sequential', iterations: 1, operations: [{ args: { size: 10, message: 'hi' }, tool: 'echo', timeout: '1s' }] },
      { name: 'large', type: 'sequential', iterations: 1, operations: [{ tool: 'echo', args: { message: 'hi', size: 10_000 } }] },
      { name: 'secret', type: 'sequential', iterations: 1, operations: [{ tool: 'echo', args: { message: '${TOKEN}' } }] },
    ],
  };
  const signatures = (env: Record<string, string>): (string | undefined)[] => {
    const result = resolve(raw, env);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    return result.plan.workloads.map((w) => w.operations[0]?.signature);
  };
  const [small, reordered, large, secret] = signatures({ TOKEN: 'sk-one' });
  assert.match(small ?? '', /^[0-9a-f]{16}$/);
  assert.equal(reordered, small, 'weight, timeout and key order do not change what is sent');
  assert.notEqual(large, small);
  assert.equal(signatures({ TOKEN: 'sk-two' })[3], secret, 'taken as written: no ${VAR} value goes into it');
});

test('a signature of deeply nested args is computed without recursion', () => {
  let args: unknown = 'leaf';
  for (let i = 0; i < 20_000; i++) args = { a: [args] };
  assert.match(requestSignature({ tool: 'echo', args: args as Record<string, unknown> }), /^[0-9a-f]{16}$/);
});
