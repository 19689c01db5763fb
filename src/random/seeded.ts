/** A source of uniform numbers in [0, 1). Injected wherever a choice is random, so runs and tests repeat. */
export type Random = () => number;

/**
 * A random source that is seekable: the k-th draw (k = 0, 1, …) of a stream, computed directly, without drawing
 * the k draws before it. What lets shards agree on the operation of a global arrival without talking to each other.
 */
export type RandomAt = (k: number) => number;

/**
 * What a random source is for. Each purpose gets its own stream from the same seed: with one stream, a client
 * picking operations and a server injecting failures from seed 1 would draw the very same numbers, and every
 * injected failure would land on the same operation (seen: 25% failures on one operation, none on another, at a
 * 20% fail rate). `mix-warmup`: the open model's warmup arrivals, an index space of their own (measured arrival k
 * draws from `mix`, warmup arrival k from `mix-warmup`, so the measured phase does not replay the warmup's choices).
 * `template`: `{{int}}`, `{{pick}}` and `{{uuid}}` (operations/template.ts); `data`: a data file's random row order;
 * `tenant`: the tenant of call number seq (traffic/routes.ts), drawn apart from the mix so adding tenants changes no
 * call's operation.
 */
export type RandomStream = 'mix' | 'mix-warmup' | 'client' | 'server' | 'test' | 'template' | 'data' | 'tenant' | 'capabilities';

const STREAM_SALT: Readonly<Record<RandomStream, number>> = {
  mix: 0x9e3779b9,
  'mix-warmup': 0x165667b1,
  client: 0x85ebca6b,
  server: 0xc2b2ae35,
  test: 0x27d4eb2f,
  template: 0x61c88647,
  data: 0x7f4a7c15,
  tenant: 0x4cf5ad43,
  capabilities: 0x2545f491,
};

/** mulberry32 adds this to its state at every draw: the state of draw k is the start state + (k + 1) · STEP. */
const STEP = 0x6d2b79f5;

/**
 * A seeded pseudo-random source (mulberry32): fast, 32-bit state, good enough for picking operations, jitter and
 * fault injection; not for cryptography. The stream's salt is mixed into the seed (murmur3's finalizer), so streams
 * of one seed are unrelated. Its k-th draw equals `seekableRandom(seed, stream)(k)`.
 */
export function seededRandom(seed: number, stream: RandomStream): Random {
  let state = startState(seed, stream);
  return () => {
    state = (state + STEP) >>> 0;
    return output(state);
  };
}

/**
 * The same stream as `seededRandom(seed, stream)`, seekable: mulberry32's state advances by a constant per draw, so
 * the k-th draw is the output of start + (k + 1) · STEP (mod 2³²). Pure: any k, any order, the same number.
 */
export function seekableRandom(seed: number, stream: RandomStream): RandomAt {
  const start = startState(seed, stream);
  return (k) => output((start + Math.imul((k + 1) >>> 0, STEP)) >>> 0);
}

/**
 * The seed of shard `index`'s own streams, where shards must not draw in lockstep (a closed loop's mix: N shards
 * sending the same operation sequence at once would load one operation, then another). Shard 0 keeps the seed, so
 * a workload that only shard 0 runs (sequential) draws as on one machine.
 */
export function shardSeed(seed: number, index: number): number {
  return index === 0 ? seed : mix32((seed >>> 0) ^ Math.imul(index, 0x2545f491));
}

function startState(seed: number, stream: RandomStream): number {
  return mix32((seed >>> 0) ^ STREAM_SALT[stream]);
}

/** mulberry32's output function of a state. */
function output(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
