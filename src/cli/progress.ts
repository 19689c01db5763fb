import { Chalk, type ChalkInstance } from 'chalk';
import type { LiveSnapshot } from '../metrics/recorder.js';
import { formatCount, formatLatency, formatRate } from '../report/format.js';
import type { Bound } from '../schedule/bound.js';
import type { WorkloadPlan } from '../workloads/plan.js';

/**
 * The live progress line (stderr, terminals only): pure functions from what the runner reports to one line of text.
 * The driver (progress-driver.ts) owns the timer, the clock and the stream.
 */

/** How far the current span has got: in time (duration bounds) or in calls (iteration bounds). */
export type ProgressSpan =
  | { readonly unit: 'time'; readonly doneUs: number; readonly totalUs: number }
  | { readonly unit: 'calls'; readonly done: number; readonly total: number };

export interface ProgressState {
  readonly name: string;
  /** `connecting`: sessions are being opened, nothing is sent yet. */
  readonly phase: 'connecting' | 'warmup' | 'measure';
  readonly span: ProgressSpan;
  /** Calls completed in the current phase: warmup calls during warmup, measured calls after. */
  readonly calls: number;
  /** Calls completed per second over the last window. */
  readonly ratePerSec: number;
  /** Measured calls that ended in an error, so far. */
  readonly errors: number;
  /** p99 of the measured calls completed in the last window (µs); null when none completed. */
  readonly windowP99Us: number | null;
}

/** What the driver knows at a tick, in clock µs. */
export interface ProgressInput {
  readonly nowUs: number;
  /** When the executor started (warmup included). */
  readonly startedUs: number;
  /** When the measured phase began (as first seen), or null while warming up. */
  readonly measureStartUs: number | null;
  readonly snapshot: LiveSnapshot;
  readonly ratePerSec: number;
}

const BAR_CELLS = 12;
const MIN_BAR_CELLS = 5;

/** The state of a workload whose sessions are still being opened. */
export function connectingState(name: string): ProgressState {
  return { name, phase: 'connecting', span: { unit: 'calls', done: 0, total: 0 }, calls: 0, ratePerSec: 0, errors: 0, windowP99Us: null };
}

/** Warmup until the warmup bound is reached or a measured call completes. */
export function phaseOf(warmup: Bound | null, snapshot: LiveSnapshot, elapsedUs: number): 'warmup' | 'measure' {
  if (!warmup || snapshot.calls > 0) return 'measure';
  if (warmup.kind === 'duration') return elapsedUs < warmup.us ? 'warmup' : 'measure';
  return snapshot.warmupCalls < warmup.count ? 'warmup' : 'measure';
}

/**
 * The progress of a running workload. When both phases are timed, one span covers warmup + measured time; otherwise
 * each phase has its own span, in the unit of its bound (calls for iterations, time for a duration).
 */
export function progressState(workload: WorkloadPlan, input: ProgressInput): ProgressState {
  const { warmup, measure } = workload;
  const { snapshot, nowUs } = input;
  const elapsedUs = Math.max(0, nowUs - input.startedUs);
  const phase = phaseOf(warmup, snapshot, elapsedUs);
  const calls = phase === 'warmup' ? snapshot.warmupCalls : snapshot.calls;
  let span: ProgressSpan;
  if (measure.kind === 'duration' && (warmup === null || warmup.kind === 'duration')) {
    span = { unit: 'time', doneUs: elapsedUs, totalUs: (warmup?.us ?? 0) + measure.us };
  } else {
    const bound = phase === 'warmup' && warmup ? warmup : measure;
    const sinceUs = phase === 'warmup' ? input.startedUs : input.measureStartUs ?? nowUs;
    span = bound.kind === 'duration'
      ? { unit: 'time', doneUs: Math.max(0, nowUs - sinceUs), totalUs: bound.us }
      : { unit: 'calls', done: calls, total: bound.count };
  }
  const windowP99Us = snapshot.windowCalls > 0 ? snapshot.windowP99Us : null;
  return { name: workload.name, phase, span, calls, ratePerSec: input.ratePerSec, errors: snapshot.errors, windowP99Us };
}

interface Segment {
  readonly plain: string;
  readonly styled: string;
}

/**
 * One progress line, at most `width - 1` columns wide (so a terminal never wraps it). The layout is chosen from the
 * widest figures the line is likely to show (WIDEST), so it stays put while the numbers grow: when space is short the
 * bar shrinks, then goes, then p99, the rate and the errors; a line still too long is cut with `…` (colour dropped).
 * `echo-seq warmup █░░░░░░░░░░░ 0.9s/6.0s · 2,345 calls · 4,690/s · 0 errors · p99 —`
 */
