import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseThreshold } from '../../../src/thresholds/parse.js';
import type { Plan } from '../../../src/scenario/plan.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import type { AbortedBy } from '../../../src/thresholds/types.js';
import type { MergeOptions, ShardReport } from '../../../src/shards/merge.js';
import { markRun, mergeWorkerReports, type MergeShardReports } from '../../../src/workers/merged-run.js';
import type { WorkerExit } from '../../../src/workers/parent.js';
import { fixtureSummary } from '../../fixtures/summary.js';
import { workload } from './fixtures.js';

const p99Under1ms = (() => {
  const parsed = parseThreshold('p99 < 1ms', 'scenario');
  assert.ok(parsed.ok);
  return parsed.spec;
})();

const summary = fixtureSummary();
const plan = {
  name: 'fixture',
  sourceFile: null,
  target: { kind: 'builtin', transport: 'stdio', server: { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 } },
  workloads: [workload('mixed', { thresholds: [p99Under1ms] })],
  redacted: {},
  resolvedRedacted: {},
  targetLabel: 'built-in',
} as unknown as Plan;

const exit = (index: number, code: number | null, signal: string | null = null): WorkerExit => ({ index, code, signal, error: null });
const abortedBy: AbortedBy = { workload: 'mixed', operation: null, threshold: 'throughput > 1000/s', metric: 'throughput', measured: 12, atUs: 3_000_000 };

describe('the merged report of run --workers', () => {
  let dir = '';
  const reportPath = (index: number) => path.join(dir, `shard-${index}.json`);
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-workers-test-'));
    for (const index of [0, 1, 2]) await writeFile(reportPath(index), JSON.stringify(summary));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** A stand-in for shards/merge.ts: records what it was given and returns the first report. */
  function recordingMerge() {
    const calls: { files: string[]; options: MergeOptions }[] = [];
    const merge: MergeShardReports = (reports: readonly ShardReport[], options: MergeOptions) => {
      calls.push({ files: reports.map((r) => r.file), options });
      return { ok: true, summary: reports[0]!.summary };
    };
    return { calls, merge };
  }

  it('merges every child\'s report and judges the thresholds on the merged figures', async () => {
    const { calls, merge } = recordingMerge();
    const merged = await mergeWorkerReports({ exits: [exit(0, 0), exit(1, 0)], reportPath, plan, baseline: null, abortedBy: null, interrupted: false }, merge);
    assert.deepEqual(calls, [{ files: ['worker 0', 'worker 1'], options: { expectShards: 2, allowPartial: false } }]);
    assert.ok(merged.ok);
    const mixed = merged.summary.workloads.find((w) => w.name === 'mixed')!;
    assert.deepEqual(mixed.thresholds.map((t) => [t.threshold, t.passed]), [['p99 < 1ms', false]]);
    assert.deepEqual([merged.summary.gate.passed, merged.summary.gate.thresholds], [false, { passed: 0, failed: 1 }]);
  });

  it('merges what came back when a child crashed, marked partial with a warning naming it', async () => {
    const { calls, merge } = recordingMerge();
    const exits = [exit(0, 0), exit(1, 0), exit(2, 0), exit(3, null, 'SIGKILL')];
    const merged = await mergeWorkerReports({ exits, reportPath, plan, baseline: null, abortedBy: null, interrupted: false }, merge);
    assert.deepEqual(calls[0]!.options, { expectShards: 4, allowPartial: true });
    assert.ok(merged.ok);
    assert.equal(merged.summary.partial, true);
    assert.deepEqual(merged.missing, [merged.summary.warnings.at(-1)]);
    assert.equal(merged.summary.warnings.at(-1), 'worker 3 was ended by SIGKILL without writing its report: its share of the run is missing from every figure');
  });

  it('fails with the merge\'s problems, or with every missing report when none came back', async () => {
    const refused = await mergeWorkerReports(
      { exits: [exit(0, 0)], reportPath, plan, baseline: null, abortedBy: null, interrupted: false },
      () => ({ ok: false, problems: ['worker 0: another plan'] }),
    );
    assert.deepEqual(refused, { ok: false, problems: ['worker 0: another plan'] });
    const none = await mergeWorkerReports({ exits: [exit(7, 3)], reportPath, plan, baseline: null, abortedBy: null, interrupted: false }, recordingMerge().merge);
    assert.deepEqual(none, { ok: false, problems: ['worker 7 exited with code 3 without writing its report: its share of the run is missing from every figure'] });
  });

  it('an abort on the merged window: the workload aborted, the run not interrupted, the gate failed naming the threshold', async () => {
    const stopped: RunSummary = { ...summary, interrupted: true, workloads: summary.workloads.map((w) => (w.name === 'mixed' ? { ...w, status: 'interrupted' } : w)) };
    const merged = await mergeWorkerReports(
      { exits: [exit(0, 130)], reportPath, plan, baseline: null, abortedBy, interrupted: false },
      () => ({ ok: true, summary: stopped }),
    );
    assert.ok(merged.ok);
    const s = merged.summary;
    assert.equal(s.workloads.find((w) => w.name === 'mixed')!.status, 'aborted');
    assert.deepEqual([s.interrupted, s.partial, s.gate.passed, s.gate.abortedBy], [false, true, false, abortedBy]);
  });

  it('the parent\'s interrupt marks the run interrupted; a shard\'s own gate verdict never counts', () => {
    const judged: RunSummary = { ...summary, gate: { ...summary.gate, passed: false, thresholds: { passed: 0, failed: 3 } } };
    const marked = markRun(judged, [], null, true);
    assert.deepEqual([marked.interrupted, marked.partial], [true, true]);
    assert.deepEqual(marked.gate, { passed: true, thresholds: { passed: 0, failed: 0 }, baseline: null, abortedBy: null });
  });

  it('keeps an abort a shard reported itself when the parent judged none', () => {
    const aborted: RunSummary = { ...summary, gate: { ...summary.gate, passed: false, abortedBy } };
    const marked = markRun(aborted, [], null, false);
    assert.deepEqual([marked.gate.passed, marked.gate.abortedBy], [false, abortedBy]);
  });
});
