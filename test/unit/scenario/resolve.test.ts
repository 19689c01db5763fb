import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScenario, type Issue } from '../../../src/scenario/index.js';
import { issues, minimalScenario, resolve } from './helpers.js';


const paths = (found: readonly Issue[]) => found.map((issue) => issue.path);

function withWorkload(workload: Record<string, unknown>): Record<string, unknown> {
  return { ...minimalScenario(), workloads: [workload] };
}

test('both iterations and duration is one issue at the workload, with a hint', () => {
  const found = issues(withWorkload({ name: 'w', type: 'sequential', iterations: 10, duration: '1s', operations: [{ method: 'ping' }] }));
  assert.deepEqual(paths(found), ['workloads[0]']);
  assert.match(found[0]?.message ?? '', /either iterations or duration, not both/);
  assert.match(found[0]?.hint ?? '', /iterations: 2000/);
});

test('neither iterations nor duration is an issue too', () => {
  const found = issues(withWorkload({ name: 'w', type: 'sequential', operations: [{ method: 'ping' }] }));
  assert.deepEqual(paths(found), ['workloads[0]']);
  assert.match(found[0]?.message ?? '', /needs iterations or duration/);
});

test('a misspelt bound is one issue (the unknown key with its suggestion), not two', () => {
  const found = issues(withWorkload({ name: 'w', type: 'sequential', iteratons: 10, operations: [{ method: 'ping' }] }));
  assert.deepEqual(paths(found), ['workloads[0].iteratons']);
  assert.match(found[0]?.hint ?? '', /did you mean "iterations"/);
});

test('seeds: workload i gets seed + i unless it sets its own; timeouts flow down', () => {
  const plan = resolve({
    name: 'seeds',
    seed: 10,
    timeout: '5s',
    target: { builtin: { transport: 'http', jitter: '250us', failRate: 0.01, seed: 7 } },
    workloads: [
      { name: 'a', type: 'sequential', iterations: 1, operations: [{ method: 'ping' }] },
      { name: 'b', type: 'sequential', iterations: 1, seed: 99, timeout: '2s', operations: [{ method: 'ping' }, { method: 'tools/list', timeout: '100ms' }] },
      { name: 'c', type: 'concurrent', concurrency: 4, duration: '1m', warmup: '0', operations: [{ method: 'ping' }] },
    ],
  });
  assert.deepEqual(plan.workloads.map((workload) => workload.seed), [10, 99, 12]);
  assert.deepEqual(plan.workloads.map((workload) => workload.operations.map((operation) => operation.timeoutUs)), [
    [5_000_000],
    [2_000_000, 100_000],
    [5_000_000],
  ]);
  assert.deepEqual(plan.target, { kind: 'builtin', transport: 'http', server: { latencyUs: 0, jitterUs: 250, failRate: 0.01, seed: 7 } });
  assert.equal(plan.workloads[2]?.warmup, null);
  assert.deepEqual(plan.workloads[2]?.measure, { kind: 'duration', us: 60_000_000 });
  assert.equal(plan.sourceFile, null);
});

test('stdio cwd defaults to, and resolves against, the base folder', () => {
  const stdio = (extra: Record<string, unknown>) => ({ ...minimalScenario(), target: { stdio: { command: 'node', ...extra } } });
  assert.deepEqual(resolve(stdio({})).target, { kind: 'stdio', command: 'node', args: [], env: {}, cwd: '/srv/bench' });
  assert.equal((resolve(stdio({ cwd: '../server' })).target as { cwd: string }).cwd, '/srv/server');
  assert.equal((resolve(stdio({ cwd: '/abs' })).target as { cwd: string }).cwd, '/abs');
});

test('http and sse targets keep url and headers', () => {
  const plan = resolve({ ...minimalScenario(), target: { sse: { url: 'https://example.com/sse', headers: { 'X-Id': 5 } } } });
  assert.deepEqual(plan.target, { kind: 'sse', url: 'https://example.com/sse', headers: { 'X-Id': '5' } });
  const found = issues({ ...minimalScenario(), target: { http: { url: 'ftp://example.com' } } });
  assert.deepEqual(paths(found), ['target.http.url']);
  assert.equal(found[0]?.got, '"ftp://example.com"');
});

