import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeShards } from '../../../src/shards/merge.js';
import { decodeHistogram, type LatencyStats } from '../../../src/stats/histogram.js';
import type { TimelinePoint } from '../../../src/metrics/timeline.js';
import type { OperationSummary, RunSummary } from '../../../src/summary/summary.js';
import { asFiles, splitRun, withShard } from './shard-fixtures.js';

/** Two encoded histograms hold the same counts: the same total, mean and value at every tenth of a percent. */
function assertSameHistogram(actual: string | undefined, expected: string | undefined, what: string): void {
  assert.ok(actual !== undefined && expected !== undefined, `${what}: a histogram is missing`);
  const a = decodeHistogram(actual);
  const b = decodeHistogram(expected);
  assert.equal(a.totalCount, b.totalCount, `${what}: count`);
  assert.equal(a.mean, b.mean, `${what}: mean`);
  for (let p = 0; p <= 1000; p++) assert.equal(a.getValueAtPercentile(p / 10), b.getValueAtPercentile(p / 10), `${what}: p${p / 10}`);
}

function assertSameOperation(merged: OperationSummary, whole: OperationSummary): void {
  const { histogram: mh, serviceTimeHistogram: ms, ...mergedFigures } = merged;
  const { histogram: wh, serviceTimeHistogram: ws, ...wholeFigures } = whole;
  assert.deepEqual(mergedFigures, wholeFigures, `${whole.name}: every figure`);
  assertSameHistogram(mh, wh, `${whole.name} latency`);
  if (ws !== undefined || ms !== undefined) assertSameHistogram(ms, ws, `${whole.name} service time`);
}

function merged(summaries: readonly RunSummary[], options = {}): RunSummary {
  const outcome = mergeShards(asFiles(summaries), options);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.problems.join('\n'));
  return outcome.summary;
}

describe('mergeShards: splitting recorded calls over N recorders and merging equals one recorder', () => {
  for (const shards of [2, 3, 8]) {
    it(`${shards} shards: counts, errors, percentiles, exact max, service time, send lag and timeline`, () => {
      const run = splitRun(9_000, shards);
      const whole = run.whole.workloads[0]!;
      const result = merged(run.shards);
      const workload = result.workloads[0]!;
      workload.operations.forEach((op, i) => assertSameOperation(op, whole.operations[i]!));
      assert.ok(whole.operations.every((op) => op.serviceTimeHistogram !== undefined), 'service time is compared for every operation');
      assertSameOperation(workload.total, whole.total);
      // The max is the exact one: a decoded histogram's max is its bucket's top, which this run's max is not.
      assert.notEqual(decodeHistogram(whole.total.histogram).maxValue, whole.total.latencyUs.max, 'the fixture has a max below its bucket top');
      const { sendLagHistogram: ml, ...mergedArrivals } = workload.arrivals!;
      const { sendLagHistogram: wl, ...wholeArrivals } = whole.arrivals!;
      assert.deepEqual(mergedArrivals, wholeArrivals, 'arrivals: target and achieved rate, scheduled, sent, dropped, send lag');
      assertSameHistogram(ml, wl, 'send lag');
      assert.deepEqual(workload.setupCalls, { 'tools/list': shards });
      assert.equal(workload.durationUs, whole.durationUs);
      const points = (p: readonly TimelinePoint[]) => p.map(({ histogram: _h, ...figures }) => figures);
      assert.deepEqual(points(workload.timeline!.points), points(whole.timeline!.points), 'timeline points');
      workload.timeline!.points.forEach((p, i) => assertSameHistogram(p.histogram, whole.timeline!.points[i]!.histogram, `timeline point ${i}`));
      assert.ok(whole.timeline!.points.length >= 2);
    });
  }

  it('the merged report: no shard block, a shards block with a row per shard, earliest start and latest end', () => {
    const run = splitRun(3_000, 3);
    const result = merged(run.shards);
    assert.equal(result.shard, undefined);
    assert.equal(result.shards?.count, 3);
    assert.equal(result.shards?.planHash, 'plan-abc123');
    assert.deepEqual(result.shards?.missing, []);
    assert.deepEqual(result.shards?.rows.map((r) => [r.index, r.file, r.calls]), [
      [0, 'shard-0.json', run.shards[0]!.workloads[0]!.total.count],
      [1, 'shard-1.json', run.shards[1]!.workloads[0]!.total.count],
      [2, 'shard-2.json', run.shards[2]!.workloads[0]!.total.count],
    ]);
    assert.equal(result.startedAt, '2026-01-02T03:04:05.000Z');
    assert.equal(result.finishedAt, '2026-01-02T03:04:08.002Z');
    assert.equal(result.partial, false);
    assert.deepEqual(result.warnings, []);
  });

  it('takes the shards in any order: they are merged by index', () => {
    const run = splitRun(3_000, 3);
    const forward = merged(run.shards);
    const backward = merged([...run.shards].reverse());
    assert.deepEqual(backward.workloads, forward.workloads);
  });
});

