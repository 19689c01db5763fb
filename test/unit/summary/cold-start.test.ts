import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectionTimings } from '../../../src/client/connect.js';
import { nearestRank, sessionTotalUs, summarizeColdStart } from '../../../src/summary/cold-start.js';

const stdio = (connectUs: number, initializeUs: number): ConnectionTimings => ({ serverStartUs: null, connectUs, initializeUs });

describe('cold start', () => {
  it('a session from nothing to ready: server start, then connect, then initialize, each counted once', () => {
    assert.equal(sessionTotalUs(stdio(2_000, 300_000)), 302_000, 'stdio: the spawn, then initialize (which holds the boot)');
    assert.equal(sessionTotalUs({ serverStartUs: 250_000, connectUs: 40, initializeUs: 3_000 }), 253_040, 'built-in HTTP: spawn until listening first');
    assert.equal(sessionTotalUs({ serverStartUs: null, connectUs: 15, initializeUs: 1_200 }), 1_215, 'remote HTTP: connect through initialize');
  });

  it('no session: absent', () => {
    assert.equal(summarizeColdStart([]), undefined);
  });

  it('one session: p50 = p99 = max', () => {
    const summary = summarizeColdStart([stdio(1_500.4, 310_000.2)]);
    assert.deepEqual(summary, {
      sessions: 1,
      totalUs: { p50: 311_501, p99: 311_501, max: 311_501 },
      initializeUs: { p50: 310_000, p99: 310_000, max: 310_000 },
    });
  });

  it('eight sessions: nearest-rank p50 and p99 of the totals, in whatever order they were opened', () => {
    // Totals 301..308 ms, opened out of order; initialize alone is 1 ms less each.
    const sessions = [5, 2, 8, 1, 7, 3, 6, 4].map((i) => stdio(1_000, 300_000 + (i - 1) * 1_000));
    const summary = summarizeColdStart(sessions)!;
    assert.equal(summary.sessions, 8);
    assert.deepEqual(summary.totalUs, { p50: 304_000, p99: 308_000, max: 308_000 }, 'p50 is the 4th of 8, p99 the 8th');
    assert.deepEqual(summary.initializeUs, { p50: 303_000, p99: 307_000, max: 307_000 });
  });

  it('nearest rank: the smallest value with at least p% at or below it', () => {
    const hundred = Array.from({ length: 100 }, (_v, i) => i + 1);
    assert.equal(nearestRank(hundred, 50), 50);
    assert.equal(nearestRank(hundred, 99), 99);
    assert.equal(nearestRank([7], 99), 7);
    assert.equal(nearestRank([1, 2, 3], 50), 2);
  });
});
