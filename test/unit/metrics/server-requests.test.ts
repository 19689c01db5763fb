import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerStats, mergeServerRequests, ServerRequestRecorder } from '../../../src/metrics/server-requests.js';

test('the recorder counts per method, errors by outcome, and answer time in a histogram', () => {
  const recorder = new ServerRequestRecorder();
  recorder.listener('sampling/createMessage', 20_000, 'ok');
  recorder.listener('sampling/createMessage', 30_000, 'rpc-error:-32603');
  recorder.listener('roots/list', 5, 'rpc-error:-32601');
  const records = recorder.records();
  assert.deepEqual(Object.keys(records).sort(), ['roots/list', 'sampling/createMessage']);
  assert.equal(records['sampling/createMessage']?.count, 2);
  assert.deepEqual(records['sampling/createMessage']?.errors, { 'rpc-error:-32603': 1 });
  const stats = answerStats(records['sampling/createMessage']!);
  assert.ok(stats.p50 >= 19_900 && stats.max >= 29_900, JSON.stringify(stats));
  assert.deepEqual(new ServerRequestRecorder().records(), {});
});

test('merging rounds or shards adds counts, errors and histograms exactly', () => {
  const a = new ServerRequestRecorder();
  const b = new ServerRequestRecorder();
  for (let i = 0; i < 3; i += 1) a.listener('elicitation/create', 1_000, 'ok');
  b.listener('elicitation/create', 100_000, 'rpc-error:-32603');
  b.listener('roots/list', 10, 'ok');
  const merged = mergeServerRequests([a.records(), b.records()]);
  assert.equal(merged['elicitation/create']?.count, 4);
  assert.deepEqual(merged['elicitation/create']?.errors, { 'rpc-error:-32603': 1 });
  const stats = answerStats(merged['elicitation/create']!);
  assert.ok(stats.max >= 99_000 && stats.p50 < 2_000, JSON.stringify(stats));
  assert.equal(merged['roots/list']?.count, 1);
});
