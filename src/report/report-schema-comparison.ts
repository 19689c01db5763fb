/** The report's `comparison` block in the JSON schema mirror (report-schema.ts): variants side by side. */
import { z } from 'zod';

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);

const ratioEstimate = z
  .object({ ratio: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable(), significant: z.boolean().nullable() })
  .meta({ id: 'RatioEstimate', description: 'A ratio to the first variant with its 95% confidence interval; significant: the interval excludes 1 (null: no interval).' });

const figures = { count, p50Us: z.number().nonnegative(), p99Us: z.number().nonnegative(), throughputPerSec: z.number().nonnegative(), errorRate: share };

export const comparison = z
  .object({
    source: z.enum(['rounds', 'reports']).describe('rounds: interleaved in one run; reports: saved reports compared afterwards (no rounds).'),
    rounds: count.describe('Rounds per variant (0 for saved reports).'),
    variants: z.array(z.string()).describe('In order; the first is the reference of every ratio.'),
    rows: z
      .array(
        z.object({
          workload: z.string(),
          operation: z.string().describe('"all" is the workload\'s total.'),
          cells: z
            .array(
              z.object({
                variant: z.string(),
                ...figures,
                vsFirst: z
                  .object({ p50: ratioEstimate, p99: ratioEstimate, throughput: ratioEstimate, errorRateDelta: z.number().nullable().describe('Points (current − first), not a ratio; null when either side measured nothing.') })
                  .optional()
                  .describe('Absent for the first variant (the reference).'),
              }),
            ),
        }),
      ),
    roundFigures: z
      .array(z.object({ round: count, variant: z.string(), workload: z.string(), operation: z.string(), ...figures }))
      .describe('Per-round figures, so the spread behind every interval can be checked.'),
    notes: z.array(z.string()),
  })
  .meta({ id: 'ComparisonSummary' });
