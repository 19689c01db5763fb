/** A source of uniform numbers in [0, 1). Injected wherever a choice is random, so runs and tests repeat. */
export type Random = () => number;

/**
 * What a random source is for. Each purpose gets its own stream from the same seed: with one stream, a client
 * picking operations and a server injecting failures from seed 1 would draw the very same numbers, and every
 * injected failure would land on the same operation (seen: 25% failures on one operation, none on another, at a
 * 20% fail rate).
 */
export type RandomStream = 'mix' | 'client' | 'server' | 'test';

const STREAM_SALT: Readonly<Record<RandomStream, number>> = {
  mix: 0x9e3779b9,
  client: 0x85ebca6b,
  server: 0xc2b2ae35,
  test: 0x27d4eb2f,
};

/**
 * A seeded pseudo-random source (mulberry32): fast, 32-bit state, good enough for picking operations, jitter and
 * fault injection; not for cryptography. The stream's salt is mixed into the seed (murmur3's finalizer), so streams
 * of one seed are unrelated.
 */
export function seededRandom(seed: number, stream: RandomStream): Random {
  let state = mix32((seed >>> 0) ^ STREAM_SALT[stream]);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
