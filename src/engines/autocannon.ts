/**
 * The autocannon engine: drives a Streamable HTTP MCP endpoint with raw HTTP/1.1 `tools/call` POSTs through
 * autocannon, which sends far more requests per second than any SDK client, so a run shows the server's capacity
 * when the client would otherwise be the bottleneck. Every answer is still parsed and recorded by mcp-bench.
 *
 * Session. `initialize` + `notifications/initialized` go through the SDK client over our node:http transport (the
 * SDK's latest protocol version, clientInfo mcp-bench); every raw request then carries the `Mcp-Session-Id` and the
 * negotiated `MCP-Protocol-Version`, and the session is DELETEd at the end.
 *
 * Requests. Each carries a unique JSON-RPC id (a counter) and the operation drawn from the seeded weighted mix. The
 * bytes are built by mcp-bench (RequestEncoder) and handed to autocannon per request by replacing the connection's
 * `getRequestBuffer`, which autocannon's `_doRequest` calls once per request right before `conn.write`. Sockets get
 * TCP_NODELAY (as Node's own HTTP client does; autocannon leaves Nagle on, which can hold a pipelined request back).
 *
 * Answers. Every answer (JSON or `text/event-stream`) is classified like mcp-bench's client would (see response.ts)
 * and recorded per operation in OUR recorder — never autocannon's 2xx count. A request whose connection fails or is
 * closed before its answer is recorded too (errno, `closed`, or `timeout`), so every request the server received is
 * counted exactly once, warmup (recordWarmup) or measured. When the server goes away, autocannon reconnects at once,
 * again and again, writing a request each time: each is recorded (`transport:ECONNREFUSED`), so such a run shows
 * many fast failures; it is `fatal` only if no request at all was answered.
 *
 * Latency, exactly. From `clock.nowUs()` taken in `getRequestBuffer` — after the request's bytes are built,
 * immediately before autocannon writes them to the socket — to `clock.nowUs()` taken first thing in the connection's
 * `requestIterator.recordBody`, which autocannon calls from its HTTP parser's message-complete callback for that
 * answer (before mcp-bench parses the body, so parsing is not charged). That hook replaces the documented
 * `onResponse`, which would cost a header-object conversion per answer. Both are performance.now() (µs with
 * sub-µs resolution), recorded as integer µs. It includes time the write waits in the socket buffer (pipelining),
 * the server, and the client's event-loop delay in reading the answer; the first request of each connection also
 * includes the TCP connect. Not used: autocannon's `responseTime` (the same span from process.hrtime, in ms with
 * sub-ms precision) because autocannon does not clear its queue of pipelined requests when a connection fails or the
 * server closes it, so after such a reconnect it times the wrong request; and autocannon's latency histogram, which
 * stores whole milliseconds (so everything fast is 0 or 1 ms) and, in rate mode, "corrects" with an expected
 * interval of `ceil(1/rate)` = 1 ms whatever the rate.
 *
 * Modes (the workload type's `autocannon` load). `concurrent`: `connections = concurrency`, `pipelining` from the plan (calls in flight = their product).
 * `constant-rate`: autocannon's `overallRate`, see RATE_MODE_NOTE — it is not an open model, and the result says so.
 * Bounds (warmup and measured; iterations or duration) are counted by this engine on one autocannon run, so warmed
 * connections carry on into the measured phase; a phase holds the requests *started* in it. At the bound, or on
 * `stopSignal`, the engine stops sending and waits for the answers in flight (closing each connection when it has
 * none), then stops autocannon.
 */
// Types only up front: autocannon itself (~160 ms to import) is loaded when a workload first uses the engine, so
// every other run, and every CLI start, does not pay for it.
import type autocannon from 'autocannon';
import { classifyError } from '../client/classify.js';
import type { Outcome } from '../client/outcome.js';
import type { WorkloadRecorder } from '../metrics/recorder.js';
import { seededRandom } from '../random/seeded.js';
import type { ExecutionResult } from '../workloads/executor.js';
import { weightedPicker } from '../schedule/mix.js';
import type { AutocannonLoad } from '../workloads/descriptor.js';
import type { WorkloadBase } from '../workloads/plan.js';
import type { Clock } from '../time/clock.js';
import { AutocannonDriver, type AutocannonClient } from './autocannon-driver.js';
import { RequestEncoder } from './request-encoder.js';
import { openMcpHttpSession, type McpHttpSession } from './session.js';

