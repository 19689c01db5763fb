import type { EventEmitter } from 'node:events';
import { TIMEOUT, type Outcome } from '../client/outcome.js';
import type { WorkloadRecorder } from '../metrics/recorder.js';
import type { Bound } from '../schedule/bound.js';
import type { Clock } from '../time/clock.js';
import type { RequestEncoder } from './request-encoder.js';
import { classifyResponse } from './response.js';

/**
 * The parts of autocannon's per-connection client (lib/httpClient.js, autocannon 9) this engine uses beyond the
 * documented `setupClient` API. The integration tests in test/integration/engines pin them: if autocannon changes
 * them, those tests fail (server counts stop matching), not a benchmark silently.
 */
export interface AutocannonClient extends EventEmitter {
  /** The current socket; a new one after every reconnect (connection error, server close, timeout). */
  readonly conn: { readonly destroyed: boolean; setNoDelay?(noDelay: boolean): unknown };
  /** `_doRequest` calls it exactly once per request, right before `conn.write(buffer)`. */
  getRequestBuffer(): Buffer;
  /** Sends the next request (or pauses in rate mode). Called after each response, on (re)connect, by the rate timer. */
  _doRequest(): void;
  /** Closes the connection and emits `done`; autocannon finishes once every client is done. */
  destroy(): void;
  readonly requestIterator: {
    /**
     * Called from the HTTP parser's message-complete callback with each complete answer: the status, the body as a
     * string, and the raw header list (`[name, value, …]`, the server's casing). (autocannon's own version turns the
     * list into an object for the documented `onResponse` hook; this engine needs only the content type.)
     */
    recordBody(request: unknown, status: number, body: string, rawHeaders: readonly string[] | undefined): void;
  };
}

interface InFlight {
  readonly id: number;
  readonly operation: number;
  readonly measured: boolean;
  readonly conn: AutocannonClient['conn'];
  readonly startUs: number;
}

export type DriverPhase = 'warmup' | 'measure' | 'drain';

export interface DriverOptions {
  readonly encoder: RequestEncoder;
  /** Draws the next operation's index (the seeded weighted mix). */
  readonly pick: () => number;
  readonly recorder: WorkloadRecorder;
  readonly clock: Clock;
  readonly warmup: Bound | null;
  readonly measure: Bound;
  /** Per operation: an answer later than this is a timeout, as it would have been for mcp-bench's client. */
  readonly timeoutsUs: readonly number[];
  /** autocannon's own timeout: a request lost this old or older was lost to it. */
  readonly connectionTimeoutUs: number;
  /** Told when the measured phase begins (to start a duration bound's timer). */
  readonly onMeasureStart: (nowUs: number) => void;
  /** Told once when sending stops (to bound how long the drain may take). */
  readonly onDrain: () => void;
}

const CLOSED: Outcome = Object.freeze({ kind: 'transport', code: 'closed' });

/**
 * Feeds autocannon's connections and records what comes back into OUR recorder. Each connection keeps a FIFO of
 * its requests in flight (HTTP/1.1 answers arrive in order, pipelined or not), so every answer is matched to the
 * request it answers: its JSON-RPC id, operation, phase and send time.
 *
 * Why a FIFO of our own: autocannon's queue is only cleared on a timeout, not when a connection fails or the server
 * closes it, so after such a reconnect its `responseTime` belongs to the wrong request. Here a request whose
 * connection is gone (no longer the client's socket, or destroyed) is settled as lost at once: with the
 * connection error's errno, `timeout` when it was as old as a timeout, else `transport:closed`.
 *
 * Phases: requests are warmup or measured by when they *start*; bounds count requests started (iterations) or are
 * ended by the caller's timers (durations). `drain` stops sending: each connection closes once its requests in
 * flight are answered, so every request the server received is recorded once, warmup or measured.
 */
export class AutocannonDriver {
  phase: DriverPhase;
  measureStartUs: number | null = null;
  measureEndUs: number | null = null;
  /** True when the measured bound (not a stop) started the drain. */
  boundReached = false;
  /** errno of the first connection error, if any. */
  firstConnectionError: string | null = null;
  readonly stats = { requestsSent: 0, responses: 0, connectionErrors: 0, lostInFlight: 0, unmatchedResponses: 0 };

  private startedInPhase = 0;
  private nextId = 1;
  /** Every connection's FIFO of requests in flight, oldest first. */
  private readonly inFlight = new Map<AutocannonClient, InFlight[]>();

  constructor(private readonly options: DriverOptions) {
    this.phase = options.warmup ? 'warmup' : 'measure';
  }

  /** Starts the clock of the measured phase (now when there is no warmup; the caller does this before starting). */
  beginMeasure(nowUs: number): void {
    if (this.phase === 'drain' || this.measureStartUs !== null) return;
    this.phase = 'measure';
    this.startedInPhase = 0;
    this.measureStartUs = nowUs;
    this.options.onMeasureStart(nowUs);
  }

  /** Stops sending; connections close as their requests in flight are answered. */
  drain(boundReached: boolean): void {
    if (this.phase === 'drain') return;
    this.phase = 'drain';
    this.boundReached = boundReached;
    for (const client of this.inFlight.keys()) this.stopSending(client);
    this.options.onDrain();
  }

