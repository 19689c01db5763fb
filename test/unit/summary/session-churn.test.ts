import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionChurnRecorder, mergeRssAtClose, mergeRssGrowth, mergeSessionChurn } from '../../../src/metrics/session-churn.js';
import { sessionChurnLines } from '../../../src/report/session-churn-text.js';
import { leastSquaresSlope } from '../../../src/stats/slope.js';
import { mergeSessionChurnSummaries, summarizeSessionChurn } from '../../../src/summary/session-churn.js';
import { issues, minimalScenario, resolve } from '../scenario/helpers.js';

test('least-squares slope: exact on a line, null without a line to fit, centred so large values keep precision', () => {
  assert.equal(leastSquaresSlope([{ x: 0, y: 5 }, { x: 10, y: 25 }, { x: 20, y: 45 }]), 2);
  assert.equal(leastSquaresSlope([{ x: 1, y: 1 }]), null);
  assert.equal(leastSquaresSlope([{ x: 3, y: 1 }, { x: 3, y: 9 }]), null);
  const big = Array.from({ length: 100 }, (_, i) => ({ x: i, y: 4e9 + i * 1_000 + (i % 2 === 0 ? 500 : -500) }));
  assert.ok(Math.abs(leastSquaresSlope(big)! - 1_000) < 1);
});

function block(opened: number, rssPerSession: number) {
  const recorder = new SessionChurnRecorder();
  for (let i = 1; i <= opened; i++) {
    recorder.recordOpened(1_000 * i);
    recorder.recordClosed(500);
    recorder.calls += 3;
    recorder.recordRss(i, 100e6 + i * rssPerSession);
  }
  recorder.recordOpenFailure('transport:ECONNREFUSED');
  return summarizeSessionChurn(recorder.finish(), 2_000_000);
}

test('the sessions block: counts, rates, latency, growth; the words every format shows', () => {
  const summary = block(10, 200_000);
  assert.equal(summary.sessionsPerSec, 5);
  assert.equal(summary.callsPerSession, 3);
  assert.deepEqual(summary.rssGrowth, { bytesPer1000Sessions: 200_000_000, samples: 10 });
  assert.deepEqual(sessionChurnLines(summary), [
    'sessions: 10 opened · 10 closed · 1 failed to open (transport:ECONNREFUSED 1) · 5.0 sessions/s · 3.00 calls per session',
    'session open p50 5.00ms · p99 10.0ms · close p50 500µs · p99 500µs',
    'server RSS growth: +200.0 MB per 1,000 sessions (+200.0 KB a session; 10 samples)',
  ]);
});

test('shards merge exactly: histograms added, counts summed, growth from the shards that have one, named', () => {
  const a = block(10, 200_000);
  const b = { ...block(30, 100_000), rssGrowth: null };
  const merged = mergeSessionChurnSummaries([a, b], ['shard 0/2', 'shard 1/2'])!;
  assert.equal(merged.opened, 40);
  assert.equal(merged.calls, 120);
  assert.deepEqual(merged.failedToOpen, { 'transport:ECONNREFUSED': 2 });
  assert.equal(merged.openUs.max, 30_000);
  assert.equal(merged.sessionsPerSec, 20);
  assert.deepEqual(merged.rssGrowth, { bytesPer1000Sessions: 200_000_000, samples: 10, from: ['shard 0/2'] });
  assert.match(sessionChurnLines(merged)[2]!, /; from shard 0\/2\)$/);
  assert.deepEqual(mergeRssGrowth([{ bytesPer1000Sessions: 100, samples: 1 }, { bytesPer1000Sessions: 400, samples: 3 }], ['round 1', 'round 2']), {
    bytesPer1000Sessions: 325,
    samples: 4,
    from: ['round 1', 'round 2'],
  });
});

test('rounds (records) and shards (report blocks) merge by the same rules: counts, failures by code, RSS at close', () => {
  const leaky = (opened: number, evicted: number, rss: number, code: string) => {
    const recorder = new SessionChurnRecorder();
    for (let i = 0; i < opened; i++) {
      recorder.recordOpened(1_000);
      recorder.leftOpen++;
      recorder.recordRssAtClose(rss);
    }
    recorder.evicted = evicted;
    recorder.dropped = 1;
    recorder.warmupSessions = 2;
    recorder.recordOpenFailure(code);
    return recorder.finish();
  };
  const records = [leaky(10, 4, 30e6, 'timeout'), leaky(30, 0, 50e6, 'transport:EPIPE'), leaky(20, 5, 50e6, 'timeout')];
  const rounds = summarizeSessionChurn(mergeSessionChurn(records, ['round 1', 'round 2', 'round 3'])!, 1_000_000);
  const shards = mergeSessionChurnSummaries(records.map((r) => summarizeSessionChurn(r, 1_000_000)), ['shard 0/3', 'shard 1/3', 'shard 2/3'])!;
  for (const merged of [rounds, shards]) {
    assert.deepEqual([merged.opened, merged.leftOpen, merged.evicted, merged.dropped, merged.warmupSessions], [60, 60, 9, 3, 6]);
    assert.deepEqual(merged.failedToOpen, { timeout: 2, 'transport:EPIPE': 1 });
    // (10 × 30 MB + 50 × 50 MB) / 60, not the mean of the three means (43.3 MB).
    assert.deepEqual(merged.rssAtClose, { meanBytes: 46_666_667, sessions: 60 });
  }
  assert.equal(mergeRssAtClose([null, null]), null);
  const older = { ...summarizeSessionChurn(records[1]!, 1_000_000), evicted: undefined };
  assert.equal(mergeSessionChurnSummaries([older, older], ['a', 'b'])!.evicted, 0, 'a report from before maxOpen counts none');
  assert.match(sessionChurnLines(rounds)[0]!, /60 left open \(9 closed early, oldest first: maxOpen reached\)/);
  assert.match(sessionChurnLines(summarizeSessionChurn(records[1]!, 1_000_000))[0]!, /30 left open until the end/);
});

test('scenario: exactly one of concurrency and sessionsPerSecond; maxInFlight only with a rate; defaults', () => {
  const workload = (fields: Record<string, unknown>) => ({ ...minimalScenario(), workloads: [{ name: 'c', type: 'session-churn', iterations: 10, operations: [{ method: 'ping' }], ...fields }] });
  assert.match(issues(workload({}))[0]!.message, /either concurrency .* or sessionsPerSecond .*; got neither/);
  assert.match(issues(workload({ concurrency: 2, sessionsPerSecond: '5/s' }))[0]!.message, /got both/);
  assert.match(issues(workload({ concurrency: 2, maxInFlight: 9 }))[0]!.message, /maxInFlight caps sessions arriving at a rate/);
  const plan = resolve(workload({ sessionsPerSecond: '5/s' })).workloads[0]!;
  assert.ok(plan.type === 'session-churn');
  assert.deepEqual([plan.callsPerSession, plan.concurrency, plan.sessionsPerSecond, plan.maxInFlight, plan.close, plan.maxOpen], [1, null, 5, 100, true, 1_000]);
});
