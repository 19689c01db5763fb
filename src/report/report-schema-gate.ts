/** The report schema's gate: threshold results and the baseline check (thresholds/types.ts), apart from report-schema.ts's body. */
import { z } from 'zod';
import { REGRESSION_METRICS, THRESHOLD_METRICS } from '../thresholds/metrics.js';
import { COMPARATORS } from '../thresholds/types.js';

const count = z.number().int().nonnegative();
const source = z.enum(['scenario', 'cli']).describe('Where the threshold was written: the scenario file, or --threshold.');

export const thresholdResult = z
  .object({
    threshold: z.string().describe('As written: p99<50ms.'),
    metric: z.enum(THRESHOLD_METRICS),
    comparator: z.enum(COMPARATORS),
    limit: z.number().describe("In the metric's unit: µs for latencies, 0..1 for rates and ratios, calls/s, a count."),
    workload: z.string(),
    variant: z.string().optional().describe('Variant name in a variants run, else absent.'),
    operation: z.string().nullable().describe("null: the workload's total (all operations)."),
    tenant: z.string().optional().describe("Judged on this tenant's calls alone; absent: every tenant's."),
    measured: z.number().nullable().describe('The measured value in the limit\'s unit; null when nothing was measured (then passed is false).'),
    samples: count.describe('Measured calls behind the value: a threshold over zero samples fails.'),
    passed: z.boolean(),
    reason: z.enum(['no-samples', 'not-applicable']).optional().describe('Why it failed without a comparison.'),
    source,
  })
  .meta({ id: 'ThresholdResult' });

const baseline = z
  .object({
    file: z.string().describe('The baseline report as named on the command line.'),
    startedAt: z.iso.datetime(),
    tolerances: z.array(z.object({ metric: z.enum(REGRESSION_METRICS), allowed: z.number().nonnegative() })),
    checks: z
      .array(
        z.object({
          workload: z.string(),
          variant: z.string().optional(),
          operation: z.string(),
          metric: z.enum(REGRESSION_METRICS),
          baseline: z.number(),
          current: z.number(),
          ratio: z.number().nullable().describe('current / baseline; for error_rate the difference current − baseline; null when either side measured nothing.'),
          interval: z.tuple([z.number(), z.number()]).nullable().describe('95% confidence interval of ratio from the sampling noise of both runs.'),
          allowed: z.number(),
          verdict: z.enum(['ok', 'within-noise', 'regressed', 'no-samples']),
        }),
      )
      ,
    unmatched: z.array(z.string()).describe('"workload / operation" present on one side only (not compared).'),
    passed: z.boolean(),
  })
  .meta({ id: 'BaselineSummary' });

export const gate = z
  .object({
    passed: z.boolean().describe('False when any threshold or the baseline check failed, or a threshold aborted the run.'),
    thresholds: z.object({ passed: count, failed: count }),
    baseline: baseline.nullable(),
    abortedBy: z
      .object({
        workload: z.string(),
        variant: z.string().optional(),
        operation: z.string().nullable(),
        threshold: z.string(),
        metric: z.enum(THRESHOLD_METRICS).describe("The threshold's metric: the unit measured is in."),
        measured: z.number().describe('Measured on the rolling window when it failed.'),
        atUs: z.number().nonnegative().describe('µs into the measured phase.'),
      })
      .nullable()
      .describe('Set when an abortOnFail threshold stopped the run.'),
  })
  .meta({ id: 'GateSummary', description: 'Thresholds and the baseline check: what decides exit code 1.' });
