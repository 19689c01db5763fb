/**
 * `--max-regression p99=10%,throughput=5%,error_rate=1%`: how much worse than the baseline each metric may get.
 * Latency metrics and throughput take a relative allowance (p99 at most 10% higher, throughput at most 5% lower);
 * error_rate takes percentage points (1% = at most one point more): each metric's regression rule in
 * thresholds/metrics.ts says which. Every problem in the text is reported, each quoting its part, so one edit fixes
 * them all; nothing throws.
 */
import { didYouMean, listWords } from '../input/suggest.js';
import {
  REGRESSION_METRICS,
  THRESHOLD_METRICS,
  declarationOf,
  isRegressionMetric,
  metricForAlias,
  regressionRule,
  type RegressionMetric,
} from '../thresholds/metrics.js';
import type { RegressionTolerance } from '../thresholds/types.js';

export type MaxRegressionResult =
  | { readonly ok: true; readonly tolerances: readonly RegressionTolerance[] }
  | { readonly ok: false; readonly messages: readonly string[] };

const FORM = 'metric=allowance pairs separated by commas, like p99=10%,throughput=5%';

export function parseMaxRegression(text: string): MaxRegressionResult {
  const where = `--max-regression "${text}"`;
  if (text.trim() === '') return { ok: false, messages: [`${where}: expected ${FORM}`] };
  const tolerances: RegressionTolerance[] = [];
  const messages: string[] = [];
  const firstPart = new Map<RegressionMetric, string>();
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const parsed = parsePart(part);
    if (typeof parsed === 'string') {
      messages.push(`${where}: ${parsed}`);
      continue;
    }
    const earlier = firstPart.get(parsed.metric);
    if (earlier !== undefined) {
      messages.push(`${where}: ${parsed.metric} is given twice ("${earlier}" and "${part}"); keep one`);
      continue;
    }
    firstPart.set(parsed.metric, part);
    tolerances.push(parsed);
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, tolerances };
}

/** One `metric=allowance`, or what is wrong with it. */
function parsePart(part: string): RegressionTolerance | string {
  if (part === '') return `an empty entry (a stray comma?); expected ${FORM}`;
  const equals = part.indexOf('=');
  if (equals < 0) return `"${part}" is not metric=allowance; expected ${FORM}`;
  const name = part.slice(0, equals).trim();
  const parsed = parseMetric(name);
  if ('problem' in parsed) return parsed.problem;
  const { metric } = parsed;
  const allowed = parseAllowance(metric, part.slice(equals + 1).trim());
  if (typeof allowed === 'string') return `"${part}": ${allowed}`;
  return { metric, allowed };
}

function parseMetric(name: string): { readonly metric: RegressionMetric } | { readonly problem: string } {
  const known = REGRESSION_METRICS.find((metric) => metric === name);
  if (known !== undefined) return { metric: known };
  if (name === '') return { problem: `an allowance without a metric; expected ${FORM}` };
  const refused = THRESHOLD_METRICS.find((metric) => metric === name.toLowerCase() && declarationOf(metric).notRegression !== undefined);
  if (refused !== undefined) return { problem: `"${refused}": ${declarationOf(refused).notRegression}` };
  const list = `regression metrics: ${listWords(REGRESSION_METRICS)}`;
  if ((THRESHOLD_METRICS as readonly string[]).includes(name)) {
    return { problem: `"${name}" can be a threshold (--threshold) but not a regression check; ${list}` };
  }
  // Words other tools use (avg, rps …), where the metric they stand for is one a regression check takes.
  const alias = metricForAlias(name);
  const hint = alias !== undefined && isRegressionMetric(alias) ? `did you mean "${alias}"?` : didYouMean(name, REGRESSION_METRICS);
  return { problem: `unknown metric "${name}"${hint ? `; ${hint}` : ''} (${list})` };
}

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * `10%` or the fraction `0.1`. A bare number must be a fraction below 1: `p99=10` is far likelier a forgotten `%`
 * than "ten times slower is fine", and a silent 1000% allowance would make the gate pass everything.
 */
function parseAllowance(metric: RegressionMetric, value: string): number | string {
  const percent = value.endsWith('%');
  const digits = percent ? value.slice(0, -1).trim() : value;
  if (value === '') return `the allowance is missing; write a percentage (10%) or a fraction (0.1)`;
  if (value.startsWith('-')) return `the allowance "${value}" is negative; it is how much worse may pass, 0 or more`;
  if (!NUMBER.test(digits)) return `the allowance "${value}" is not a number; write a percentage (10%) or a fraction (0.1)`;
  const amount = Number(digits);
  if (!percent && amount >= 1) {
    return `a bare number is a fraction (0.1 = 10%); write ${digits}% if you meant percent, or ${amount * 100}% for ${amount}×`;
  }
  const allowed = percent ? amount / 100 : amount;
  // A figure that falls (throughput) cannot fall by more than 100%, a rate 0..1 cannot rise by more than 100 points.
  const { worse, change } = regressionRule(metric);
  if ((worse === 'lower' || change === 'difference') && allowed > 1) {
    return `${metric} can be at most 100% ${change === 'difference' ? `points ${worse}` : worse}; got ${value}`;
  }
  return allowed;
}
