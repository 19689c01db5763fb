import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { differenceOfIntervals, finiteEnds, ratioOfIntervals } from '../../../src/stats/interval.js';

describe('combining two runs\' intervals', () => {
  it('divides conservatively: [current.low / baseline.high, current.high / baseline.low]', () => {
    const ratio = ratioOfIntervals({ estimate: 120, low: 110, high: 130 }, { estimate: 100, low: 90, high: 110 });
    assert.equal(ratio.estimate, 1.2);
    assert.equal(ratio.low, 1); // the intervals touch at 110: not beyond noise
    assert.ok(Math.abs(ratio.high - 130 / 90) < 1e-12);
  });

  it('lies above 1 exactly when the two intervals do not overlap', () => {
    const baseline = { estimate: 100, low: 90, high: 110 };
    assert.ok(ratioOfIntervals({ estimate: 125, low: 111, high: 140 }, baseline).low > 1);
    assert.ok(!(ratioOfIntervals({ estimate: 125, low: 109, high: 140 }, baseline).low > 1));
  });

  it('keeps open ends open: an unbounded baseline gives a ratio from 0, a baseline reaching 0 one to Infinity', () => {
    const current = { estimate: 300, low: 250, high: 350 };
    assert.equal(ratioOfIntervals(current, { estimate: 100, low: 50, high: Infinity }).low, 0);
    assert.equal(ratioOfIntervals(current, { estimate: 100, low: 0, high: 150 }).high, Infinity);
  });

  it('subtracts conservatively for a difference of rates', () => {
    const difference = differenceOfIntervals({ estimate: 0.05, low: 0.04, high: 0.06 }, { estimate: 0.01, low: 0.005, high: 0.02 });
    assert.ok(Math.abs(difference.estimate - 0.04) < 1e-12);
    assert.ok(Math.abs(difference.low - 0.02) < 1e-12);
    assert.ok(Math.abs(difference.high - 0.055) < 1e-12);
  });

  it('writes an open end as null for a report', () => {
    assert.deepEqual(finiteEnds({ estimate: 2, low: 1.5, high: Infinity }), { low: 1.5, high: null });
    assert.deepEqual(finiteEnds({ estimate: 2, low: 1.5, high: 3 }), { low: 1.5, high: 3 });
  });
});
