import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectionTimings } from '../../../src/client/connect.js';
import type { ServerResourcesSummary } from '../../../src/metrics/harness-types.js';
import { coldStartText, formatMegabytes, serverResourcesText } from '../../../src/report/server-text.js';
import { summarizeColdStart } from '../../../src/summary/cold-start.js';

const stdio = (connectUs: number, initializeUs: number): ConnectionTimings => ({ serverStartUs: null, connectUs, initializeUs });

describe('coldStartText', () => {
  it('the reporters line: only for several sessions, spawn for servers we start, connect for remote ones', () => {
    const eight = summarizeColdStart([1, 2, 3, 4, 5, 6, 7, 8].map((i) => stdio(0, (300 + 15 * i) * 1_000)))!;
    assert.equal(coldStartText(eight, true), 'cold start over 8 sessions: p50 360ms · p99 420ms (spawn → initialized)');
    assert.equal(coldStartText(eight, false), 'cold start over 8 sessions: p50 360ms · p99 420ms (connect → initialized)');
    assert.equal(coldStartText(eight, null), 'cold start over 8 sessions: p50 360ms · p99 420ms (set-up → initialized)');
    assert.equal(coldStartText(summarizeColdStart([stdio(1, 2)]), true), null, 'one session: the connection line says it');
    assert.equal(coldStartText(undefined, true), null);
  });
});

describe('serverResourcesText', () => {
  const resources = (samples: number): ServerResourcesSummary => ({
    intervalUs: 1_000_000,
    samples: Array.from({ length: samples }, (_v, i) => ({ tUs: i * 1_000_000, cpuPercent: 43, rssBytes: 61_200_000 })),
    meanCpuPercent: 43.2,
    peakRssBytes: 64_100_000,
    firstRssBytes: 61_200_000,
    lastRssBytes: 63_000_000,
  });

  it('one server, several (summed), and a single sample (no CPU span)', () => {
    assert.equal(serverResourcesText(resources(5), 1), 'server: CPU 43% of a core (mean) · RSS 61.2 MB → 63.0 MB (peak 64.1 MB)');
    assert.equal(serverResourcesText(resources(5), 4), 'servers (summed): CPU 43% of a core (mean) · RSS 61.2 MB → 63.0 MB (peak 64.1 MB)');
    assert.equal(serverResourcesText(resources(1), 1), 'server: CPU — (one sample) · RSS 61.2 MB → 63.0 MB (peak 64.1 MB)');
  });

  it('megabytes', () => {
    assert.equal(formatMegabytes(4_200_000), '4.20 MB');
    assert.equal(formatMegabytes(663_052_288), '663.1 MB');
    assert.equal(formatMegabytes(2_500_000_000), '2,500 MB');
  });
});
