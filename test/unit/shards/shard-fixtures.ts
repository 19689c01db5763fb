/**
 * Shard reports built without running anything: calls from a seeded source recorded into WorkloadRecorders (one for
 * the whole run, or N taking the calls round-robin as shards would), each summarized by summarize() as a run's is,
 * with a `shard` block set.
 */
import { OK, TOOL_ERROR, type Outcome } from '../../../src/client/outcome.js';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import type { TargetPlan } from '../../../src/client/targets/registry.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import { seededRandom } from '../../../src/random/seeded.js';
import type { RunResult, WorkloadRun } from '../../../src/runner/run.js';
import type { Plan } from '../../../src/scenario/plan.js';
import type { ShardRunInfo } from '../../../src/summary/shard-info.js';
import { summarize } from '../../../src/summary/summarize.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';

const echo: OperationPlan = { name: 'tools/call echo', weight: 3, timeoutUs: 1e6, request: { method: 'tools/call', tool: 'echo', args: {} } };
const ping: OperationPlan = { name: 'ping', weight: 1, timeoutUs: 1e6, request: { method: 'ping' } };
const target: TargetPlan = { kind: 'builtin', transport: 'stdio', server: { latencyUs: 1000, jitterUs: 0, failRate: 0, seed: 1 } };

/** The measured window: 2 s, every call completing inside it. */
export const WINDOW_US = 2_000_000;

const rate: WorkloadPlan = {
  name: 'rate',
  type: 'constant-rate',
  ratePerSec: 500,
  maxInFlight: 64,
  operations: [echo, ping],
  warmup: null,
  measure: { kind: 'duration', us: WINDOW_US },
  seed: 1,
  shard: WHOLE_RUN,
  client: PLAIN_CLIENT,
  endpoints: [target],
  engine: { kind: 'client' },
};

const plan: Plan = { name: 'sharded', sourceFile: '/x/sharded.yaml', target, workloads: [rate], redacted: { name: 'sharded' }, resolvedRedacted: { name: 'sharded' }, targetLabel: 'built-in reference server over stdio' };
const environment = { node: 'v20.0.0', platform: 'linux', arch: 'x64', osRelease: '6.0', cpus: { count: 2, model: 'test cpu' }, memoryBytes: 1 };

interface Tally {
  scheduled: number;
  sent: number;
  dropped: number;
}

/**
 * `calls` arrivals from seed `seed`, arrival k going to recorder k mod N: latencies with a long tail (0.2–40 ms plus up
 * to 0.5 ms of send lag), 3% tool errors, 1% dropped, a few warm-up calls; completions spread evenly over the window.
 */
function recordInto(recorders: readonly WorkloadRecorder[], tallies: Tally[], calls: number, seed: number): void {
  const random = seededRandom(seed, 'test');
  for (let k = 0; k < calls; k++) {
    const shard = k % recorders.length;
    const recorder = recorders[shard]!;
    const tally = tallies[shard]!;
    const op = random() < 0.75 ? 0 : 1;
    tally.scheduled++;
    if (random() < 0.01) {
      recorder.recordDropped(op);
      tally.dropped++;
      continue;
    }
    tally.sent++;
    if (k % 97 === 0) recorder.recordWarmup(op);
    const r = random();
    const serviceUs = 200 + Math.floor(r * r * r * 40_000);
    const lagUs = Math.floor(random() * 500);
    // Completions in arrival order, so every recorder's timeline sees its calls in time order, as a clock would.
    const endUs = 50_000 + Math.floor((k * (WINDOW_US - 100_000)) / calls);
    const outcome: Outcome = random() < 0.03 ? TOOL_ERROR : OK;
    recorder.record(op, serviceUs + lagUs, outcome, undefined, endUs);
    recorder.recordService(op, serviceUs, lagUs);
  }
}

function run(recorder: WorkloadRecorder, tally: Tally): WorkloadRun {
  const completions = recorder.operations.map((op) => op.count);
  return {
    workload: rate,
    status: 'completed',
    recorder,
    execution: {
      measureStartUs: 0,
      measureEndUs: WINDOW_US,
      fatal: null,
      interrupted: false,
      arrivals: { ...tally, spanUs: WINDOW_US },
      window: { durationUs: WINDOW_US, completions },
    },
    connection: null,
    sessions: [{ serverStartUs: null, connectUs: 40_000, initializeUs: 2_000 }],
    client: null,
    engine: null,
    setupCalls: { 'tools/list': 1 },
    warnings: [],
    failure: null,
  };
}

function summaryOf(recorder: WorkloadRecorder, tally: Tally, startedAt: string): RunSummary {
  const result: RunResult = { plan, startedAt: new Date(startedAt), finishedAt: new Date(Date.parse(startedAt) + 3_000), workloads: [run(recorder, tally)], interrupted: false };
  return summarize(result, environment, '0.1.0');
}

function recorders(n: number): WorkloadRecorder[] {
  return Array.from({ length: n }, () => {
    const recorder = new WorkloadRecorder([echo.name, ping.name], null, { openModel: true, clock: new FakeClock() });
    recorder.timeline!.start(0);
    return recorder;
  });
}

/** The same `calls` arrivals recorded once as the whole run and once as `shards` shard reports. */
export function splitRun(calls: number, shards: number, seed = 7): { whole: RunSummary; shards: RunSummary[] } {
  const one = recorders(1);
  const oneTally = [{ scheduled: 0, sent: 0, dropped: 0 }];
  recordInto(one, oneTally, calls, seed);
  const many = recorders(shards);
  const tallies = many.map(() => ({ scheduled: 0, sent: 0, dropped: 0 }));
  recordInto(many, tallies, calls, seed);
  return {
    whole: summaryOf(one[0]!, oneTally[0]!, '2026-01-02T03:04:05.000Z'),
    shards: many.map((recorder, index) => withShard(summaryOf(recorder, tallies[index]!, `2026-01-02T03:04:05.${String(index).padStart(3, '0')}Z`), { index, count: shards })),
  };
}

/** A summary as shard `index` of `count` reports it. */
export function withShard(summary: RunSummary, shard: Partial<ShardRunInfo> & Pick<ShardRunInfo, 'index' | 'count'>): RunSummary {
  return { ...summary, shard: { planHash: 'plan-abc123', startAt: '2026-01-02T03:04:05.000Z', startOffsetUs: 1_500, late: false, ...shard } };
}

/** Shard reports as mergeShards takes them, named shard-<i>.json. */
export function asFiles(summaries: readonly RunSummary[]): { file: string; summary: RunSummary }[] {
  return summaries.map((summary) => ({ file: `shard-${summary.shard?.index ?? 'x'}.json`, summary }));
}

/** Shard `index` of `count` whose every call took `latencyUs` (`calls` of them, all ok, over the window). */
export function uniformShard(calls: number, latencyUs: number, index: number, count: number): RunSummary {
  const [recorder] = recorders(1);
  for (let k = 0; k < calls; k++) {
    recorder!.record(0, latencyUs, OK, undefined, 50_000 + Math.floor((k * (WINDOW_US - 100_000)) / calls));
    recorder!.recordService(0, latencyUs, 0);
  }
  const summary = summaryOf(recorder!, { scheduled: calls, sent: calls, dropped: 0 }, `2026-01-02T03:04:05.00${index}Z`);
  return withShard(summary, { index, count });
}
