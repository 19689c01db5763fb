/**
 * One session of a session-churn workload, from open to close, and what all of a workload's sessions share: the
 * sessions still open (every one is closed on every way out, even one whose open ends after the workload did), those
 * left open (close: false; at most `maxOpen`, the oldest closed beyond), the recorders, the fatal outcome. The drivers
 * (session-churn-loop.ts) decide when sessions start: N at a time, or at a rate.
 */
import { setMaxListeners } from 'node:events';
import { CONNECT_INTERRUPTED, ConnectError } from '../../client/connect.js';
import { TIMEOUT, type Outcome } from '../../client/outcome.js';
import { CallTrace } from '../../client/trace.js';
import { SessionChurnRecorder } from '../../metrics/session-churn.js';
import { seekableRandom } from '../../random/seeded.js';
import { weightedPickerAt } from '../../schedule/mix.js';
import { plainPerformer } from '../../traffic/performer.js';
import type { ChurnSession, ExecutionContext, ExecutionResult, SessionOpener } from '../executor.js';
import type { WorkloadBase } from '../plan.js';

/** What the session loops read of a plan. */
export type ChurnPlan = Pick<WorkloadBase, 'operations' | 'seed' | 'shard' | 'warmup' | 'measure'> & {
  readonly callsPerSession: number;
  /** False: sessions are left open (a leak, client side) until the workload ends. */
  readonly close: boolean;
  /** Sessions left open at once at most: past it the oldest left open is closed (and counted as evicted). */
  readonly maxOpen: number;
};

/** Sessions in a row that fail to open before the target counts as gone (the workload stops, failed). */
export const MAX_OPEN_FAILURES_IN_A_ROW = 5;

export class ChurnSessions {
  readonly record = new SessionChurnRecorder();
  /** Every session open now, left open or not: closed by closeAll() whatever ends the workload. */
  private readonly open = new Set<ChurnSession>();
  /** Sessions left open (close: false), oldest first, each with whether it was measured. */
  private readonly leftOpen = new Map<ChurnSession, boolean>();
  /** Set by closeAll(): a session whose open completes afterwards is closed at once. */
  private closed = false;
  /** Call k's operation: a pure function of the call's number, so shards agree on it. */
  private readonly pick: (seq: number) => number;
  private readonly opener: SessionOpener;
  /** Ends the opens in progress on a stop: one listener on the stop signal, however many sessions are opening. */
  private readonly opening = new AbortController();
  private openFailuresInARow = 0;
  /** Measured sessions closed or left open so far: RSS readings are taken every so many of them. */
  private finished = 0;
  measureEndUs: number | null = null;
  fatal: Outcome | null = null;
  /** Sessions between their start and their end, and calls awaiting an answer. */
  sessionsInFlight = 0;
  callsInFlight = 0;
  /** False once the grace period ran out: nothing completing afterwards is recorded. */
  recording = true;

  constructor(
    readonly plan: ChurnPlan,
    readonly context: ExecutionContext,
  ) {
    if (!context.sessions) throw new Error('a session-churn workload needs a session opener (ExecutionContext.sessions)');
    this.opener = context.sessions;
    // Every open in progress listens on this signal (a session each): as many as sessions in flight, by design.
    setMaxListeners(0, this.opening.signal);
    if (context.stopSignal.aborted) this.opening.abort();
    else context.stopSignal.addEventListener('abort', this.onStop, { once: true });
    this.pick = weightedPickerAt(plan.operations, seekableRandom(plan.seed, 'mix'));
  }

  /**
   * Session number `s` (global over shards, warmup first): open it, make its calls one after another, close it (or
   * leave it open). Open latency runs from `startUs`: when it started, or its scheduled start in the open model.
   */
  async run(s: number, measured: boolean, startUs: number): Promise<void> {
    this.sessionsInFlight++;
    try {
      const session = await this.openSession(measured, startUs);
      if (!session) return;
      await this.calls(session, s, measured);
      if (this.plan.close) await this.closeSession(session, measured);
      else await this.leaveOpen(session, measured);
      if (measured) await this.finishedOne();
    } finally {
      this.sessionsInFlight--;
    }
  }

  private readonly onStop = (): void => this.opening.abort();

  /**
   * Closes every session still open (left open, or cut short): untimed, all at once. Opens still in progress (the
   * workload abandoned them) are ended, and one that completes anyway is closed as it does (openSession).
   */
  async closeAll(): Promise<void> {
    this.closed = true;
    this.context.stopSignal.removeEventListener('abort', this.onStop);
    this.opening.abort();
    const open = [...this.open];
    this.open.clear();
    this.leftOpen.clear();
    await Promise.all(open.map((session) => session.close()));
  }

