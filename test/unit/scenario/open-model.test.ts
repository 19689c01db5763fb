import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Issue, type OperationPlan, type TargetPlan, type WorkloadPlan } from '../../../src/scenario/index.js';
import { requestSignature } from '../../../src/operations/operation.js';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { issues, minimalScenario, resolve } from './helpers.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';


const withWorkloads = (...workloads: Record<string, unknown>[]) => ({ ...minimalScenario(), workloads });

const ECHO = [{ tool: 'echo' }];
const TARGET: TargetPlan = { kind: 'builtin', transport: 'stdio', server: { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 } };
const ECHO_PLAN: OperationPlan = { name: 'tools/call echo', weight: 1, timeoutUs: 30_000_000, request: { method: 'tools/call', tool: 'echo', args: {} }, signature: requestSignature({ tool: 'echo' }) };
const common = (name: string, seed: number) =>
  ({ name, operations: [ECHO_PLAN], seed, shard: WHOLE_RUN, client: PLAIN_CLIENT, endpoints: [TARGET], engine: { kind: 'client' } }) as const;

test('constant-rate, ramping-rate and ramping-concurrency resolve to exactly these plans (µs, calls per second, stage sums)', () => {
  const plan = resolve(
    withWorkloads(
      { name: 'steady', type: 'constant-rate', rate: '500/s', duration: '30s', warmup: '5s', maxInFlight: 1000, operations: ECHO },
      { name: 'counted', type: 'constant-rate', rate: '30/m', iterations: '1k', warmup: 10, operations: ECHO },
      {
        name: 'ramp',
        type: 'ramping-rate',
        startRate: '10/s',
        stages: [
          { target: '100/s', duration: '10s' },
          { target: '1000/s', duration: '30s' },
          { target: '0/s', duration: '5s' },
        ],
        maxInFlight: 2000,
        warmup: '5s',
        operations: ECHO,
      },
      { name: 'ramp-defaults', type: 'ramping-rate', stages: [{ target: '1500/s', duration: '1.5s' }], operations: ECHO },
      {
        name: 'rampc',
        type: 'ramping-concurrency',
        stages: [
          { target: 64, duration: '20s' },
          { target: '64', duration: '10s' },
          { target: 0, duration: '250ms' },
        ],
        operations: ECHO,
      },
      { name: 'rampc-from-0', type: 'ramping-concurrency', startConcurrency: 0, stages: [{ target: 8, duration: '1m' }], operations: ECHO },
    ),
  );
  const expected: WorkloadPlan[] = [
    {
      ...common('steady', 1),
      type: 'constant-rate',
      ratePerSec: 500,
      maxInFlight: 1000,
      warmup: { kind: 'duration', us: 5_000_000 },
      measure: { kind: 'duration', us: 30_000_000 },
    },
    {
      ...common('counted', 2),
      type: 'constant-rate',
      ratePerSec: 0.5,
      // max(100, ceil(0.5/s × 10 s))
      maxInFlight: 100,
      warmup: { kind: 'iterations', count: 10 },
      measure: { kind: 'iterations', count: 1000 },
    },
    {
      ...common('ramp', 3),
      type: 'ramping-rate',
      startRatePerSec: 10,
      stages: [
        { target: 100, durationUs: 10_000_000 },
        { target: 1000, durationUs: 30_000_000 },
        { target: 0, durationUs: 5_000_000 },
      ],
      maxInFlight: 2000,
      warmup: { kind: 'duration', us: 5_000_000 },
      measure: { kind: 'duration', us: 45_000_000 },
    },
    {
      ...common('ramp-defaults', 4),
      type: 'ramping-rate',
      startRatePerSec: 0,
      stages: [{ target: 1500, durationUs: 1_500_000 }],
      // The peak rate (1500/s) × 10 s = 15,000, capped at 10,000.
      maxInFlight: 10_000,
      warmup: null,
      measure: { kind: 'duration', us: 1_500_000 },
    },
    {
      ...common('rampc', 5),
      type: 'ramping-concurrency',
      startConcurrency: 1,
      stages: [
        { target: 64, durationUs: 20_000_000 },
        { target: 64, durationUs: 10_000_000 },
        { target: 0, durationUs: 250_000 },
      ],
      warmup: null,
      measure: { kind: 'duration', us: 30_250_000 },
    },
    {
      ...common('rampc-from-0', 6),
      type: 'ramping-concurrency',
      startConcurrency: 0,
      stages: [{ target: 8, durationUs: 60_000_000 }],
      warmup: null,
      measure: { kind: 'duration', us: 60_000_000 },
    },
  ];
  assert.deepEqual(plan.workloads, expected);
  assert.deepEqual((plan.resolvedRedacted as { workloads: unknown }).workloads, expected);
});

