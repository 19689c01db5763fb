import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom, seekableRandom } from '../../../src/random/seeded.js';
import { weightedPicker, weightedPickerAt } from '../../../src/schedule/mix.js';
import type { OperationPlan } from '../../../src/operations/operation.js';

const op = (name: string, weight: number): OperationPlan => ({ name, weight, timeoutUs: 1_000_000, request: { method: 'ping' } });

describe('weightedPicker', () => {
  it('follows the weights (3:1:1 over 50,000 draws, within 1.5 percentage points)', () => {
    const pick = weightedPicker([op('a', 3), op('b', 1), op('c', 1)], seededRandom(42, 'test'));
    const counts = [0, 0, 0];
    for (let i = 0; i < 50_000; i++) counts[pick()]!++;
    const shares = counts.map((n) => n / 50_000);
    assert.ok(Math.abs(shares[0]! - 0.6) < 0.015, `a: ${shares[0]}`);
    assert.ok(Math.abs(shares[1]! - 0.2) < 0.015, `b: ${shares[1]}`);
    assert.ok(Math.abs(shares[2]! - 0.2) < 0.015, `c: ${shares[2]}`);
  });

  it('repeats exactly for the same seed and differs for another', () => {
    const ops = [op('a', 1), op('b', 1), op('c', 2)];
    const draw = (seed: number): number[] => {
      const pick = weightedPicker(ops, seededRandom(seed, 'test'));
      return Array.from({ length: 64 }, pick);
    };
    assert.deepEqual(draw(7), draw(7));
    assert.notDeepEqual(draw(7), draw(8));
  });

  it('maps random edges to the first and last operation', () => {
    const values = [0, 0.999999];
    const pick = weightedPicker([op('a', 1), op('b', 1)], () => values.shift() ?? 0);
    assert.equal(pick(), 0);
    assert.equal(pick(), 1);
  });

  it('never draws for a single operation and refuses an empty mix', () => {
    const pick = weightedPicker([op('only', 5)], () => assert.fail('drew a random number'));
    assert.equal(pick(), 0);
    assert.throws(() => weightedPicker([], seededRandom(1, 'test')), RangeError);
  });
});

describe('rows of weight 0 (a journey\'s steps)', () => {
  it('are never drawn, not even at the top end of the range, by either picker', () => {
    const ops = [op('journey', 1), op('journey › a', 0), op('echo', 1), op('echo › b', 0)];
    const edges = [0, 0.4999, 0.5, 0.999999];
    const pick = weightedPicker(ops, () => edges.shift()!);
    assert.deepEqual([pick(), pick(), pick(), pick()], [0, 0, 2, 2]);
    const at = weightedPickerAt(ops, (k) => [0, 0.4999, 0.5, 0.999999][k]!);
    assert.deepEqual([0, 1, 2, 3].map(at), [0, 0, 2, 2]);
  });

  it('leave one drawn entry that needs no random draw, and a mix of only weight 0 is refused', () => {
    const pick = weightedPicker([op('j', 0), op('journey', 2), op('j › a', 0)], () => assert.fail('drew a random number'));
    assert.equal(pick(), 1);
    assert.throws(() => weightedPicker([op('a', 0)], seededRandom(1, 'test')), RangeError);
  });
});

describe('random streams', () => {
  it('the mix and the server draw unrelated numbers from the same seed', () => {
    const mix = seededRandom(1, 'mix');
    const server = seededRandom(1, 'server');
    // A 3:1 mix against a 20% fail rate: with one shared stream every failure landed on the heavier operation.
    const failures = [0, 0];
    const calls = [0, 0];
    for (let i = 0; i < 100_000; i++) {
      const op = mix() < 0.75 ? 0 : 1;
      calls[op]!++;
      if (server() < 0.2) failures[op]!++;
    }
    for (const op of [0, 1]) {
      const rate = failures[op]! / calls[op]!;
      assert.ok(Math.abs(rate - 0.2) < 0.01, `operation ${op} fails ${rate}`);
    }
  });
});

describe('weightedPickerAt: the operation of draw k, a pure function of k', () => {
  it('picks what weightedPicker picks from the same stream, draw for draw', () => {
    const ops = [op('a', 3), op('b', 1), op('c', 2)];
    const sequential = weightedPicker(ops, seededRandom(5, 'mix'));
    const at = weightedPickerAt(ops, seekableRandom(5, 'mix'));
    const drawn = Array.from({ length: 500 }, sequential);
    assert.deepEqual(Array.from({ length: 500 }, (_, k) => at(k)), drawn);
    assert.equal(new Set(drawn).size, 3);
  });

  it('never draws for a single operation and refuses an empty mix', () => {
    assert.equal(weightedPickerAt([op('only', 1)], () => assert.fail('drew a random number'))(12), 0);
    assert.throws(() => weightedPickerAt([], seekableRandom(1, 'mix')), RangeError);
  });
});
