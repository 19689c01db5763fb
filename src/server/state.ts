import { seededRandom, type Random } from '../random/seeded.js';
import type { ReferenceServerOptions } from './options.js';
import { MessageCounter } from './counter.js';
import { FaultInjector, type SleepUs } from './faults.js';
import { preciseSleepUs } from './precise-delay.js';
import { ResumableCalls } from './resumable-tools.js';
import { CallLeak } from './call-leak.js';
import { SessionLeak } from './session-leak.js';
import { KeyedStore } from './store.js';
import { ResourceSubscriptions } from './subscriptions.js';

/**
 * What every session of one reference server process shares: the message counter, the seeded random source and
 * the knobs drawing from it. Sessions are separate `McpServer` instances built from one state.
 */
export interface ReferenceServerState {
  readonly options: ReferenceServerOptions;
  readonly counter: MessageCounter;
  /** The seeded random source (mulberry32), shared by the knobs and the `flaky` tool. */
  readonly random: Random;
  readonly faults: FaultInjector;
  /** How the server waits (the latency knob and the `sleep` tool). */
  readonly sleepUs: SleepUs;
  /** What `store_put` writes and `store_get` reads, shared by every session (store.ts). */
  readonly store: KeyedStore;
  /** What each session opened keeps for ever when the leak knob is on (nothing by default). */
  readonly sessionLeak: SessionLeak;
  /** What each tools/call answered keeps for ever when `--leak-per-call` is on (nothing by default). */
  readonly callLeak: CallLeak;
  /** The calls whose stream `resumable` closed, whose answers the event stores keep (resumable-tools.ts). */
  readonly resumableCalls: ResumableCalls;
  /** Who is subscribed to which resource, and `bench://counter` (subscriptions.ts). */
  readonly subscriptions: ResourceSubscriptions;
}

export const DEFAULT_SERVER_OPTIONS: ReferenceServerOptions = { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 };

/** Builds the shared state; `sleepUs` defaults to the precise real-time sleep and is injectable for tests. */
export function createServerState(
  options: ReferenceServerOptions = DEFAULT_SERVER_OPTIONS,
  sleepUs: SleepUs = preciseSleepUs,
): ReferenceServerState {
  const random = seededRandom(options.seed, 'server');
  const counter = new MessageCounter();
  return {
    options,
    counter,
    random,
    faults: new FaultInjector(options, random, sleepUs),
    sleepUs,
    store: new KeyedStore(),
    sessionLeak: new SessionLeak(options.leakPerSessionBytes ?? 0),
    callLeak: new CallLeak(options.leakPerCallBytes ?? 0),
    resumableCalls: new ResumableCalls(),
    subscriptions: new ResourceSubscriptions(counter),
  };
}