test('the default maxInFlight of an open-model workload is min(10,000, max(100, peak rate × 10 s))', () => {
  const maxInFlightAt = (rate: string) => {
    const [workload] = resolve(withWorkloads({ name: 'w', type: 'constant-rate', rate, duration: '1s', operations: ECHO })).workloads;
    assert.ok(workload?.type === 'constant-rate');
    return workload.maxInFlight;
  };
  const rates = ['1/s', '10/s', '11/s', '33.33/s', '999.9/s', '1000/s', '2000/s', '200000/s', '1000000/s'];
  assert.deepEqual(rates.map(maxInFlightAt), [100, 100, 110, 334, 9_999, 10_000, 10_000, 10_000, 10_000]);
  const [ramp] = resolve(
    withWorkloads({ name: 'r', type: 'ramping-rate', stages: [{ target: '500/s', duration: '1s' }, { target: '200000/s', duration: '1s' }], operations: ECHO }),
  ).workloads;
  assert.ok(ramp?.type === 'ramping-rate');
  assert.equal(ramp.maxInFlight, 10_000, 'the peak of the ramp, capped');
});

/** Each expected issue: its path and a pattern its hint must match. */
function assertIssues(found: readonly Issue[], expected: ReadonlyArray<readonly [string, RegExp]>): void {
  const summary = JSON.stringify(found.map((issue) => [issue.path, issue.message, issue.hint]), null, 1);
  assert.deepEqual(
    found.map((issue) => issue.path).sort(),
    expected.map(([path]) => path).sort(),
    summary,
  );
  for (const [path, hint] of expected) {
    const issue = found.find((candidate) => candidate.path === path);
    assert.match(issue?.hint ?? '', hint, `${path}: ${summary}`);
  }
}

