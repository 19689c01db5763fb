import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadPlan, resolveScenario, type Issue } from '../../../src/scenario/index.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { issues, minimalScenario, resolve, SCENARIOS_DIR } from './helpers.js';

const lookups = (name = 'lookups', extra: Record<string, unknown> = {}) => ({
  name,
  type: 'concurrent',
  concurrency: 8,
  iterations: 400,
  operations: [{ tool: 'echo', args: { message: 'a' } }],
  ...extra,
});

function withVariants(variants: unknown, more: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...minimalScenario(), workloads: [lookups()], variants, ...more };
}

const byPath = (found: readonly Issue[]) => new Map(found.map((issue) => [issue.path, issue]));

test('scenarios/compare-cache.yaml: two variants of the same workload, cache off then on, 5 rounds', async () => {
  const loaded = await loadPlan(path.join(SCENARIOS_DIR, 'compare-cache.yaml'), {});
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.issues));
  const { plan } = loaded;
  assert.deepEqual(plan.compare, { rounds: 5 });
  assert.deepEqual(plan.variants?.map((variant) => variant.name), ['no-cache', 'cache']);
  const [off, on] = plan.variants!;
  assert.deepEqual(off!.workloads.map((w) => w.name), plan.workloads.map((w) => w.name), 'workload names unchanged');
  assert.equal(off!.workloads[0]!.client.cache, null);
  assert.deepEqual(on!.workloads[0]!.client.cache?.tools, ['echo']);
  assert.equal(on!.workloads[0]!.client.cache?.ttlUs, 60_000_000);
  assert.deepEqual(on!.target, plan.target);
  assert.equal(on!.targetLabel, 'built-in reference server over stdio');
  assert.deepEqual(on!.workloads[0]!.operations, plan.workloads[0]!.operations, 'the same calls in every variant');
  assert.equal(on!.workloads[0]!.seed, plan.workloads[0]!.seed, 'the same operation mix in every variant');
});

test('a variant client block merges over the top-level one like a workload block; null switches a layer off', () => {
  const plan = resolve(
    withVariants(
      [
        { name: 'base' },
        { name: 'longer', client: { retry: { base: '1s', max: '5s' } } },
        { name: 'plain', client: { retry: null } },
        { name: 'none', client: null },
      ],
      { client: { timeout: '2s', retry: { attempts: 5, base: '10ms' } } },
    ),
  );
  const retry = (index: number) => plan.variants![index]!.workloads[0]!.client.retry;
  assert.equal(retry(0)?.attempts, 5);
  assert.equal(retry(0)?.baseUs, 10_000);
  assert.equal(retry(1)?.attempts, 5, 'kept from the top-level block');
  assert.equal(retry(1)?.baseUs, 1_000_000, "the variant's own setting wins");
  assert.equal(retry(2), null);
  assert.equal(plan.variants![2]!.workloads[0]!.operations[0]!.timeoutUs, 2_000_000, 'the rest of the block stays');
  assert.equal(retry(3), null);
  assert.equal(plan.variants![3]!.workloads[0]!.operations[0]!.timeoutUs, 30_000_000, 'client: null drops the whole block');
  assert.equal(plan.compare?.rounds, 3, 'default rounds');
});

test('a variant target replaces the target; workload settings are laid over every workload', () => {
  const plan = resolve({
    ...minimalScenario(),
    workloads: [lookups('a'), lookups('b', { iterations: undefined, duration: '5s' })],
    variants: [
      { name: 'stdio', workload: { concurrency: 32 } },
      { name: 'http', target: { builtin: { transport: 'http', latency: '2ms' } }, workload: { iterations: 50, warmup: 5 } },
    ],
  });
  const [stdio, http] = plan.variants!;
  const concurrency = (w: WorkloadPlan) => (w.type === 'concurrent' ? w.concurrency : undefined);
  assert.deepEqual(stdio!.workloads.map(concurrency), [32, 32]);
  assert.equal(http!.target.kind === 'builtin' && http!.target.transport, 'http');
  assert.equal(http!.targetLabel, 'built-in reference server over http');
  assert.deepEqual(http!.workloads[0]!.endpoints, [http!.target], 'workloads call the variant target');
  // A variant bound replaces the workload's, whichever kind it had.
  assert.deepEqual(http!.workloads.map((w) => w.measure), [{ kind: 'iterations', count: 50 }, { kind: 'iterations', count: 50 }]);
  assert.deepEqual(http!.workloads[1]!.warmup, { kind: 'iterations', count: 5 });
  assert.deepEqual(plan.workloads.map(concurrency), [8, 8], 'the base plan is untouched');
});