/** What the engine reads of a workload: its operations, bounds, seed and engine settings (not its type). */
export type AutocannonWorkload = Pick<WorkloadBase, 'operations' | 'warmup' | 'measure' | 'seed' | 'engine'>;

export interface AutocannonEngineContext {
  readonly recorder: WorkloadRecorder;
  readonly clock: Clock;
  /** Aborted to stop sending; answers in flight are still awaited and recorded. */
  readonly stopSignal: AbortSignal;
  /** The target's pinned protocol version (`protocolVersion:`), offered by the engine's own session too. */
  readonly protocolVersion?: string;
}

export interface AutocannonEngineResult extends ExecutionResult {
  /** What the engine did: connections, requests sent, answers, connection errors, requests lost in flight, … */
  readonly engineStats: Readonly<Record<string, number>>;
  /** Caveats a report should print next to this workload's figures (rate-mode latency, a raised timeout). */
  readonly engineNotes: readonly string[];
}

export const RATE_MODE_NOTE =
  "autocannon's rate limit is a per-connection quota per 1-second window: each connection sends its share back to " +
  'back as the window opens, then idles. Nothing is scheduled, so latency is service time (send → answer), not ' +
  'measured from a scheduled start and not corrected for coordinated omission; a server slower than the rate ' +
  'lowers the rate achieved instead of raising latency. Use the client engine for open-model latency.';

/** Connections a rate-mode run opens at most (each takes its share of the rate). */
const RATE_MODE_MAX_CONNECTIONS = 64;
/** autocannon's own run length, never reached: the engine ends the run (autocannon's timer must fit 2^31 ms). */
const AUTOCANNON_DURATION_S = 2_000_000;
/** autocannon refuses a timeout below 1 s. */
const MIN_AUTOCANNON_TIMEOUT_S = 1;
/** How long a drain may outlast autocannon's timeout before the run is stopped outright. */
const DRAIN_GRACE_US = 2_000_000;

/**
 * Runs one workload through autocannon against the Streamable HTTP endpoint `url`. Never throws for failed calls;
 * a session that cannot be opened, or a run in which no request got an answer because connecting failed, is `fatal`.
 */
export async function runAutocannon(
  workload: AutocannonWorkload,
  load: AutocannonLoad,
  url: string,
  headers: Readonly<Record<string, string>>,
  context: AutocannonEngineContext,
): Promise<AutocannonEngineResult> {
  const shape = loadShape(workload, load);
  if (context.stopSignal.aborted) return notRun(null, true, shape);
  let session: McpHttpSession;
  try {
    session = await openMcpHttpSession(url, headers, context.protocolVersion);
  } catch (error) {
    return notRun(classifyError(error, false), context.stopSignal.aborted, shape);
  }
  try {
    return await drive(withLoadPhases(workload, load), url, headers, session, shape, context);
  } finally {
    await session.close();
  }
}

/**
 * The bounds autocannon runs: a shard's rate load carries its share of them (`phases`: the split plan keeps the global
 * bounds, which its own open loop strides); otherwise the workload's own.
 */
export function withLoadPhases(workload: AutocannonWorkload, load: AutocannonLoad): AutocannonWorkload {
  return 'phases' in load && load.phases ? { ...workload, ...load.phases } : workload;
}

/** How autocannon is set up for a workload: its options, and what a report should know about them. */
export interface LoadShape {
  readonly connections: number;
  readonly pipelining: number;
  /** Requests per second over all connections (constant-rate), or null. */
  readonly overallRate: number | null;
  readonly timeoutSeconds: number;
  readonly notes: readonly string[];
}

export function loadShape(workload: AutocannonWorkload, load: AutocannonLoad): LoadShape {
  const pipelining = workload.engine.kind === 'autocannon' ? Math.max(1, Math.floor(workload.engine.pipelining)) : 1;
  const longestTimeoutUs = Math.max(...workload.operations.map((op) => op.timeoutUs));
  const timeoutSeconds = Math.max(MIN_AUTOCANNON_TIMEOUT_S, longestTimeoutUs / 1e6);
  const notes: string[] = [];
  if (workload.operations.some((op) => op.timeoutUs < MIN_AUTOCANNON_TIMEOUT_S * 1e6)) {
    notes.push(
      'autocannon waits at least 1 s for an answer: an answer later than its operation timeout is counted as a ' +
        'timeout, but its connection stays busy until the answer or 1 s.',
    );
  }
  if ('connections' in load) {
    return { connections: Math.max(1, load.connections), pipelining, overallRate: null, timeoutSeconds, notes };
  }
  const overallRate = Math.max(1, Math.round(load.ratePerSec));
  if (overallRate !== load.ratePerSec) notes.push(`autocannon takes whole requests per second: rate ${overallRate}/s.`);
  // maxInFlight defaults to up to 10,000 (rate × 10 s, capped): opening that many connections is a
  // load of its own, so rate mode uses at most RATE_MODE_MAX_CONNECTIONS.
  const connections = Math.min(overallRate, RATE_MODE_MAX_CONNECTIONS, Math.max(1, Math.floor(load.maxInFlight / pipelining)));
  return { connections, pipelining, overallRate, timeoutSeconds, notes: [RATE_MODE_NOTE, ...notes] };
}

