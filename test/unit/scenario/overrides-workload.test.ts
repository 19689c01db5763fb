import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadPlan, resolveScenario, type ScenarioOverrides } from '../../../src/scenario/index.js';
import { withOverrides, type GivenWorkload } from '../../../src/scenario/overrides.js';
import { minimalScenario, RESOLVE_CONTEXT, SCENARIOS_DIR } from './helpers.js';

const given = (written: Record<string, unknown>, givenBy: string[] = ['-c']): ScenarioOverrides => ({ workload: { written, givenBy } });

/** A scenario with one workload, written as given. */
const withWorkload = (workload: Record<string, unknown>): Record<string, unknown> => ({ ...minimalScenario(), workloads: [workload] });

/** The single workload after the given one is laid over it. */
function laid(workload: Record<string, unknown>, written: Record<string, unknown>): Record<string, unknown> {
  const result = withOverrides(withWorkload(workload), given(written)) as { workloads: Record<string, unknown>[] };
  return result.workloads[0]!;
}

const OPS = [{ method: 'ping' }];

describe('a workload given outside the file, laid over its single workload', () => {
  it('given fields replace the workload\'s; the rest stay', () => {
    assert.deepEqual(laid({ name: 'w', type: 'concurrent', concurrency: 8, duration: '5s', warmup: '1s', seed: 3, operations: OPS }, { concurrency: 2 }), {
      name: 'w', type: 'concurrent', concurrency: 2, duration: '5s', warmup: '1s', seed: 3, operations: OPS,
    });
  });

  it('given operations replace the list whole', () => {
    const operations = [{ tool: 'echo', args: { message: 'hi' } }];
    assert.deepEqual(laid({ name: 'w', type: 'sequential', iterations: 5, operations: [{ method: 'ping' }, { method: 'tools/list' }] }, { operations }).operations, operations);
  });

  it('a bound given drops the other: -d drops iterations, -n drops duration', () => {
    assert.deepEqual(laid({ name: 'w', type: 'sequential', iterations: 5, operations: OPS }, { duration: '1s' }), { name: 'w', type: 'sequential', duration: '1s', operations: OPS });
    assert.deepEqual(laid({ name: 'w', type: 'concurrent', concurrency: 2, duration: '5s', operations: OPS }, { type: 'concurrent', concurrency: 2, iterations: 9 }), {
      name: 'w', type: 'concurrent', concurrency: 2, iterations: 9, operations: OPS,
    });
  });

  it('a type given drops the old type\'s fields the new one does not take, keeps the ones it does', () => {
    const rate = { name: 'w', type: 'constant-rate', rate: '50/s', maxInFlight: 10, duration: '5s', operations: OPS };
    assert.deepEqual(laid(rate, { type: 'concurrent', concurrency: 4 }), { name: 'w', type: 'concurrent', concurrency: 4, duration: '5s', operations: OPS });
    const concurrent = { name: 'w', type: 'concurrent', concurrency: 8, duration: '5s', operations: OPS };
    assert.deepEqual(laid(concurrent, { type: 'constant-rate', rate: '10/s' }), { name: 'w', type: 'constant-rate', rate: '10/s', duration: '5s', operations: OPS });
    assert.deepEqual(laid(concurrent, { type: 'sequential', iterations: 3 }), { name: 'w', type: 'sequential', iterations: 3, operations: OPS });
    const ramp = { name: 'w', type: 'ramping-rate', startRate: '0/s', stages: [{ target: '10/s', duration: '1s' }], maxInFlight: 7, operations: OPS };
    assert.deepEqual(laid(ramp, { type: 'constant-rate', rate: '10/s', duration: '1s' }), { name: 'w', type: 'constant-rate', rate: '10/s', maxInFlight: 7, duration: '1s', operations: OPS });
  });

  it('a client block given goes over the workload\'s key by key, a layer\'s settings one level down', () => {
    const own = { name: 'w', type: 'sequential', iterations: 5, operations: OPS, client: { timeout: '9s', retry: { attempts: 5, on: ['timeout'] }, sessions: 2 } };
    assert.deepEqual(laid(own, { client: { retry: { attempts: 3 }, timeout: '1s' } }).client, { timeout: '1s', retry: { attempts: 3, on: ['timeout'] }, sessions: 2 });
    assert.deepEqual(laid(own, { client: { retry: false } }).client, { timeout: '9s', retry: false, sessions: 2 });
    assert.deepEqual(laid({ name: 'w', type: 'sequential', iterations: 5, operations: OPS }, { client: { sessions: 3 } }).client, { sessions: 3 });
  });

  it('its text is literal: ${X} is not read as a variable', () => {
    const result = resolveScenario(minimalScenario(), { ...RESOLVE_CONTEXT, env: { X: 'secret' }, overrides: given({ operations: [{ tool: 'echo', args: { message: '${X}' } }] }, ['--tool', '--args']) });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    assert.deepEqual(result.plan.workloads[0]!.operations[0]!.request, { method: 'tools/call', tool: 'echo', args: { message: '${X}' } });
  });

  it('resolves: the quick scenario with -c -d and a tool runs that tool concurrently for that long', async () => {
    const workload: GivenWorkload = { written: { type: 'concurrent', concurrency: 3, duration: '2s', operations: [{ tool: 'echo', args: { message: 'hi' } }] }, givenBy: ['--tool', '--args', '-c', '-d'] };
    const loaded = await loadPlan(path.join(SCENARIOS_DIR, 'quick.yaml'), {}, { workload });
    assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.issues));
    const [plan] = loaded.plan.workloads;
    assert.ok(plan?.type === 'concurrent');
    assert.deepEqual([plan.concurrency, plan.measure, plan.operations.map((o) => o.name)], [3, { kind: 'duration', us: 2_000_000 }, ['tools/call echo']]);
    assert.equal(loaded.plan.workloads.length, 1);
  });

  it('the quick scenario alone validates: sequential ping for 10s on the built-in server', async () => {
    const loaded = await loadPlan(path.join(SCENARIOS_DIR, 'quick.yaml'), {});
    assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.issues));
    const [plan] = loaded.plan.workloads;
    assert.deepEqual([plan?.type, plan?.measure, plan?.operations.map((o) => o.name), loaded.plan.target.kind], ['sequential', { kind: 'duration', us: 10_000_000 }, ['ping'], 'builtin']);
  });
});

