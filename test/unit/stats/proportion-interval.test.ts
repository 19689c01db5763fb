import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wilsonInterval } from '../../../src/stats/proportion-interval.js';

const close = (actual: number, expected: number, label: string): void =>
  assert.ok(Math.abs(actual - expected) < 5e-5, `${label}: ${actual} vs ${expected}`);

describe('Wilson interval of an error rate', () => {
  it('matches published values (Newcombe 1998, table I)', () => {
    // 81/263: 0.2553–0.3662; 15/148: 0.0624–0.1605; 0/20: 0–0.1611; 1/29: 0.0061–0.1718.
    for (const [x, n, low, high] of [[81, 263, 0.2553, 0.3662], [15, 148, 0.0624, 0.1605], [0, 20, 0, 0.1611], [1, 29, 0.0061, 0.1718]] as const) {
      const interval = wilsonInterval(x, n)!;
      close(interval.low, low, `${x}/${n} low`);
      close(interval.high, high, `${x}/${n} high`);
      assert.equal(interval.estimate, x / n);
    }
  });

  it('does not collapse when no call (or every call) failed: 0 of 100 is [0, 3.7%]', () => {
    const none = wilsonInterval(0, 100)!;
    assert.equal(none.low, 0);
    close(none.high, 0.037, '0/100 high');
    const all = wilsonInterval(100, 100)!;
    assert.equal(all.high, 1);
    close(all.low, 0.963, '100/100 low');
  });

  it('is null without calls or for impossible counts', () => {
    assert.equal(wilsonInterval(0, 0), null);
    assert.equal(wilsonInterval(3, 2), null);
    assert.equal(wilsonInterval(-1, 10), null);
  });
});