async function drive(
  workload: AutocannonWorkload,
  url: string,
  headers: Readonly<Record<string, string>>,
  session: McpHttpSession,
  shape: LoadShape,
  context: AutocannonEngineContext,
): Promise<AutocannonEngineResult> {
  const { clock, recorder, stopSignal } = context;
  const timers = new AbortController();
  const after = (us: number, action: () => void): void => {
    void clock.sleepUs(us, timers.signal).then(() => timers.signal.aborted || action());
  };
  let instance: autocannon.Instance | null = null;
  const connectionTimeoutUs = shape.timeoutSeconds * 1e6;
  const driver = new AutocannonDriver({
    encoder: new RequestEncoder(workload.operations, { url: new URL(url), headers, ...session }),
    pick: weightedPicker(workload.operations, seededRandom(workload.seed, 'mix')),
    recorder,
    clock,
    warmup: workload.warmup,
    measure: workload.measure,
    timeoutsUs: workload.operations.map((op) => op.timeoutUs),
    connectionTimeoutUs,
    onMeasureStart: () => {
      if (workload.measure.kind === 'duration') after(workload.measure.us, () => driver.drain(true));
    },
    onDrain: () => after(connectionTimeoutUs + DRAIN_GRACE_US, () => instance?.stop()),
  });
  const onStop = (): void => driver.drain(false);
  stopSignal.addEventListener('abort', onStop, { once: true });
  if (workload.warmup === null) driver.beginMeasure(clock.nowUs());
  else if (workload.warmup.kind === 'duration') after(workload.warmup.us, () => driver.beginMeasure(clock.nowUs()));
  let result: autocannon.Result;
  const { default: start } = await import('autocannon');
  try {
    result = await new Promise<autocannon.Result>((resolve, reject) => {
      instance = start(autocannonOptions(url, shape, driver), (error: unknown, done) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done),
      );
    });
  } finally {
    timers.abort();
    stopSignal.removeEventListener('abort', onStop);
  }
  driver.settleLeftovers();
  const stats = driver.stats;
  const fatal: Outcome | null =
    stats.responses === 0 && driver.firstConnectionError !== null ? { kind: 'transport', code: driver.firstConnectionError } : null;
  return {
    measureStartUs: driver.measureStartUs,
    measureEndUs: driver.measureEndUs,
    fatal,
    interrupted: !driver.boundReached && stopSignal.aborted,
    engineStats: {
      connections: shape.connections,
      pipelining: shape.pipelining,
      ...(shape.overallRate === null ? {} : { overallRatePerSec: shape.overallRate, latencyFromScheduledStart: 0 }),
      timeoutSeconds: shape.timeoutSeconds,
      ...stats,
      autocannonCompleted: result.requests.total,
      autocannonErrors: result.errors,
      autocannonTimeouts: result.timeouts,
    },
    engineNotes: shape.notes,
  };
}

function autocannonOptions(url: string, shape: LoadShape, driver: AutocannonDriver): autocannon.Options {
  return {
    url,
    method: 'POST',
    connections: shape.connections,
    pipelining: shape.pipelining,
    timeout: shape.timeoutSeconds,
    duration: AUTOCANNON_DURATION_S,
    // autocannon notices that every connection is done at its next sample tick; sample often so the run ends soon.
    sampleInt: 100,
    ...(shape.overallRate === null ? {} : { overallRate: shape.overallRate }),
    setupClient: (client) => driver.setupClient(client as unknown as AutocannonClient),
  };
}

function notRun(fatal: Outcome | null, interrupted: boolean, shape: LoadShape): AutocannonEngineResult {
  return { measureStartUs: null, measureEndUs: null, fatal, interrupted, engineStats: {}, engineNotes: shape.notes };
}