describe('mergeShards: refusals', () => {
  const run = splitRun(600, 3);
  const problems = (summaries: readonly RunSummary[], options = {}): string => {
    const outcome = mergeShards(asFiles(summaries), options);
    assert.equal(outcome.ok, false, 'the merge should be refused');
    return outcome.ok ? '' : outcome.problems.join('\n');
  };

  it('a report without a shard block', () => {
    const text = problems([run.shards[0]!, run.whole]);
    assert.match(text, /shard-x\.json: not a shard's report \(it has no "shard" block\)/);
    assert.match(text, /hint: .*--shard i\/N/);
  });

  it('a different plan hash, naming both files', () => {
    const other = withShard(run.shards[1]!, { index: 1, count: 3, planHash: 'plan-other' });
    assert.match(problems([run.shards[0]!, other, run.shards[2]!]), /shard-1\.json: plan plan-other differs from shard-0\.json's plan-abc123\n {2}hint: every shard must run the same scenario/);
  });

  it('a different shard count', () => {
    const other = withShard(run.shards[1]!, { index: 1, count: 4 });
    assert.match(problems([run.shards[0]!, other, run.shards[2]!]), /shard-1\.json: a shard of 4, but shard-0\.json is a shard of 3/);
  });

  it('a repeated index, naming the files', () => {
    const again = { file: 'again.json', summary: run.shards[1]! };
    const outcome = mergeShards([...asFiles(run.shards), again]);
    assert.equal(outcome.ok, false);
    assert.match(outcome.ok ? '' : outcome.problems.join('\n'), /shard 1\/3 given 2 times: shard-1\.json, again\.json/);
  });

  it('a missing shard, unless allowPartial', () => {
    assert.match(problems([run.shards[0]!, run.shards[2]!]), /shard 1\/3 missing: the merged figures cover 2 of 3 shards\n {2}hint: .*--allow-partial/);
    const partial = merged([run.shards[0]!, run.shards[2]!], { allowPartial: true });
    assert.equal(partial.partial, true);
    assert.deepEqual(partial.shards?.missing, [1]);
    assert.ok(partial.warnings.some((w) => w.startsWith('shard 1/3 missing')), partial.warnings.join('\n'));
    assert.equal(partial.workloads[0]!.total.count, run.shards[0]!.workloads[0]!.total.count + run.shards[2]!.workloads[0]!.total.count);
  });

  it('more shards expected than the reports say', () => {
    assert.match(problems(run.shards, { expectShards: 4 }), /--expect-shards 4, but the reports are shards of 3/);
  });

  it('a late shard, unless allowPartial', () => {
    const late = withShard(run.shards[2]!, { index: 2, count: 3, late: true, startOffsetUs: 2_500_000 });
    assert.match(problems([run.shards[0]!, run.shards[1]!, late]), /shard-2\.json: shard 2\/3 started late \(2\.50s after its start time\)/);
    const partial = merged([run.shards[0]!, run.shards[1]!, late], { allowPartial: true });
    assert.equal(partial.partial, true);
    assert.ok(partial.warnings.some((w) => w.includes('started late')));
    assert.equal(partial.shards?.rows[2]?.late, true);
  });

  it('shards whose workloads differ', () => {
    const renamed = { ...run.shards[1]!, workloads: run.shards[1]!.workloads.map((w) => ({ ...w, name: 'other' })) };
    assert.match(problems([run.shards[0]!, renamed, run.shards[2]!]), /shard-1\.json: workloads other \(tools\/call echo, ping\) differ from shard-0\.json's rate/);
  });

  it('no reports at all', () => {
    assert.match(problems([]), /no shard reports to merge/);
  });
});

describe('mergeShards: reports without stored histograms (older reports)', () => {
  it('a timeline histogram that does not decode costs exactness, not the merge', () => {
    const run = splitRun(900, 2);
    const broken = run.shards.map((s, i) => (i === 0 ? s : {
      ...s,
      workloads: s.workloads.map((w) => ({ ...w, timeline: { ...w.timeline!, points: w.timeline!.points.map((p) => ({ ...p, histogram: 'HISTFAAAAnot-base64' })) } })),
    }));
    const result = merged(broken);
    assert.match(result.warnings.join('\n'), /timeline percentiles \(a stored interval histogram does not decode\)/);
    const calls = (s: RunSummary): number => s.workloads[0]!.timeline!.points.reduce((n, p) => n + p.calls, 0);
    assert.equal(calls(result), calls(run.whole));
  });

  it('service time, send lag and timeline fall back to the highest shard figures, and the merge says so', () => {
    const run = splitRun(900, 2);
    const strip = (s: RunSummary): RunSummary => ({
      ...s,
      workloads: s.workloads.map((w) => ({
        ...w,
        operations: w.operations.map(({ serviceTimeHistogram: _s, ...op }) => op),
        arrivals: (({ sendLagHistogram: _l, ...a }) => a)(w.arrivals!),
        timeline: { ...w.timeline!, points: w.timeline!.points.map(({ histogram: _h, ...p }) => p) },
      })),
    });
    const result = merged(run.shards.map(strip));
    const lag = (s: RunSummary): LatencyStats => s.workloads[0]!.arrivals!.sendLagUs;
    assert.equal(lag(result).p99, Math.max(lag(run.shards[0]!).p99, lag(run.shards[1]!).p99));
    assert.equal(lag(result).max, Math.max(lag(run.shards[0]!).max, lag(run.shards[1]!).max));
    assert.match(result.warnings.join('\n'), /not exact in this merge .*: service time, send lag, timeline percentiles/);
    assert.equal(result.workloads[0]!.total.count, run.whole.workloads[0]!.total.count, 'counts are exact all the same');
  });
});

describe("mergeShards: the shards' own warnings", () => {
  it('a warning every shard gave is said once; one only some gave names them', () => {
    const run = splitRun(300, 3);
    const shards = run.shards.map((summary, index) => ({
      ...summary,
      warnings: ['each of the 3 shards starts its own stdio server', ...(index === 1 ? [] : ['a later slot was missed by 0.4s'])],
    }));
    const warnings = merged(shards).warnings;
    assert.deepEqual(
      warnings.filter((w) => /stdio server|later slot/.test(w)),
      ['every shard: each of the 3 shards starts its own stdio server', 'shards 0/3, 2/3: a later slot was missed by 0.4s'],
    );
  });
});
