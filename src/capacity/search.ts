/**
 * The capacity search, pure: the step runner is given. Bracket by doubling from the start rate until a step fails the
 * SLO (or the ceiling passes), then bisect between the last pass and the first fail. Stop when the bracket is within
 * the precision, when a step's own noise straddles the limit (the answer is then "about R, within noise"), at the step
 * budget, or when a step cannot run at all (the target is unreachable).
 */
import type { Verdict } from './slo.js';

export interface SearchSettings {
  readonly startPerSec: number;
  /** A ceiling on the search: the rate is never raised above it. */
  readonly maxPerSec: number;
  /** Stop bisecting when (first fail − last pass) / last pass is at most this (0.05: 5%). */
  readonly precision: number;
  /** Steps run at most. */
  readonly maxSteps: number;
}

/** A step that could not run (the target failed): the search stops at once. */
export interface StepAborted {
  readonly aborted: string;
  /** What stopped it: the input (a setting the target rules out), the target, or an interrupt. */
  readonly cause?: 'input' | 'target' | 'interrupted';
}

export type StepRunner<S extends { readonly verdict: Verdict }> = (ratePerSec: number, index: number) => Promise<S | StepAborted>;

export type StopReason =
  /** The bracket between the last pass and the first fail is within the precision. */
  | 'bracketed'
  /** A step's noise interval straddled the SLO's limit: the knee is about that rate. */
  | 'inconclusive'
  /** Every step passed up to the ceiling (`--max`). */
  | 'max-reached'
  /** The start rate already fails. */
  | 'first-step-failed'
  /** The step budget ran out before the bracket was within the precision. */
  | 'step-budget'
  /** A step could not run. */
  | 'aborted';

export interface SearchResult<S> {
  readonly steps: readonly S[];
  readonly stop: StopReason;
  /** The highest rate that passed, or null when none did. */
  readonly lastPassPerSec: number | null;
  /** The lowest rate that failed, or null when none did. */
  readonly firstFailPerSec: number | null;
  /** With `inconclusive`: the rate whose step straddled the limit. */
  readonly aboutPerSec: number | null;
  /** With `aborted`: why, and what caused it. */
  readonly aborted: string | null;
  readonly abortCause: StepAborted['cause'] | null;
}

interface State<S> {
  readonly steps: S[];
  lastPass: number | null;
  firstFail: number | null;
}

type Outcome = Verdict | StepAborted | 'budget';

/** Runs the search; every rate asked of `runStep` is in [start, max]. */
export async function searchCapacity<S extends { readonly verdict: Verdict }>(settings: SearchSettings, runStep: StepRunner<S>): Promise<SearchResult<S>> {
  const state: State<S> = { steps: [], lastPass: null, firstFail: null };
  const step = async (rate: number): Promise<Outcome> => {
    if (state.steps.length >= settings.maxSteps) return 'budget';
    const run = await runStep(rate, state.steps.length);
    if ('aborted' in run) return run;
    state.steps.push(run);
    if (run.verdict === 'pass') state.lastPass = Math.max(state.lastPass ?? rate, rate);
    if (run.verdict === 'fail') state.firstFail = Math.min(state.firstFail ?? rate, rate);
    return run.verdict;
  };
  const done = (stop: StopReason, extra: { about?: number; aborted?: StepAborted } = {}): SearchResult<S> => ({
    steps: state.steps,
    stop,
    lastPassPerSec: state.lastPass,
    firstFailPerSec: state.firstFail,
    aboutPerSec: extra.about ?? null,
    aborted: extra.aborted?.aborted ?? null,
    abortCause: extra.aborted?.cause ?? null,
  });
  const ended = (outcome: Outcome, rate: number): SearchResult<S> | null => {
    if (outcome === 'budget') return done('step-budget');
    if (typeof outcome === 'object') return done('aborted', { aborted: outcome });
    return outcome === 'inconclusive' ? done('inconclusive', { about: rate }) : null;
  };
  // Bracketing: double until a step fails or the ceiling passes.
  for (let rate = Math.min(settings.startPerSec, settings.maxPerSec); ; rate = Math.min(rate * 2, settings.maxPerSec)) {
    const outcome = await step(rate);
    const end = ended(outcome, rate);
    if (end) return end;
    if (outcome === 'fail') break;
    if (rate >= settings.maxPerSec) return done('max-reached');
  }
  if (state.lastPass === null) return done('first-step-failed');
  // Bisecting between the last pass and the first fail.
  while (!withinPrecision(state.lastPass, state.firstFail as number, settings.precision)) {
    const rate = midpoint(state.lastPass, state.firstFail as number);
    const end = ended(await step(rate), rate);
    if (end) return end;
  }
  return done('bracketed');
}

export function withinPrecision(pass: number, fail: number, precision: number): boolean {
  return (fail - pass) / pass <= precision;
}

/** Halfway, rounded to three significant figures (a rate of 287.5/s reads as 288/s; 12.34/s as 12.3/s). */
export function midpoint(pass: number, fail: number): number {
  const mid = (pass + fail) / 2;
  const rounded = Number(mid.toPrecision(3));
  // Rounding must never land on an end of the bracket (a bracket narrower than the rounding).
  return rounded > pass && rounded < fail ? rounded : mid;
}