export function renderProgress(state: ProgressState, width: number, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const max = Math.max(2, width) - 1;
  const name = seg(state.name, c.bold.cyan);
  if (state.phase === 'connecting') return fit([name, seg('connecting…', c.dim)], [], max);
  const head = state.phase === 'warmup' ? [name, seg('warmup', c.yellow)] : [name];
  const actual = figures(state, c);
  const widest = figures({ ...state, ...WIDEST, span: widestSpan(state.span) }, c);
  for (const layout of LAYOUTS) {
    const room = max - join(head, layout.map((i) => widest[i]!)).plain.length;
    if (room < 0) continue;
    const cells = Math.min(BAR_CELLS, room - 1);
    const words = cells >= MIN_BAR_CELLS ? [...head, seg(barText(state.span, cells), c.cyan)] : head;
    // Figures beyond the widest expected lose the bar first.
    for (const line of [join(words, layout.map((i) => actual[i]!)), join(head, layout.map((i) => actual[i]!))]) {
      if (line.plain.length <= max) return line.styled;
    }
  }
  // So narrow that not even the widest span fits: whatever fits of the actual figures.
  for (const layout of LAYOUTS) {
    const line = join(head, layout.map((i) => actual[i]!));
    if (line.plain.length <= max) return line.styled;
  }
  return fit(head, [actual[0]!], max);
}

/** Which figures (span, rate, errors, p99) a line shows, from the most to the fewest. */
const LAYOUTS = [[0, 1, 2, 3], [0, 1, 2], [0, 2], [0]] as const;

/** The widest figures a line is expected to show, for choosing its layout. */
const WIDEST = { calls: 999_999, ratePerSec: 99_999, errors: 999, windowP99Us: 99_900 } as const;

function widestSpan(span: ProgressSpan): ProgressSpan {
  return span.unit === 'time' ? { ...span, doneUs: span.totalUs } : { ...span, done: span.total };
}

function figures(state: ProgressState, c: ChalkInstance): Segment[] {
  return [
    seg(spanText(state)),
    seg(`${formatRate(state.ratePerSec)}/s`),
    seg(countOf(state.errors, 'error'), state.errors > 0 ? c.yellow : undefined),
    seg(`p99 ${state.windowP99Us === null ? '—' : formatLatency(state.windowP99Us)}`),
  ];
}

function seg(plain: string, style?: ChalkInstance): Segment {
  return { plain, styled: style ? style(plain) : plain };
}

/** Words joined by spaces, then figures by ` · `. */
function join(words: readonly Segment[], figures: readonly Segment[]): Segment {
  const first = words.map((w) => w.plain).join(' ');
  const firstStyled = words.map((w) => w.styled).join(' ');
  if (figures.length === 0) return { plain: first, styled: firstStyled };
  return {
    plain: `${first} ${figures.map((f) => f.plain).join(' · ')}`,
    styled: `${firstStyled} ${figures.map((f) => f.styled).join(' · ')}`,
  };
}

function fit(words: readonly Segment[], figures: readonly Segment[], max: number): string {
  const line = join(words, figures);
  if (line.plain.length <= max) return line.styled;
  return `${[...line.plain].slice(0, max - 1).join('')}…`;
}

function barText(span: ProgressSpan, cells: number): string {
  const [done, total] = span.unit === 'time' ? [span.doneUs, span.totalUs] : [span.done, span.total];
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.floor(fraction * cells);
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

function spanText(state: ProgressState): string {
  const span = state.span;
  if (span.unit === 'calls') return `${formatCount(Math.min(span.done, span.total))}/${formatCount(span.total)} calls`;
  const done = Math.min(span.doneUs, span.totalUs);
  return `${clockText(done, span.totalUs)}/${clockText(span.totalUs, span.totalUs)} · ${countOf(state.calls, 'call')}`;
}

/** `4.2s` when the span is under a minute, `1:05` under an hour, `1:02:03` beyond. */
export function clockText(us: number, spanUs: number): string {
  if (spanUs < 60_000_000) return `${(Math.floor(us / 100_000) / 10).toFixed(1)}s`;
  const seconds = Math.floor(us / 1_000_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  return spanUs < 3_600_000_000 ? `${Math.floor(seconds / 60)}:${pad(s)}` : `${h}:${pad(m)}:${pad(s)}`;
}

/** `1 call`, `2,000 calls`. */
export function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${n === 1 ? noun : `${noun}s`}`;
}
