/**
 * One step of a capacity search: a constant-rate run's figures, and its verdict against the SLO with the reason in
 * words. A step whose generator fell short of its rate (arrivals dropped, or sent well under the target) fails
 * whatever its latencies say: the calls it never sent were never measured. Pure.
 */
import { decodeHistogram } from '../stats/histogram.js';
import type { RunSummary, WorkloadSummary } from '../summary/summary.js';
import { formatDuration, formatRate } from '../input/units.js';
import { judgeSlo, type Slo, type SloCheck, type Verdict } from './slo.js';

/** Below this share of its target rate, a step's generator is said to have fallen short. */
export const ACHIEVED_SHARE = 0.9;

export interface StepFigures {
  readonly targetRatePerSec: number;
  readonly achievedRatePerSec: number;
  readonly scheduled: number;
  readonly dropped: number;
  /** Measured calls (warmup excluded), errors included. */
  readonly calls: number;
  readonly errors: number;
  readonly errorRate: number;
  /** Latency from the scheduled start, µs. */
  readonly p50Us: number;
  readonly p99Us: number;
  /** The encoded HDR histogram of the step's latencies. */
  readonly histogram: string;
  /** Why mcp-bench's process or its machine was the limit during the step (harness figures); null when neither was. */
  readonly generatorLimit: string | null;
}

export interface Step extends StepFigures {
  readonly verdict: Verdict;
  /** The verdict in words: which SLO failed or straddled its limit, or why the generator fell short. */
  readonly why: string;
  readonly checks: readonly SloCheck[];
}

/** The figures of the step's one workload, or null when the run measured nothing (it failed). */
export function stepFigures(summary: RunSummary): StepFigures | null {
  const workload = summary.workloads[0];
  if (workload === undefined || summary.failure !== null) return null;
  const { total, arrivals } = workload;
  const errors = Object.values(total.errors).reduce((sum, n) => sum + n, 0);
  return {
    targetRatePerSec: arrivals?.targetRatePerSec ?? 0,
    achievedRatePerSec: arrivals?.achievedRatePerSec ?? total.throughputPerSec,
    scheduled: arrivals?.scheduled ?? total.count,
    dropped: arrivals?.dropped ?? 0,
    calls: total.count,
    errors,
    errorRate: total.errorRate,
    p50Us: total.latencyUs.p50,
    p99Us: total.latencyUs.p99,
    histogram: total.histogram,
    generatorLimit: generatorLimit(workload),
  };
}

/** Why mcp-bench itself, or the machine it ran on, may have been the limit during the step (harness figures). */
function generatorLimit(workload: WorkloadSummary): string | null {
  const harness = workload.harness;
  if (!harness?.saturated) return null;
  const reasons = harness.reasons.join(', ') || 'saturated';
  return harness.cause === 'machine' ? `machine was busy (${reasons})` : `own process was saturated (${reasons})`;
}

/** The step judged: the generator's shortfall first, then every SLO (a clear fail outranks a straddle). */
export function judgeStep(figures: StepFigures, slos: readonly Slo[]): Step {
  const histogram = decodeHistogram(figures.histogram);
  const checks = slos.map((slo) => judgeSlo(slo, { histogram, calls: figures.calls, errors: figures.errors }));
  const shortfall = shortfallOf(figures);
  if (shortfall !== null) return { ...figures, checks, verdict: 'fail', why: shortfall };
  const failed = checks.filter((check) => check.verdict === 'fail');
  const straddling = checks.filter((check) => check.verdict === 'inconclusive');
  if (failed.length > 0) return { ...figures, checks, verdict: 'fail', why: withGenerator(failed.map(failedText).join('; '), figures) };
  if (straddling.length > 0) return { ...figures, checks, verdict: 'inconclusive', why: straddling.map(straddleText).join('; ') };
  const estimated = checks.filter((check) => check.underpowered).map((check) => check.metric);
  const why = estimated.length > 0 ? `meets the SLO (${estimated.join(', ')} on the estimate alone: too few calls to bound)` : 'meets the SLO beyond noise';
  return { ...figures, checks, verdict: 'pass', why: `${why}${unlimitedErrors(figures, slos)}` };
}

/** A passing step whose calls failed while no SLO limits errors says so: a fast failure is not capacity. */
function unlimitedErrors(figures: StepFigures, slos: readonly Slo[]): string {
  if (figures.errors === 0 || slos.some((slo) => slo.metric === 'error_rate')) return '';
  return `, but ${formatSloValue({ metric: 'error_rate' }, figures.errors / figures.calls)} of calls failed and no --slo limits error_rate`;
}

function shortfallOf(figures: StepFigures): string | null {
  const short = figures.achievedRatePerSec < ACHIEVED_SHARE * figures.targetRatePerSec;
  if (figures.dropped === 0 && !short) return null;
  const sent = `sent ${formatRate(figures.achievedRatePerSec)}/s of ${formatRate(figures.targetRatePerSec)}/s`;
  const dropped = figures.dropped > 0 ? `, ${figures.dropped} arrivals dropped (too many calls in flight)` : '';
  return withGenerator(`the rate was not reached: ${sent}${dropped}`, figures);
}

function withGenerator(text: string, figures: StepFigures): string {
  return figures.generatorLimit === null ? text : `${text} — the generator, not the server, may be the limit: mcp-bench's ${figures.generatorLimit}`;
}

export function formatSloValue(check: Pick<SloCheck, 'metric'>, value: number | null): string {
  if (value === null) return '—';
  return check.metric === 'error_rate' ? `${(value * 100).toFixed(value < 0.001 && value > 0 ? 3 : 2)}%` : formatDuration(value);
}

function failedText(check: SloCheck): string {
  if (check.measured === null) return `${check.slo}: no calls measured`;
  return `${check.slo} fails: ${formatSloValue(check, check.measured)}${check.underpowered ? ' (estimate; few calls)' : `, at least ${formatSloValue(check, check.low)}`}`;
}

function straddleText(check: SloCheck): string {
  return `${check.slo} within noise: ${formatSloValue(check, check.measured)} (95% ${formatSloValue(check, check.low)}–${formatSloValue(check, check.high)})`;
}
