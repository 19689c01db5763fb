/**
 * The harness's floor: the least a call costs through mcp-bench's own client path, measured with the reference
 * server's `echo` and no injected latency. The calls go through what a run uses — the endpoint pool and SdkCaller
 * from openEndpoints/composeStack, the executor from the registry, the WorkloadRecorder — so the floor is what a run
 * would report against a server that does nothing. Sequential calls give p50/p99 (one call's cost, unqueued);
 * `concurrency` in flight gives calls/s (the most the path can carry).
 */
import type { Caller } from '../client/caller.js';
import { isFatal as isFatalOutcome } from '../client/classify.js';
import type { Connection } from '../client/connect.js';
import { errorKey, type Outcome } from '../client/outcome.js';
import { PLAIN_CLIENT } from '../client/policies.js';
import { composeStack, openEndpoints } from '../client/stack.js';
import { CallTrace } from '../client/trace.js';
import { ServerLog } from '../client/transports/server-log.js';
import type { CalibratedFloor, FloorFigures } from '../metrics/harness-types.js';
import { WorkloadRecorder } from '../metrics/recorder.js';
import { seededRandom } from '../random/seeded.js';
import { execute } from '../workloads/registry.js';
import type { Bound } from '../schedule/bound.js';
import type { OperationPlan } from '../operations/operation.js';
import type { TargetPlan } from '../client/targets/registry.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import { DEFAULT_SERVER_OPTIONS } from '../server/state.js';
import { systemClock, type Clock } from '../time/clock.js';
import { IN_MEMORY_TARGET, openInMemory } from './in-memory.js';
import { WHOLE_RUN } from '../schedule/shard.js';

export interface FloorSettings {
  /**
   * Sequential calls before measuring, until `calls` were made or `us` passed, whichever comes first (the JIT compiles
   * the call path: a cold process is ~3× slower); null: none.
   */
  readonly warmup: { readonly calls: number; readonly us: number } | null;
  /** Rounds of one sequential and one concurrent phase; the floor is the best round of each (see floorThrough). */
  readonly rounds: number;
  /** One round's sequential phase: p50 and p99 come from it. */
  readonly sequential: Bound;
  /** One round's concurrent phase: calls/s comes from it. */
  readonly concurrent: Bound;
  readonly concurrency: number;
}

const ms = (n: number): Bound => ({ kind: 'duration', us: n * 1000 });

/**
 * What every `run` measures before its workloads: in-memory only, ~300 ms at most plus ~20 ms of set-up. Bounded by
 * time, so a slow machine does not make it long. In a fresh process the first ~2,000 calls run before the JIT has
 * compiled the path, with scavenges of a growing young generation on top (measured on this 2-core machine: 50 ms
 * windows had p50 40–70 µs and p99 ~4 ms for the first ~350 ms, then p50 13–14 µs and p99 50–70 µs); a floor measured
 * cold would claim latencies that are the server's as mcp-bench's. So a short warmup, then four short rounds of
 * which the best counts: later rounds are warm, and a round hit by a scavenge or a preemption is not the floor.
 */
export const QUICK_FLOOR: FloorSettings = { warmup: { calls: 3_000, us: 150_000 }, rounds: 3, sequential: ms(20), concurrent: ms(20), concurrency: 16 };

/** `mcp-bench calibrate`: 5 rounds of `phaseUs / 5` per phase, after up to 5,000 warmup calls (at most `phaseUs`). */
export function floorSettings(phaseUs: number, concurrency = 16): FloorSettings {
  const round: Bound = { kind: 'duration', us: Math.max(1, Math.round(phaseUs / 5)) };
  return { warmup: { calls: 5_000, us: phaseUs }, rounds: 5, sequential: round, concurrent: round, concurrency };
}

/** The built-in server over stdio (`mcp-bench serve`), echo with no latency. */
export const STDIO_ECHO_TARGET: TargetPlan = { kind: 'builtin', transport: 'stdio', server: DEFAULT_SERVER_OPTIONS };

/** A run's quick calibration: the in-memory floor. */
export async function quickFloor(clock: Clock = systemClock): Promise<CalibratedFloor> {
  return { inMemory: await measureFloor(IN_MEMORY_TARGET, QUICK_FLOOR, { clock, open: openInMemory }) };
}

/** Both floors, in-memory first (the stdio server is spawned only for its own measurement). */
export async function calibrate(settings: FloorSettings, clock: Clock = systemClock): Promise<Required<CalibratedFloor>> {
  const inMemory = await measureFloor(IN_MEMORY_TARGET, settings, { clock, open: openInMemory });
  const stdio = await measureFloor(STDIO_ECHO_TARGET, settings, { clock });
  return { inMemory, stdio };
}

export interface FloorDeps {
  readonly clock: Clock;
  /** How the session is opened (the in-memory server); the real connect() otherwise. */
  readonly open?: (target: TargetPlan) => Promise<Connection>;
}