test('names as written, ${ENV} values never shown: labels and variant names keep references', () => {
  const result = resolveScenario(
    withVariants([
      { name: 'a' },
      { name: 'remote-${REGION}', target: { http: { url: 'http://user:${PASS}@127.0.0.1:${PORT}/mcp', headers: { 'X-Token': '${TOKEN}' } } } },
    ]),
    { file: null, env: { REGION: 'eu', PASS: 'hunter2', PORT: '3999', TOKEN: 'tok-secret' }, baseDir: '/srv' },
  );
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  const remote = result.plan.variants![1]!;
  assert.equal(remote.name, 'remote-${REGION}');
  assert.equal(remote.targetLabel, 'Streamable HTTP: http://[redacted]@127.0.0.1:${PORT}/mcp');
  assert.equal(remote.target.kind === 'http' && remote.target.url, 'http://user:hunter2@127.0.0.1:3999/mcp', 'the plan itself has the values');
});

test('every variant problem is reported at once, at the variant path', () => {
  const found = issues(
    withVariants([
      { name: 'a', workload: { concurrency: 0 } },
      { name: 'a', client: { cache: { ttl: 0, tools: ['echo'] } }, target: { htp: { url: 'http://x/mcp' } } },
      { nmae: 'c', workload: { concurency: 4, name: 'x', operations: [] } },
      { name: 'd', workload: 'fast' },
    ]),
  );
  const at = byPath(found);
  assert.match(at.get('variants[0].workload.concurrency')?.message ?? '', /expected a whole number greater than 0/);
  assert.match(at.get('variants[1].name')?.message ?? '', /variants\[0\] is also named "a"/);
  assert.match(at.get('variants[1].client.cache.ttl')?.message ?? '', /greater than 0; got 0/);
  assert.match(at.get('variants[1].target.htp')?.hint ?? '', /did you mean "http"/);
  assert.match(at.get('variants[2].nmae')?.hint ?? '', /did you mean "name"/);
  assert.match(at.get('variants[2].name')?.message ?? '', /required field is missing/);
  assert.match(at.get('variants[2].workload.concurency')?.hint ?? '', /did you mean "concurrency"/);
  assert.match(at.get('variants[2].workload.name')?.message ?? '', /cannot change a workload's name/);
  assert.match(at.get('variants[2].workload.operations')?.message ?? '', /cannot change a workload's operations/);
  assert.match(at.get('variants[3].workload')?.message ?? '', /expected a mapping of workload settings/);
  assert.equal(found.filter((issue) => issue.path.startsWith('workloads')).length, 0, 'never a path into the base workloads');
  assert.equal(found.length, 10, found.map((issue) => `${issue.path}: ${issue.message}`).join('\n'));
});

test('a problem from how a variant meets the workloads is reported at the variant, naming the workload path', () => {
  const found = issues({
    ...minimalScenario(),
    workloads: [lookups('a'), { name: 'seq', type: 'sequential', iterations: 5, operations: [{ method: 'ping' }] }],
    variants: [{ name: 'a' }, { name: 'open', workload: { type: 'constant-rate', rate: '100/s' } }, { name: 'more', workload: { concurrency: 4 } }],
  });
  const messages = found.map((issue) => `${issue.path}: ${issue.message}`);
  assert.ok(messages.includes('variants[1].workload: workloads[0].concurrency: a constant-rate workload has no concurrency'), messages.join('\n'));
  // Set by the variant itself: reported at its own field, once, whichever workload it clashed with.
  assert.ok(messages.includes('variants[2].workload.concurrency: a sequential workload has no concurrency'), messages.join('\n'));
  assert.equal(found.length, 2, messages.join('\n'));
});

test('a variant that only breaks with its target is reported at the variant, not at the workload', () => {
  const found = issues({
    ...minimalScenario(),
    target: { builtin: { transport: 'http' } },
    workloads: [lookups('a', { engine: 'autocannon' })],
    variants: [{ name: 'http' }, { name: 'stdio', target: { builtin: { transport: 'stdio' } } }],
  });
  assert.deepEqual(found.map((issue) => issue.path), ['variants[1]']);
  assert.match(found[0]!.message, /^workloads\[0\]\.engine: the autocannon engine/);
});

test('compare without variants, fewer than two variants, bad rounds, unknown keys', () => {
  assert.deepEqual(
    issues({ ...minimalScenario(), compare: { rounds: 3 } }).map((issue) => [issue.path, issue.message]),
    [['compare', 'compare applies to variants, and this scenario has none']],
  );
  const one = issues(withVariants([{ name: 'only' }]));
  assert.deepEqual(one.map((issue) => issue.path), ['variants']);
  assert.match(one[0]!.message, /expected at least 2 variants; got 1/);
  const rounds = byPath(issues(withVariants([{ name: 'a' }, { name: 'b' }], { compare: { rounds: 101, round: 2 } })));
  assert.match(rounds.get('compare.rounds')?.message ?? '', /a whole number from 1 to 100; got 101/);
  assert.match(rounds.get('compare.round')?.hint ?? '', /did you mean "rounds"/);
  assert.match(byPath(issues(withVariants([{ name: 'a' }, { name: 'b' }], { compare: { rounds: 2.5 } }))).get('compare.rounds')?.message ?? '', /got 2.5/);
  assert.match(byPath(issues(withVariants({ name: 'a' }))).get('variants')?.message ?? '', /expected a list/);
});

test('a variant value from an unset variable is reported once, as the unset variable', () => {
  const result = resolveScenario(withVariants([{ name: 'a' }, { name: 'b', workload: { concurrency: '${C}' } }]), { file: null, env: {}, baseDir: '/srv' });
  assert.equal(result.ok, false);
  const found = result.ok ? [] : result.issues;
  assert.deepEqual(found.map((issue) => [issue.path, issue.message]), [['variants[1].workload.concurrency', 'environment variable C is not set']]);
});

test('a variant value from the environment is quoted as written, never as its value', () => {
  const result = resolveScenario(withVariants([{ name: 'a' }, { name: 'b', workload: { concurrency: '${C}' } }]), { file: null, env: { C: 'lots-secret' }, baseDir: '/srv' });
  assert.equal(result.ok, false);
  const text = JSON.stringify(result.ok ? [] : result.issues);
  assert.match(text, /variants\[1\]\.workload\.concurrency/);
  assert.doesNotMatch(text, /lots-secret/);
});

test("precedence: a workload's own client block wins over the variant's client; the variant's workload.client wins over both", () => {
  const plan = resolve({
    ...minimalScenario(),
    client: { retry: { attempts: 4 } },
    workloads: [lookups('w', { client: { cache: { tools: ['echo'] }, retry: { base: '5ms' } } })],
    variants: [
      { name: 'base' },
      { name: 'top', client: { retry: { attempts: 9, base: '1s' } } },
      { name: 'own', workload: { client: { cache: null, retry: { attempts: 2 } } } },
    ],
  });
  const shown = plan.variants!.map(({ workloads: [w] }) => [w!.client.cache?.tools ?? null, w!.client.retry?.attempts, w!.client.retry?.baseUs]);
  assert.deepEqual(shown, [
    [['echo'], 4, 5_000],
    [['echo'], 9, 5_000],
    [null, 2, 5_000],
  ]);
});
