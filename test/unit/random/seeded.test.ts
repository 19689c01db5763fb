import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom, seekableRandom, shardSeed, type RandomStream } from '../../../src/random/seeded.js';

describe('seekableRandom: the k-th draw of a seeded stream, computed directly', () => {
  it('equals the k-th draw of seededRandom for every seed and stream tried (first 2,000 draws)', () => {
    const streams: RandomStream[] = ['mix', 'mix-warmup', 'client', 'server', 'test'];
    for (const seed of [0, 1, 42, -7, 2 ** 31 + 5]) {
      for (const stream of streams) {
        const next = seededRandom(seed, stream);
        const at = seekableRandom(seed, stream);
        for (let k = 0; k < 2_000; k++) assert.equal(at(k), next(), `seed ${seed}, ${stream}, draw ${k}`);
      }
    }
  });

  it('is pure: any order, asked twice, the same number', () => {
    const at = seekableRandom(9, 'mix');
    const forward = Array.from({ length: 100 }, (_, k) => at(k));
    const backward = Array.from({ length: 100 }, (_, k) => at(99 - k)).reverse();
    assert.deepEqual(backward, forward);
    assert.equal(new Set(forward).size, 100);
  });

  it('seeks far (k beyond 2³²) and stays in [0, 1); draw k + 2³² is draw k (mulberry32 has a 2³² period)', () => {
    const at = seekableRandom(3, 'mix');
    for (const k of [2 ** 32 - 2, 2 ** 32 - 1, 2 ** 40 + 17, 2 ** 52]) {
      const value = at(k);
      assert.ok(value >= 0 && value < 1, `draw ${k}: ${value}`);
    }
    assert.equal(at(2 ** 32 + 5), at(5));
  });

  it('the warmup mix is a stream of its own: its draws are not the measured mix’s', () => {
    const mix = seekableRandom(1, 'mix');
    const warmup = seekableRandom(1, 'mix-warmup');
    const same = Array.from({ length: 1_000 }, (_, k) => mix(k) === warmup(k)).filter(Boolean).length;
    assert.equal(same, 0);
  });
});

describe('shardSeed: a shard’s own seed for streams that must not run in lockstep', () => {
  it('shard 0 keeps the seed; shards 1 … 63 get 63 other seeds, different for another seed', () => {
    assert.equal(shardSeed(17, 0), 17);
    const seeds = Array.from({ length: 64 }, (_, index) => shardSeed(17, index));
    assert.equal(new Set(seeds).size, 64);
    assert.notEqual(shardSeed(18, 5), shardSeed(17, 5));
  });

  it('the shards’ first draws differ, so their mixes do not send the same operations at once', () => {
    const firsts = [0, 1, 2].map((index) => seededRandom(shardSeed(1, index), 'mix')());
    assert.equal(new Set(firsts).size, 3);
  });
});