  /** What the executor returns; `measureStartUs` is the driver's. */
  result(measureStartUs: number | null, abandoned: boolean): ExecutionResult {
    const result = {
      measureStartUs,
      measureEndUs: this.measureEndUs,
      fatal: this.fatal,
      interrupted: this.context.stopSignal.aborted,
      sessionChurn: this.record.finish(),
    };
    return abandoned ? { ...result, abandonedCalls: this.callsInFlight } : result;
  }

  private async openSession(measured: boolean, startUs: number): Promise<ChurnSession | null> {
    const { clock } = this.context;
    let session: ChurnSession;
    try {
      session = await this.opener.open(this.opening.signal);
    } catch (error) {
      this.openFailed(error, measured);
      return null;
    }
    if (this.closed) {
      await session.close(); // the workload is over: nothing would ever close it
      return null;
    }
    this.openFailuresInARow = 0;
    this.open.add(session);
    if (!this.recording) return null;
    if (measured) this.record.recordOpened(clock.nowUs() - startUs);
    else this.record.warmupSessions++;
    return session;
  }

  private openFailed(error: unknown, measured: boolean): void {
    const code = error instanceof ConnectError ? error.code : 'transport:unknown';
    if (code === CONNECT_INTERRUPTED || !this.recording) return;
    if (measured) this.record.recordOpenFailure(code);
    if (++this.openFailuresInARow >= MAX_OPEN_FAILURES_IN_A_ROW && this.fatal === null) this.fatal = outcomeOf(code);
  }

  /** The session's calls, one after another, each recorded as its operation's row; a broken session stops early. */
  private async calls(session: ChurnSession, s: number, measured: boolean): Promise<void> {
    const { clock, recorder, stopSignal } = this.context;
    const { operations, callsPerSession } = this.plan;
    const performer = plainPerformer(operations, session.caller);
    const trace = new CallTrace();
    for (let j = 0; j < callsPerSession && !stopSignal.aborted && this.fatal === null; j++) {
      const seq = s * callsPerSession + j;
      const index = this.pick(seq);
      trace.reset();
      const startUs = clock.nowUs();
      this.callsInFlight++;
      const outcome = await performer.perform(index, seq, { timeoutUs: operations[index]!.timeoutUs, trace }, measured);
      this.callsInFlight--;
      if (!this.recording) return;
      const endUs = clock.nowUs();
      if (measured) {
        recorder.record(index, endUs - startUs, outcome, trace, endUs);
        this.record.calls++;
        this.measureEndUs = Math.max(this.measureEndUs ?? endUs, endUs);
      } else {
        recorder.recordWarmup(index);
      }
      if (outcome.kind === 'transport') return; // the session is broken: close it and go on with the next
    }
  }

  private async closeSession(session: ChurnSession, measured: boolean): Promise<void> {
    const { clock } = this.context;
    const rss = measured && session.serverRssBytes ? await session.serverRssBytes() : null;
    const startUs = clock.nowUs();
    await session.close();
    this.open.delete(session);
    const endUs = clock.nowUs();
    if (!measured || !this.recording) return;
    this.record.recordClosed(endUs - startUs);
    if (rss !== null) this.record.recordRssAtClose(rss);
    this.measureEndUs = Math.max(this.measureEndUs ?? endUs, endUs);
  }

  /** Keeps the session open (close: false); beyond `maxOpen` left open, closes the oldest (untimed). */
  private async leaveOpen(session: ChurnSession, measured: boolean): Promise<void> {
    if (this.closed) return; // closeAll() closed it with the rest
    if (measured) this.record.leftOpen++;
    this.leftOpen.set(session, measured);
    while (this.leftOpen.size > this.plan.maxOpen) {
      const [oldest, oldestMeasured] = this.leftOpen.entries().next().value!;
      this.leftOpen.delete(oldest);
      this.open.delete(oldest);
      if (oldestMeasured && this.recording) this.record.evicted++;
      await oldest.close();
    }
  }

  /** A measured session is over: read the shared server's RSS when due, against the sessions opened so far. */
  private async finishedOne(): Promise<void> {
    const read = this.opener.serverRssBytes;
    if (!read || !this.record.rssDue(++this.finished)) return;
    const opened = this.record.opened;
    const rss = await read();
    if (rss !== null && this.recording) this.record.recordRss(opened, rss);
  }
}

/** The outcome a failing open stands for, when the target counts as gone. */
function outcomeOf(code: string): Outcome {
  if (code === 'timeout') return TIMEOUT;
  return { kind: 'transport', code: code.startsWith('transport:') ? code.slice('transport:'.length) : code };
}