  /** Requests still unanswered when autocannon has finished (a forced stop): lost. */
  settleLeftovers(): void {
    for (const pending of this.inFlight.values()) {
      for (let entry = pending.shift(); entry; entry = pending.shift()) this.settleLost(entry, CLOSED);
    }
  }

  /** autocannon's `setupClient`: called once per connection, before it connects. */
  readonly setupClient = (client: AutocannonClient): void => {
    const pending: InFlight[] = [];
    this.inFlight.set(client, pending);
    let socket: AutocannonClient['conn'] | null = null;
    client.getRequestBuffer = () => {
      if (client.conn !== socket) {
        // autocannon leaves Nagle's algorithm on; a pipelined request would wait for the ACK of the one before.
        socket = client.conn;
        socket.setNoDelay?.(true);
      }
      return this.nextRequest(client, pending);
    };
    client.requestIterator.recordBody = (_request, status, body, rawHeaders) => {
      this.onAnswer(client, pending, status, body, rawHeaders);
    };
    client.on('connError', (error: unknown) => {
      this.stats.connectionErrors++;
      const code = errnoOf(error);
      this.firstConnectionError ??= code;
      this.settleGone(client, pending, { kind: 'transport', code });
    });
    if (this.phase === 'drain') this.stopSending(client);
  };

  private nextRequest(client: AutocannonClient, pending: InFlight[]): Buffer {
    this.settleGone(client, pending, CLOSED);
    const measured = this.startRequest();
    const operation = this.options.pick();
    const id = this.nextId++;
    const buffer = this.options.encoder.encode(operation, id);
    this.stats.requestsSent++;
    pending.push({ id, operation, measured, conn: client.conn, startUs: this.options.clock.nowUs() });
    const bound = this.options.measure;
    if (measured && bound.kind === 'iterations' && this.startedInPhase >= bound.count) this.drain(true);
    return buffer;
  }

  /** Counts a request against its phase's bound; true when it is measured. */
  private startRequest(): boolean {
    const warmup = this.options.warmup;
    if (this.phase === 'warmup' && warmup?.kind === 'iterations' && this.startedInPhase >= warmup.count) {
      this.beginMeasure(this.options.clock.nowUs());
    }
    this.startedInPhase++;
    return this.phase === 'warmup' ? false : this.measureStartUs !== null;
  }

  private onAnswer(client: AutocannonClient, pending: InFlight[], status: number, body: string, rawHeaders: readonly string[] | undefined): void {
    const endUs = this.options.clock.nowUs();
    this.settleGone(client, pending, CLOSED);
    const entry = pending.shift();
    if (!entry) {
      this.stats.unmatchedResponses++;
      return;
    }
    this.stats.responses++;
    const latencyUs = endUs - entry.startUs;
    const outcome =
      latencyUs > (this.options.timeoutsUs[entry.operation] ?? Infinity)
        ? TIMEOUT
        : classifyResponse(typeof status === 'number' ? status : 0, contentTypeOf(rawHeaders), body, entry.id);
    this.settle(entry, latencyUs, outcome, endUs);
  }

  /** Settles the requests at the head of the FIFO whose connection is gone: they will never be answered. */
  private settleGone(client: AutocannonClient, pending: InFlight[], reason: Outcome): void {
    for (let head = pending[0]; head && (head.conn !== client.conn || head.conn.destroyed); head = pending[0]) {
      pending.shift();
      this.settleLost(head, reason);
    }
  }

  private settleLost(entry: InFlight, reason: Outcome): void {
    this.stats.lostInFlight++;
    const endUs = this.options.clock.nowUs();
    const ageUs = endUs - entry.startUs;
    const timedOut = ageUs > (this.options.timeoutsUs[entry.operation] ?? Infinity) || ageUs >= this.options.connectionTimeoutUs * 0.9;
    this.settle(entry, ageUs, timedOut ? TIMEOUT : reason, endUs);
  }

  private settle(entry: InFlight, latencyUs: number, outcome: Outcome, endUs: number): void {
    if (!entry.measured) {
      this.options.recorder.recordWarmup(entry.operation);
      return;
    }
    this.options.recorder.record(entry.operation, latencyUs, outcome);
    if (this.measureEndUs === null || endUs > this.measureEndUs) this.measureEndUs = endUs;
  }

  /** From now on this connection sends nothing; it closes once its FIFO is empty. */
  private stopSending(client: AutocannonClient): void {
    const pending = this.inFlight.get(client) ?? [];
    // Destroyed on the next tick: autocannon may still be constructing this client (and attaches its `done`
    // listener right after), or be in the middle of the response that called `_doRequest`.
    const closeWhenIdle = (): void => {
      this.settleGone(client, pending, CLOSED);
      if (pending.length === 0) process.nextTick(() => client.destroy());
    };
    client._doRequest = closeWhenIdle;
    closeWhenIdle();
  }
}

/** The errno of a socket error (`ECONNREFUSED`, `ECONNRESET`, `EPIPE` …), else `closed`. */
function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code) ? code : 'closed';
}

/** The first Content-Type in a raw header list (`[name, value, …]`, any casing). */
function contentTypeOf(rawHeaders: readonly string[] | undefined): string | undefined {
  if (!rawHeaders) return undefined;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (name.length === 12 && name.toLowerCase() === 'content-type') return rawHeaders[i + 1];
  }
  return undefined;
}