describe('problems with a given workload', () => {
  it('a scenario with several workloads is one problem naming them, the file and the flags', async () => {
    const loaded = await loadPlan(path.join(SCENARIOS_DIR, 'quickstart.yaml'), {}, given({ concurrency: 2 }, ['--tool', '-c']));
    assert.equal(loaded.ok, false);
    const found = loaded.ok ? [] : loaded.issues;
    assert.equal(found.length, 1);
    assert.equal(found[0]!.path, 'workloads');
    assert.equal(found[0]!.message, 'flags that shape a workload (--tool, -c) apply to a scenario with one workload; quickstart.yaml has 2: echo-sequential, mixed-concurrent');
    assert.match(found[0]!.hint ?? '', /drop those flags/);
    assert.ok(found[0]!.line !== undefined, 'located at the workloads');
  });

  it('a problem only the given workload causes says it came from the flags; the file\'s own do not', () => {
    const raw = withWorkload({ name: 'w', type: 'ramping-rate', stages: [{ target: '10/s', duration: '1s' }], operations: OPS, seed: 'x' });
    const result = resolveScenario(raw, { ...RESOLVE_CONTEXT, overrides: given({ duration: '1s' }, ['-d']) });
    assert.equal(result.ok, false);
    const found = result.ok ? [] : result.issues.map((issue) => [issue.path, issue.message]);
    assert.ok(found.some(([where, message]) => where === 'workloads[0].duration' && / \(the workload given by -d\)$/.test(message!)), JSON.stringify(found));
    const seed = found.find(([where]) => where === 'workloads[0].seed');
    assert.ok(seed, JSON.stringify(found));
    assert.doesNotMatch(seed[1]!, /given by/);
  });

  it('with a target given too, each problem names what caused it', () => {
    const raw = withWorkload({ name: 'w', type: 'concurrent', concurrency: 2, duration: '1s', engine: 'autocannon', operations: OPS });
    const overrides: ScenarioOverrides = {
      target: { written: { stdio: { command: 'node', args: ['s.js'], env: {}, cwd: '/' } }, givenBy: '--stdio' },
      workload: { written: { operations: [{ tool: 'echo', args: { message: 'hi' }, weight: 0 }] }, givenBy: ['--tool', '--weight'] },
    };
    const result = resolveScenario({ ...raw, target: { builtin: { transport: 'http' } } }, { ...RESOLVE_CONTEXT, overrides });
    assert.equal(result.ok, false);
    const messages = result.ok ? [] : result.issues.map((issue) => issue.message);
    assert.ok(messages.some((m) => /stdio.*\(the target given by --stdio\)$/.test(m)), JSON.stringify(messages));
    assert.ok(messages.some((m) => /\(the workload given by --tool, --weight\)$/.test(m)), JSON.stringify(messages));
    assert.ok(!messages.some((m) => /given by --stdio\).*given by|given by --tool.*given by --stdio/.test(m)), 'never blamed on both');
  });
});
