import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { speedupLines, speedupText } from '../../../src/report/speedup.js';
import type { WorkloadSummary } from '../../../src/summary/summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';

/** The terminal's speed-up text for workload `index`, or null: the view's lines as the table joins them. */
const compareWithSequential = (workloads: readonly WorkloadSummary[], index: number): string | null => {
  const lines = speedupLines(workloads, index);
  return lines ? speedupText(lines) : null;
};

describe('compareWithSequential', () => {
  const [sequential, concurrent] = fixtureSummary().workloads;

  it('one shared operation: a single line with the speed-up and its p50 before → after', () => {
    assert.equal(compareWithSequential([sequential!, concurrent!], 1), 'vs echo-seq: 5.2× the calls/s at 8 in flight (different mixes: 1 of 2 operations shared); tools/call echo p50 1.05ms → 2.50ms');
  });

  it('several shared operations: one line each beneath the speed-up', () => {
    const wider = { ...sequential!, operations: concurrent!.operations };
    assert.equal(
      compareWithSequential([wider, concurrent!], 1),
      'vs echo-seq: 5.2× the calls/s at 8 in flight:\n    tools/call echo p50 2.50ms → 2.50ms\n    ping p50 300µs → 300µs',
    );
  });

  it('nothing to compare: a sequential workload, or no earlier sequential one with a shared operation', () => {
    assert.equal(compareWithSequential([sequential!, concurrent!], 0), null);
    assert.equal(compareWithSequential([concurrent!], 0), null);
    const unrelated = { ...sequential!, operations: [{ ...sequential!.operations[0]!, name: 'other' }] };
    assert.equal(compareWithSequential([unrelated, concurrent!], 1), null);
  });

  it('matches operations by name and arguments: echo of 10 bytes is not echo of 10 KB (issue 11)', () => {
    const signed = (w: WorkloadSummary, signature: string): WorkloadSummary => ({ ...w, operations: w.operations.map((op) => ({ ...op, signature })) });
    assert.equal(compareWithSequential([signed(sequential!, 'small'), signed(concurrent!, 'large')], 1), null);
    assert.match(compareWithSequential([signed(sequential!, 'small'), signed(concurrent!, 'small')], 1) ?? '', /tools\/call echo p50 1\.05ms → 2\.50ms/);
  });
});
