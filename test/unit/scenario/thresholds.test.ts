import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import { resolveScenario } from '../../../src/scenario/index.js';
import { captureIo } from '../../fixtures/io.js';
import { issues, minimalScenario, resolve, scenarioFile } from './helpers.js';

/** The minimal scenario with two workloads, the second with two operations. */
function scenario(over: { top?: unknown; first?: unknown; second?: unknown; ping?: unknown; echo?: unknown } = {}): Record<string, unknown> {
  const base = minimalScenario();
  const at = <T extends object>(value: unknown, key: string, object: T): T => (value === undefined ? object : { ...object, [key]: value });
  return {
    ...at(over.top, 'thresholds', base),
    workloads: [
      at(over.first, 'thresholds', { name: 'first', type: 'sequential', iterations: 10, operations: [{ method: 'ping' }] }),
      at(over.second, 'thresholds', {
        name: 'second',
        type: 'concurrent',
        concurrency: 2,
        duration: '1s',
        operations: [at(over.ping, 'thresholds', { method: 'ping' }), at(over.echo, 'thresholds', { tool: 'echo' })],
      }),
    ],
  };
}

const texts = (specs: readonly { text: string }[] | undefined): string[] | undefined => specs?.map((spec) => spec.text);

describe('thresholds: in the plan', () => {
  it('top-level thresholds apply to every workload total, before the workload\'s own', () => {
    const plan = resolve(scenario({ top: ['p99 < 50ms', 'error_rate < 1%'], second: ['throughput > 100/s'] }));
    assert.deepEqual(texts(plan.workloads[0]!.thresholds), ['p99 < 50ms', 'error_rate < 1%']);
    assert.deepEqual(texts(plan.workloads[1]!.thresholds), ['p99 < 50ms', 'error_rate < 1%', 'throughput > 100/s']);
    assert.deepEqual(plan.workloads[1]!.thresholds![2], {
      text: 'throughput > 100/s',
      metric: 'throughput',
      comparator: '>',
      limit: 100,
      abortOnFail: false,
      abortDelayUs: 0,
      source: 'scenario',
    });
  });

  it('per-operation thresholds go on that operation only', () => {
    const plan = resolve(scenario({ echo: ['p50 <= 2ms'] }));
    const [ping, echo] = plan.workloads[1]!.operations;
    assert.equal(ping!.thresholds, undefined);
    assert.deepEqual(texts(echo!.thresholds), ['p50 <= 2ms']);
    assert.equal(echo!.thresholds![0]!.limit, 2_000);
    assert.equal(plan.workloads[1]!.thresholds, undefined);
  });

  it('the mapping form carries abortOnFail and delay', () => {
    const plan = resolve(scenario({ first: [{ threshold: 'p99<50ms', abortOnFail: true, delay: '10s' }, { threshold: 'error_rate < 5%' }] }));
    const [withAbort, plain] = plan.workloads[0]!.thresholds!;
    assert.deepEqual([withAbort!.text, withAbort!.abortOnFail, withAbort!.abortDelayUs, withAbort!.limit], ['p99<50ms', true, 10_000_000, 50_000]);
    assert.deepEqual([plain!.abortOnFail, plain!.abortDelayUs], [false, 0]);
  });

  it('no thresholds: the field is absent, an empty list too', () => {
    for (const plan of [resolve(scenario()), resolve(scenario({ top: [], first: [] }))]) {
      assert.equal(plan.workloads[0]!.thresholds, undefined);
      assert.equal(plan.workloads[0]!.operations[0]!.thresholds, undefined);
    }
  });

  it('texts are kept as written: a ${VAR} reference is never replaced by its value', () => {
    const raw = scenario({ first: ['p99 < ${LIMIT}'], echo: [{ threshold: 'p50 < ${LIMIT}', abortOnFail: true }] });
    const result = resolveScenario(raw, { file: null, env: { LIMIT: '42ms' }, baseDir: '/srv' });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    const [own] = result.plan.workloads[0]!.thresholds!;
    assert.deepEqual([own!.text, own!.limit], ['p99 < ${LIMIT}', 42_000]);
    const echo = result.plan.workloads[1]!.operations[1]!.thresholds![0]!;
    assert.deepEqual([echo.text, echo.limit], ['p50 < ${LIMIT}', 42_000]);
    assert.doesNotMatch(JSON.stringify(result.plan.workloads), /42ms/);
  });
});

