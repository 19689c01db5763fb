import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparisonFromRounds, type MergedFigures } from '../../../src/compare/from-rounds.js';
import type { RoundFigures } from '../../../src/summary/comparison.js';

type Figures = Pick<RoundFigures, 'p50Us' | 'p99Us' | 'throughputPerSec'> & Partial<Pick<RoundFigures, 'count' | 'errorRate'>>;

function rounds(variant: string, operation: string, perRound: readonly Figures[]): RoundFigures[] {
  return perRound.map((f, i) => ({ round: i + 1, variant, workload: 'w', operation, count: 100, errorRate: 0, ...f }));
}

function merged(variant: string, operation: string, f: Figures): MergedFigures {
  return { variant, workload: 'w', operation, count: 500, errorRate: 0, ...f };
}

/** The 95% t-interval of the mean of ln(ratios), back on the ratio scale: computed by hand for the tests. */
function expectedInterval(ratios: readonly number[], t: number): [number, number, number] {
  const logs = ratios.map(Math.log);
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
  const half = (t * sd) / Math.sqrt(logs.length);
  return [Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half)];
}

const close = (actual: number | null | undefined, expected: number, what: string) =>
  assert.ok(actual != null && Math.abs(actual - expected) < 1e-9 * Math.max(1, expected), `${what}: ${actual} ≠ ${expected}`);