test('a target needs exactly one kind: none or two is one issue at target', () => {
  const none = issues({ ...minimalScenario(), target: {} });
  assert.deepEqual(paths(none), ['target']);
  assert.match(none[0]?.message ?? '', /exactly one of builtin, stdio, http or sse; got none/);
  const two = issues({ ...minimalScenario(), target: { builtin: {}, http: { url: 'http://127.0.0.1:1/mcp' } } });
  assert.deepEqual(paths(two), ['target']);
  assert.match(two[0]?.message ?? '', /got builtin and http/);
  const typo = issues({ ...minimalScenario(), target: { stdoi: { command: 'node' } } });
  assert.deepEqual(typo.map((issue) => [issue.path, issue.hint]), [['target.stdoi', 'did you mean "stdio"?']]);
});

test('workload types: unknown type lists the known ones; the rest of the workload is still checked', () => {
  const found = issues(withWorkload({ name: 'w', type: 'concurent', concurrency: 4, iterations: -1, operations: [{ method: 'pign' }] }));
  assert.deepEqual(paths(found), ['workloads[0].type', 'workloads[0].iterations', 'workloads[0].operations[0].method']);
  assert.match(found[0]?.message ?? '', /expected one of sequential, concurrent, constant-rate, ramping-rate, ramping-concurrency or session-churn; got "concurent"/);
  assert.equal(found[0]?.hint, 'did you mean "concurrent"?');
  assert.equal(found[2]?.hint, 'did you mean "ping"?');
});

test('sequential must not have concurrency; concurrent requires it', () => {
  const sequential = issues(withWorkload({ name: 'w', type: 'sequential', concurrency: 4, iterations: 1, operations: [{ method: 'ping' }] }));
  assert.deepEqual(paths(sequential), ['workloads[0].concurrency']);
  assert.equal(sequential[0]?.hint, 'sequential runs one call at a time; use type: concurrent');
  const concurrent = issues(withWorkload({ name: 'w', type: 'concurrent', iterations: 1, operations: [{ method: 'ping' }] }));
  assert.deepEqual(paths(concurrent), ['workloads[0].concurrency']);
  assert.match(concurrent[0]?.message ?? '', /required field is missing/);
});

test('operations: exactly one request kind, list methods only, string prompt args, args only where they apply', () => {
  const found = issues(
    withWorkload({
      name: 'w',
      type: 'sequential',
      iterations: 1,
      operations: [
        {},
        { tool: 'a', resource: 'b' },
        { method: 'tools/call' },
        { prompt: 'greeting', args: { name: 42 } },
        { method: 'ping', args: {} },
        { tool: 'echo', weight: 0, timeout: '0s' },
      ],
    }),
  );
  const at = (where: string) => found.find((issue) => issue.path === `workloads[0].operations[${where}`);
  assert.match(at('0]')?.message ?? '', /needs one of tool, resource, prompt, method, complete, subscribe or unsubscribe/);
  assert.match(at('1]')?.message ?? '', /has tool and resource/);
  assert.match(at('2].method')?.hint ?? '', /write tool: <name>/);
  assert.equal(at('3].args.name')?.hint, 'quote it: name: "42"');
  assert.match(at('4].args')?.message ?? '', /args only apply to tool and prompt operations/);
  assert.ok(at('5].weight') && at('5].timeout'));
  assert.equal(found.length, 7, JSON.stringify(found, null, 1));
});

test('two operations with the same name in one workload are an issue suggesting name:', () => {
  const found = issues(
    withWorkload({
      name: 'w',
      type: 'sequential',
      iterations: 1,
      operations: [{ tool: 'echo', args: { message: 'a' } }, { tool: 'echo', args: { message: 'b'.repeat(1000) } }],
    }),
  );
  assert.deepEqual(paths(found), ['workloads[0].operations[1]']);
  assert.match(found[0]?.message ?? '', /operations\[0\] is also named "tools\/call echo"/);
  assert.match(found[0]?.hint ?? '', /set name:/);
  const named = resolve(
    withWorkload({
      name: 'w',
      type: 'sequential',
      iterations: 1,
      operations: [{ tool: 'echo' }, { tool: 'echo', name: 'echo large', args: { message: 'b' } }],
    }),
  );
  assert.deepEqual(named.workloads[0]?.operations.map((operation) => operation.name), ['tools/call echo', 'echo large']);
});