describe('thresholds: problems carry their path', () => {
  const cases: [name: string, over: Parameters<typeof scenario>[0], path: string, message: RegExp, hint?: RegExp][] = [
    ['top level', { top: ['p99 < 5%'] }, 'thresholds[0]', /^expected a duration for p99, like 50ms, 1\.5s or 800us; got "p99 < 5%"$/, /"5%" is a percentage/],
    ['workload', { second: ['p99 < 5ms', 'throughput > 5ms'] }, 'workloads[1].thresholds[1]', /expected a rate for throughput.*; got "throughput > 5ms"$/, /is a duration/],
    ['operation', { echo: ['p98 < 5ms'] }, 'workloads[1].operations[1].thresholds[0]', /expected a metric: one of p50, .* pool_utilization; got "p98 < 5ms"$/, /did you mean "p99"\?/],
    ['mapping text', { first: [{ threshold: 'p99 50ms' }] }, 'workloads[0].thresholds[0].threshold', /expected <metric> <comparator> <value>/],
    ['abortOnFail on dropped', { first: [{ threshold: 'dropped == 0', abortOnFail: true }] }, 'workloads[0].thresholds[0].abortOnFail', /^abortOnFail applies to p50, p90, p95, p99, p99\.9, max, mean, error_rate or throughput, not to dropped$/, /remove abortOnFail/],
    ['abortOnFail on cache_hit_ratio', { top: [{ threshold: 'cache_hit_ratio > 0.5', abortOnFail: true }] }, 'thresholds[0].abortOnFail', /not to cache_hit_ratio/],
    ['delay without abortOnFail', { first: [{ threshold: 'p99 < 5ms', delay: '5s' }] }, 'workloads[0].thresholds[0].delay', /^delay only applies with abortOnFail: true$/, /add abortOnFail: true/],
    ['bad delay', { first: [{ threshold: 'p99 < 5ms', abortOnFail: true, delay: 5 }] }, 'workloads[0].thresholds[0].delay', /expected a duration/, /add a unit/],
    ['abortOnFail not a boolean', { first: [{ threshold: 'p99 < 5ms', abortOnFail: 'yes' }] }, 'workloads[0].thresholds[0].abortOnFail', /expected true or false; got "yes"/],
    ['unknown key', { first: [{ threshold: 'p99 < 5ms', abortOnFial: true }] }, 'workloads[0].thresholds[0].abortOnFial', /unknown key/, /did you mean "abortOnFail"\?/],
    ['missing text', { first: [{ abortOnFail: true }] }, 'workloads[0].thresholds[0].threshold', /required field is missing; expected a threshold like "p99 < 50ms"/],
    ['not a string', { top: [42] }, 'thresholds[0]', /expected a threshold like "p99 < 50ms".*or a mapping.*; got 42$/],
    ['not a list', { first: 'p99 < 5ms' }, 'workloads[0].thresholds', /^expected a list of thresholds.*; got "p99 < 5ms"$/, /write it as a list/],
    ['cold start on an operation', { echo: ['p99 < 5ms', 'cold_start_p99 < 2s'] }, 'workloads[1].operations[1].thresholds[1]', /^expected a threshold on this operation's calls; cold_start_p99 is the workload's \(its sessions' cold start\); got "cold_start_p99 < 2s"$/, /move it to the workload's thresholds/],
    ['cold start on an operation, as a mapping', { ping: [{ threshold: 'cold_start_max < 2s' }] }, 'workloads[1].operations[0].thresholds[0].threshold', /cold_start_max is the workload's/],
  ];
  for (const [name, over, where, message, hint] of cases) {
    it(`${name}: ${where}`, () => {
      const found = issues(scenario(over)).filter((issue) => issue.path === where);
      assert.equal(found.length, 1, JSON.stringify(issues(scenario(over))));
      assert.match(found[0]!.message, message);
      if (hint) assert.match(found[0]!.hint ?? '', hint);
    });
  }

  it('reports every bad threshold at once', () => {
    const found = issues(scenario({ top: ['p99 < 5%'], first: ['nope'], echo: [{ threshold: 'dropped == 0', abortOnFail: true }] }));
    // In document order: this scenario's top-level `thresholds:` comes after `workloads:`.
    assert.deepEqual(found.map((issue) => issue.path), ['workloads[0].thresholds[0]', 'workloads[1].operations[1].thresholds[0].abortOnFail', 'thresholds[0]']);
  });

  it('cold start with abortOnFail on an operation: both problems at once', () => {
    const found = issues(scenario({ echo: [{ threshold: 'cold_start_p99 < 2s', abortOnFail: true }] }));
    assert.deepEqual(found.map((issue) => issue.path).sort(), ['workloads[1].operations[1].thresholds[0].abortOnFail', 'workloads[1].operations[1].thresholds[0].threshold']);
  });

  it("cold start on the scenario and a workload is accepted: it is the workload's figure", () => {
    const plan = resolve(scenario({ top: ['cold_start_p99 < 2s'], first: ['cold_start_max < 5s'] }));
    assert.deepEqual(texts(plan.workloads[0]!.thresholds), ['cold_start_p99 < 2s', 'cold_start_max < 5s']);
  });

  it('a bad text from ${VAR} is quoted as written, never with the value', () => {
    const result = resolveScenario(scenario({ first: ['p99 < ${LIMIT}'] }), { file: null, env: { LIMIT: 'secret-5%' }, baseDir: '/srv' });
    assert.equal(result.ok, false);
    const text = JSON.stringify(!result.ok && result.issues);
    assert.match(text, /p99 < \$\{LIMIT\}/);
    assert.doesNotMatch(text, /secret/);
  });
});

describe('thresholds: mcp-bench validate', () => {
  it('prints each problem with its path and line, and exits 2', async () => {
    const yaml = [
      'name: bad-thresholds',
      'target: { builtin: {} }',
      'thresholds: ["p99 < 5%"]',
      'workloads:',
      '  - name: w',
      '    type: sequential',
      '    iterations: 10',
      '    thresholds:',
      '      - { threshold: "dropped == 0", abortOnFail: true }',
      '    operations:',
      '      - method: ping',
      '        thresholds: ["latency < 5ms"]',
      '',
    ].join('\n');
    const file = await scenarioFile('bad.yaml', yaml);
    const io = captureIo({ cwd: path.dirname(file) });
    const code = await runCli(['validate', file], io);
    assert.equal(code, 2);
    const printed = io.out() + io.err();
    assert.match(printed, /thresholds\[0\] \(line 3, column \d+\): expected a duration for p99.*got "p99 < 5%"/);
    assert.match(printed, /workloads\[0\]\.thresholds\[0\]\.abortOnFail \(line 9, column \d+\): abortOnFail applies to .*not to dropped/);
    assert.match(printed, /workloads\[0\]\.operations\[0\]\.thresholds\[0\] \(line 12, column \d+\): expected a metric: one of/);
  });
});