describe('comparison from rounds', () => {
  const a = rounds('A', 'echo', [
    { p50Us: 1_000, p99Us: 4_000, throughputPerSec: 1_000 },
    { p50Us: 1_100, p99Us: 4_400, throughputPerSec: 900 },
    { p50Us: 900, p99Us: 3_600, throughputPerSec: 1_100 },
  ]);
  const b = rounds('B', 'echo', [
    { p50Us: 500, p99Us: 4_100, throughputPerSec: 2_000 },
    { p50Us: 660, p99Us: 4_300, throughputPerSec: 1_700 },
    { p50Us: 360, p99Us: 3_700, throughputPerSec: 2_300, errorRate: 0.02 },
  ]);
  const input = {
    variants: ['A', 'B'],
    rounds: 3,
    merged: [
      merged('A', 'echo', { p50Us: 1_000, p99Us: 4_000, throughputPerSec: 1_000 }),
      merged('A', 'all', { p50Us: 1_000, p99Us: 4_000, throughputPerSec: 1_000 }),
      merged('B', 'echo', { p50Us: 500, p99Us: 4_100, throughputPerSec: 2_000, errorRate: 0.01 }),
      merged('B', 'all', { p50Us: 500, p99Us: 4_100, throughputPerSec: 2_000, errorRate: 0.01 }),
    ],
    roundFigures: [...a, ...b],
  };
  const comparison = comparisonFromRounds(input);
  const echo = comparison.rows.find((row) => row.operation === 'echo')!;

  it('one row per operation and the workload total, one cell per variant, the first without ratios', () => {
    assert.equal(comparison.source, 'rounds');
    assert.equal(comparison.rounds, 3);
    assert.deepEqual(comparison.variants, ['A', 'B']);
    assert.deepEqual(comparison.rows.map((row) => `${row.workload}/${row.operation}`), ['w/echo', 'w/all']);
    assert.deepEqual(echo.cells.map((cell) => [cell.variant, cell.count, cell.p50Us]), [['A', 500, 1_000], ['B', 500, 500]]);
    assert.equal(echo.cells[0]!.vsFirst, undefined);
    assert.equal(comparison.roundFigures.length, 6);
  });

  it('ratios are the geometric mean of the paired per-round ratios, with a t-interval on their logs', () => {
    const vs = echo.cells[1]!.vsFirst!;
    const p50 = expectedInterval([0.5, 0.6, 0.4], 4.303);
    close(vs.p50.ratio, p50[0], 'p50 ratio');
    close(vs.p50.low, p50[1], 'p50 low');
    close(vs.p50.high, p50[2], 'p50 high');
    assert.equal(vs.p50.significant, true, 'well below 1 in every round');
    const throughput = expectedInterval([2, 1_700 / 900, 2_300 / 1_100], 4.303);
    close(vs.throughput.ratio, throughput[0], 'throughput ratio');
    close(vs.throughput.low, throughput[1], 'throughput low');
    assert.equal(vs.throughput.significant, true);
    // p99 moves both ways round to round: the interval contains 1, no significant difference.
    assert.ok(vs.p99.low! < 1 && vs.p99.high! > 1, JSON.stringify(vs.p99));
    assert.equal(vs.p99.significant, false);
    close(vs.errorRateDelta, 0.01, 'error rate delta is of the merged figures, in points');
  });

  it('pairs round i with round i: shuffling one side changes the estimate', () => {
    const shuffled = comparisonFromRounds({ ...input, roundFigures: [...a, ...b.map((f) => ({ ...f, round: ((f.round + 1) % 3) + 1 }))] });
    const vs = shuffled.rows[0]!.cells[1]!.vsFirst!;
    const expected = expectedInterval([660 / 1_000, 360 / 1_100, 500 / 900], 4.303);
    close(vs.p50.ratio, expected[0], 'ratio');
    close(vs.p50.low, expected[1], 'low');
  });

  it('one round: ratios without intervals, and a note saying how to get them', () => {
    const one = comparisonFromRounds({ ...input, rounds: 1, roundFigures: [a[0]!, b[0]!] });
    const vs = one.rows[0]!.cells[1]!.vsFirst!;
    assert.deepEqual(vs.p50, { ratio: 0.5, low: null, high: null, significant: null });
    assert.ok(one.notes.includes('1 round: no intervals; set compare.rounds ≥ 2'), one.notes.join('\n'));
  });

  it('0 µs latencies count as 1 µs (the histograms’ floor), and the notes say so', () => {
    const cached = comparisonFromRounds({
      ...input,
      roundFigures: [...a, ...rounds('B', 'echo', [{ p50Us: 0, p99Us: 2, throughputPerSec: 1 }, { p50Us: 0, p99Us: 2, throughputPerSec: 1 }, { p50Us: 1, p99Us: 2, throughputPerSec: 1 }])],
    });
    const vs = cached.rows[0]!.cells[1]!.vsFirst!;
    close(vs.p50.ratio, Math.cbrt((1 / 1_000) * (1 / 1_100) * (1 / 900)), 'p50 ratio with 0 µs as 1 µs');
    assert.ok(Number.isFinite(vs.p50.low!) && vs.p50.low! > 0);
    assert.ok(cached.notes.some((note) => /under 1 µs count as 1 µs/.test(note)), cached.notes.join('\n'));
    assert.ok(!comparison.notes.some((note) => /1 µs/.test(note)), 'no such note when nothing was floored');
  });

  it('a round where either side measured nothing is left out of the pairs; no pair at all is an unknown ratio', () => {
    const gap = comparisonFromRounds({ ...input, roundFigures: [...a, ...b.map((f) => (f.round === 2 ? { ...f, count: 0, p50Us: 0, throughputPerSec: 0 } : f))] });
    const expected = expectedInterval([0.5, 0.4], 12.706);
    close(gap.rows[0]!.cells[1]!.vsFirst!.p50.ratio, expected[0], 'ratio of rounds 1 and 3');
    close(gap.rows[0]!.cells[1]!.vsFirst!.p50.high, expected[2], 'interval with 1 degree of freedom');
    const none = comparisonFromRounds({ ...input, roundFigures: a });
    assert.equal(none.rows[0]!.cells[1]!.vsFirst!.p50.ratio, null);
    assert.equal(none.rows[0]!.cells[1]!.vsFirst!.p50.low, null);
  });

  it('a variant that measured nothing has no error-rate difference (null, never ±0 pts)', () => {
    const empty = comparisonFromRounds({ ...input, merged: input.merged.map((m) => (m.variant === 'B' ? { ...m, count: 0, errorRate: 0 } : m)) });
    assert.equal(empty.rows[0]!.cells[1]!.vsFirst!.errorRateDelta, null);
    assert.notEqual(comparisonFromRounds(input).rows[0]!.cells[1]!.vsFirst!.errorRateDelta, null);
  });

  it('a run that stopped early says which variant ran fewer rounds', () => {
    const early = comparisonFromRounds({ ...input, roundFigures: [...a, ...b.filter((f) => f.round < 3)] });
    assert.ok(early.notes.includes('B ran 2 of 3 rounds (the run stopped early)'), early.notes.join('\n'));
    assert.ok(!comparison.notes.some((note) => /stopped early/.test(note)));
    assert.match(comparison.notes[0]!, /B ÷ A/);
  });

  it('three variants: every later one is compared with the first', () => {
    const c = rounds('C', 'echo', [{ p50Us: 2_000, p99Us: 8_000, throughputPerSec: 500 }, { p50Us: 2_200, p99Us: 8_800, throughputPerSec: 450 }, { p50Us: 1_800, p99Us: 7_200, throughputPerSec: 550 }]);
    const three = comparisonFromRounds({ ...input, variants: ['A', 'B', 'C'], roundFigures: [...a, ...b, ...c] });
    const vs = three.rows[0]!.cells[2]!.vsFirst!;
    close(vs.p50.ratio, 2, 'exactly twice in every round');
    close(vs.p50.low, 2, 'no spread, no width');
    assert.equal(vs.p50.significant, true);
    assert.equal(three.rows[0]!.cells[2]!.count, 0, 'no merged figures given for C: zeros, not a made-up value');
  });
});