/** Opens one session to `target` as a run does (plain client), measures the floor through it, closes it. */
export async function measureFloor(target: TargetPlan, settings: FloorSettings, deps: FloorDeps): Promise<FloorFigures> {
  const log = new ServerLog();
  const stackDeps = { clock: deps.clock, random: seededRandom(1, 'client'), log, ...(deps.open && { open: deps.open }) };
  const endpoints = await openEndpoints([target], PLAIN_CLIENT, stackDeps);
  const stack = composeStack(PLAIN_CLIENT, endpoints, new Set(), stackDeps);
  try {
    return await floorThrough(stack.caller, settings, deps.clock, (outcome) => stack.isFatal(outcome));
  } finally {
    await stack.close();
  }
}

/**
 * The floor through an open caller: warmup, then rounds of a sequential and a concurrent phase. The floor is the least
 * a call costs, and noise (a scavenge, a preemption, code not yet compiled) only adds to it: so p50 and p99 are each
 * the least of the sequential rounds', calls/s the best concurrent round's, and `calls` every sequential call made.
 */
export async function floorThrough(caller: Caller, settings: FloorSettings, clock: Clock, isFatal: (o: Outcome) => boolean = isFatalOutcome): Promise<FloorFigures> {
  const context = { caller, clock, isFatal };
  if (settings.warmup) await warmUp(caller, clock, settings.warmup);
  const floor = { calls: 0, p50Us: Infinity, p99Us: Infinity, callsPerSec: 0 };
  for (let round = 0; round < Math.max(1, settings.rounds); round++) {
    const { recorded } = await phase(echoWorkload('sequential', settings.sequential, 1), context);
    // A short phase that a stall of the machine swallowed whole started no call: the other rounds stand for it.
    if (recorded.count > 0) {
      // Two percentiles only: latencyStats' mean and stdev walk every bucket (tens of ms on a wide histogram).
      floor.calls += recorded.count;
      floor.p50Us = Math.min(floor.p50Us, recorded.histogram.getValueAtPercentile(50));
      floor.p99Us = Math.min(floor.p99Us, recorded.histogram.getValueAtPercentile(99));
    }
    const concurrent = await phase(echoWorkload('concurrent', settings.concurrent, settings.concurrency), context);
    floor.callsPerSec = Math.max(floor.callsPerSec, concurrent.callsPerSec);
  }
  if (floor.calls === 0 || floor.callsPerSec === 0) throw new Error('calibration: no call completed');
  return floor;
}

/** Echo calls one at a time until `calls` were made or `us` passed (the executor's warmup has one bound, not two). */
async function warmUp(caller: Caller, clock: Clock, bound: { readonly calls: number; readonly us: number }): Promise<void> {
  const options = { timeoutUs: ECHO.timeoutUs, trace: new CallTrace() };
  const deadlineUs = clock.nowUs() + bound.us;
  for (let i = 0; i < bound.calls && clock.nowUs() < deadlineUs; i++) {
    options.trace.reset();
    const outcome = await caller.call(ECHO.request, options);
    if (outcome.kind !== 'ok') throw new Error(`calibration: a warmup echo call failed (${errorKey(outcome)})`);
  }
}

interface PhaseContext {
  readonly caller: Caller;
  readonly clock: Clock;
  readonly isFatal: (outcome: Outcome) => boolean;
}

/** Runs one phase through the executor and recorder a run uses; throws if any call failed (a floor needs clean calls). */
async function phase(workload: WorkloadPlan, context: PhaseContext) {
  const recorder = new WorkloadRecorder(workload.operations.map((op) => op.name));
  const stopSignal = new AbortController().signal;
  const execution = await execute(workload, { ...context, random: seededRandom(workload.seed, 'mix'), recorder, stopSignal });
  const recorded = recorder.operations[0]!;
  if (execution.fatal) throw new Error(`calibration: the echo server stopped answering (${errorKey(execution.fatal)})`);
  if (recorded.ok !== recorded.count) throw new Error(`calibration: ${recorded.count - recorded.ok} of ${recorded.count} echo calls failed (${[...recorded.errors.keys()].join(', ')})`);
  const spanUs = (execution.measureEndUs ?? 0) - (execution.measureStartUs ?? 0);
  return { recorded, callsPerSec: spanUs > 0 ? Math.round((recorded.count * 1e6) / spanUs) : 0 };
}

const ECHO: OperationPlan = { name: 'tools/call echo', weight: 1, timeoutUs: 10_000_000, request: { method: 'tools/call', tool: 'echo', args: { message: 'floor' } } };

function echoWorkload(type: 'sequential' | 'concurrent', measure: Bound, concurrency: number): WorkloadPlan {
  const base = {
    name: `calibrate-${type}`,
    operations: [ECHO],
    warmup: null,
    measure,
    seed: 1,
    shard: WHOLE_RUN,
    client: PLAIN_CLIENT,
    endpoints: [IN_MEMORY_TARGET],
    engine: { kind: 'client' } as const,
  };
  return type === 'sequential' ? { ...base, type } : { ...base, type, concurrency };
}