test('workload names must be unique, even when another part of the workload is invalid', () => {
  const workload = { name: 'same', type: 'sequential', iterations: 1, operations: [{ method: 'ping' }] };
  const found = issues({ ...minimalScenario(), workloads: [workload, { ...workload, iterations: 'lots' }] });
  assert.deepEqual(paths(found), ['workloads[1].name', 'workloads[1].iterations']);
  assert.match(found[0]?.message ?? '', /workloads\[0\] is also named "same"/);
});

test('the scenario name must be file-name safe; the hint offers a slug', () => {
  const found = issues({ ...minimalScenario(), name: 'My Bench!' });
  assert.deepEqual(paths(found), ['name']);
  assert.equal(found[0]?.hint, 'try name: my-bench');
});

test('counts and durations: units required, count shorthands accepted, warmup either', () => {
  const plan = resolve(withWorkload({ name: 'w', type: 'concurrent', concurrency: '2', iterations: '10k', warmup: '1.5s', operations: [{ method: 'ping' }] }));
  assert.deepEqual(plan.workloads[0]?.measure, { kind: 'iterations', count: 10_000 });
  assert.deepEqual(plan.workloads[0]?.warmup, { kind: 'duration', us: 1_500_000 });
  const found = issues(withWorkload({ name: 'w', type: 'sequential', duration: '10', warmup: -3, operations: [{ method: 'ping' }] }));
  assert.deepEqual(found.map((issue) => [issue.path, issue.got, issue.hint]), [
    ['workloads[0].duration', '"10"', 'add a unit: write 10s or 10ms'],
    ['workloads[0].warmup', '-3', undefined],
  ]);
});

test('the root must be a mapping; null is an empty scenario', () => {
  assert.match(issues(['a'])[0]?.message ?? '', /expected a mapping with name, target and workloads; got \["a"\]/);
  assert.equal(issues(null)[0]?.message, 'the scenario is empty');
  const found = issues({ name: 'x' });
  assert.deepEqual(paths(found), ['target', 'workloads']);
});

test('issues come in document order and carry the file given in the context', () => {
  const result = resolveScenario({ workloads: [], nmae: 'x', target: {} }, { file: 'my.yaml', env: {} });
  assert.ok(!result.ok);
  assert.deepEqual(paths(result.issues), ['workloads', 'nmae', 'target', 'name']);
  assert.ok(result.issues.every((issue) => issue.file === 'my.yaml'));
});

test('the input is not mutated', () => {
  const raw = minimalScenario();
  const before = structuredClone(raw);
  resolve(raw);
  assert.deepEqual(raw, before);
  assert.ok(!Object.isFrozen(raw));
});

test('progress: true only on requests that can carry a progress token; kept on the request, templated or not', () => {
  const found = issues(withWorkload({ name: 'w', type: 'sequential', iterations: 1, operations: [{ method: 'ping', progress: true }, { tool: 'echo', progress: 'yes' }] }));
  const at = (where: string) => found.find((issue) => issue.path === `workloads[0].operations[${where}`);
  assert.match(at('0].progress')?.message ?? '', /progress: true needs a request that can carry a progress token \(tools\/call, resources\/read or prompts\/get\), not ping/);
  assert.match(at('0].progress')?.hint ?? '', /remove progress:/);
  assert.ok(at('1].progress'), JSON.stringify(found));
  const plan = resolve(withWorkload({ name: 'w', type: 'sequential', iterations: 1, operations: [{ tool: 'echo', args: { message: 'hi' }, progress: true }, { resource: 'bench://static/small', progress: true }, { prompt: 'greeting' }] }));
  const [tool, resource, prompt] = plan.workloads[0]!.operations;
  assert.equal((tool!.request as { progress?: true }).progress, true);
  assert.equal((resource!.request as { progress?: true }).progress, true);
  assert.equal('progress' in prompt!.request, false);
});
