import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeResourceUpdates, ResourceUpdateRecorder } from '../../../src/metrics/resource-updates.js';
import { CHANGED_AT_META } from '../../../src/server/subscriptions.js';
import { mergeSubscriptionSummaries, summarizeSubscriptions } from '../../../src/summary/subscriptions.js';
import { subscriptionsLine } from '../../../src/report/subscriptions-text.js';

const UPDATED = 'notifications/resources/updated';
const stamped = (uri: string, atUs: number) => ({ uri, _meta: { [CHANGED_AT_META]: atUs } });

/** A recorder whose wall clock reads `now.us`. */
function recorder(now: { us: number }): ResourceUpdateRecorder {
  return new ResourceUpdateRecorder(() => now.us);
}

test('counts updates by URI, and the delay from the stamped change to receipt; other notifications are not its', () => {
  const now = { us: 1_000_000 };
  const r = recorder(now);
  r.events.notification!(UPDATED, stamped('bench://counter', 999_000), 0); // 1 ms
  now.us = 2_000_000;
  r.events.notification!(UPDATED, stamped('bench://counter', 1_997_000), 0); // 3 ms
  r.events.notification!(UPDATED, { uri: 'file:///a' }, 0); // unstamped
  r.events.notification!(UPDATED, stamped('bench://counter', 2_000_500), 0); // clocks apart: 0
  r.events.notification!('notifications/message', stamped('bench://counter', 0), 0);
  const record = r.finish();
  assert.deepEqual(record.byUri, { 'bench://counter': 3, 'file:///a': 1 });
  assert.equal(record.stamped, 3);
  assert.deepEqual([record.delayUs.totalCount, record.delayUs.minNonZeroValue, record.delayUs.maxValue > 2_990, record.delayUs.maxValue < 3_010], [3, 1_000, true, true]);
  const summary = summarizeSubscriptions(record);
  assert.equal(summary.received, 4);
  assert.equal(summary.delayUs!.p50, 1_000);
  assert.match(subscriptionsLine(summary), /^subscriptions: 4 updates received \(bench:\/\/counter 3, file:\/\/\/a 1\) · change → receipt p50 1\.00ms · p99 3\.00ms · max 3\.00ms \(3 stamped\)$/);
});

test('no stamp: counted, no delay, and the line says so', () => {
  const r = recorder({ us: 0 });
  r.record(UPDATED, { uri: 'x' });
  const summary = summarizeSubscriptions(r.finish());
  assert.deepEqual([summary.received, summary.stamped, summary.delayUs], [1, 0, null]);
  assert.equal(subscriptionsLine(summary), 'subscriptions: 1 update received (x 1) · no update stamped with its change time');
});

test('rounds and shards merge exactly: counts summed, histograms added', () => {
  const a = recorder({ us: 10_000 });
  a.record(UPDATED, stamped('u', 9_000));
  const b = recorder({ us: 50_000 });
  b.record(UPDATED, stamped('u', 10_000));
  b.record(UPDATED, stamped('v', 20_000));
  const rounds = mergeResourceUpdates([a.finish(), b.finish()])!;
  assert.deepEqual([rounds.byUri, rounds.stamped, rounds.delayUs.totalCount], [{ u: 2, v: 1 }, 3, 3]);
  assert.equal(mergeResourceUpdates([]), undefined);
  const shards = mergeSubscriptionSummaries([summarizeSubscriptions(a.finish()), summarizeSubscriptions(b.finish())])!;
  const whole = summarizeSubscriptions(rounds);
  assert.deepEqual({ ...shards, delayHistogram: '' }, { ...whole, delayHistogram: '' });
  assert.equal(shards.delayUs!.max, 40_000, 'the exact max survives the merge');
  assert.equal(mergeSubscriptionSummaries([]), undefined);
});