test('every rule of the rate and ramp types is an issue at its path with a hint, all reported at once', () => {
  const found = issues(
    withWorkloads(
      { name: 'a', type: 'constant-rate', concurrency: 4, maxInFlight: 0, duration: '10s', operations: ECHO },
      { name: 'b', type: 'constant-rate', rate: 200, operations: ECHO },
      {
        name: 'c',
        type: 'ramping-rate',
        duration: '10s',
        iterations: 5,
        warmup: '5s',
        concurrency: 2,
        rate: '5/s',
        stages: [
          { target: '-1/s', duration: '1s' },
          { target: '100/s', duration: '0s' },
          { target: 100, duration: '1s' },
        ],
        operations: ECHO,
      },
      { name: 'd', type: 'ramping-rate', startRate: '0/s', stages: [], operations: ECHO },
      { name: 'e', type: 'ramping-rate', stages: [{ target: '0/s', duration: '5s' }, { target: '0/m', duration: '5s' }], operations: ECHO },
      { name: 'f', type: 'ramping-concurrency', startConcurrency: 0, warmup: 10, stages: [{ target: -1, duration: '1s' }, { target: 2 }], operations: ECHO },
      { name: 'g', type: 'ramping-concurrency', startConcurrency: 0, stages: [{ target: 0, duration: '1s' }], concurrency: 3, operations: ECHO },
      { name: 'h', type: 'ramping-concurrency', operations: ECHO },
      { name: 'i', type: 'ramping-rate', stages: 'fast', operations: ECHO },
    ),
  );
  assertIssues(found, [
    ['workloads[0].concurrency', /open-model workloads start calls on a clock; limit calls in flight with maxInFlight/],
    ['workloads[0].maxInFlight', /arrival beyond it is dropped/],
    ['workloads[0].rate', /^$/],
    ['workloads[1].rate', /add a unit: write 200\/s/],
    ['workloads[1]', /iterations: 2000/],
    ['workloads[2].duration', /the stages set the length/],
    ['workloads[2].iterations', /the stages set the length/],
    ['workloads[2].warmup', /set startRate: 10\/s \(or more\), or remove warmup/],
    ['workloads[2].concurrency', /limit calls in flight with maxInFlight/],
    ['workloads[2].rate', /starts at startRate and follows the stages/],
    ['workloads[2].stages[0].target', /^$/],
    ['workloads[2].stages[1].duration', /for a quick step write a short one/],
    ['workloads[2].stages[2].target', /add a unit: write 100\/s/],
    ['workloads[3].stages', /e\.g\. stages: \[\{ target: 100\/s, duration: 10s \}\]/],
    ['workloads[4].stages', /give a stage a target above 0/],
    ['workloads[5].warmup', /set startConcurrency: 1/],
    ['workloads[5].stages[0].target', /calls in flight; 0 stops them all/],
    ['workloads[5].stages[1].duration', /^$/],
    ['workloads[6].stages', /like \{ target: 32, duration: 10s \}/],
    ['workloads[6].concurrency', /startConcurrency and follow the stages/],
    ['workloads[7].stages', /e\.g\. stages: \[\{ target: 32, duration: 10s \}\]/],
    ['workloads[8].stages', /e\.g\. stages/],
  ]);
  const at = (path: string) => found.find((issue) => issue.path === path);
  assert.match(at('workloads[0].rate')?.message ?? '', /required field is missing; expected a rate greater than 0, like 200\/s/);
  assert.match(at('workloads[2].stages[0].target')?.message ?? '', /expected a rate ≥ 0, like 0\/s, 200\/s, 30\/m or 100\/h; got "-1\/s"/);
  assert.match(at('workloads[3].stages')?.message ?? '', /got \[\]/);
  assert.match(at('workloads[4].stages')?.message ?? '', /the ramp starts at 0\/s and every stage targets 0\/s: no call would start/);
  assert.match(at('workloads[5].warmup')?.message ?? '', /warmup runs at startConcurrency, which is 0/);
  assert.match(at('workloads[7].stages')?.message ?? '', /required field is missing; expected a list of stages/);
  assert.match(at('workloads[8].stages')?.message ?? '', /got "fast"/);
});

test('0/s is a stage target or start rate only; a ramp may go down to 0 or start from it', () => {
  const found = issues(withWorkloads({ name: 'w', type: 'constant-rate', rate: '0/s', duration: '1s', operations: ECHO }));
  assert.deepEqual(found.map((issue) => [issue.path, issue.got]), [['workloads[0].rate', '"0/s"']]);
  assert.match(found[0]?.message ?? '', /expected a rate greater than 0/);
  const plan = resolve(
    withWorkloads(
      { name: 'up', type: 'ramping-rate', startRate: '0/s', stages: [{ target: '5/s', duration: '1s' }], operations: ECHO },
      { name: 'down', type: 'ramping-rate', startRate: '5/s', warmup: '1s', stages: [{ target: '0/s', duration: '1s' }], operations: ECHO },
      { name: 'down-c', type: 'ramping-concurrency', startConcurrency: 4, stages: [{ target: 0, duration: '1s' }], operations: ECHO },
    ),
  );
  assert.deepEqual(plan.workloads.map((workload) => workload.measure), [
    { kind: 'duration', us: 1_000_000 },
    { kind: 'duration', us: 1_000_000 },
    { kind: 'duration', us: 1_000_000 },
  ]);
});

test('an unknown type still checks the common fields, not a ramp-only rule', () => {
  const found = issues(withWorkloads({ name: 'w', type: 'ramping', duration: '10', stages: [], operations: ECHO }));
  assert.deepEqual(found.map((issue) => issue.path), ['workloads[0].type', 'workloads[0].duration']);
  assert.equal(found[0]?.hint, 'did you mean "ramping-rate"?');
});
