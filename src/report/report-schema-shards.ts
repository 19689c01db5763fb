/** The report schema's parts about sharded runs (summary/shard-info.ts), kept apart from report-schema.ts's body. */
import { z } from 'zod';

const count = z.number().int().nonnegative();

export const shardRunInfo = z
  .object({
    index: count.describe('0-based: this report ran share index of count.'),
    count: z.number().int().positive(),
    planHash: z.string().describe("The plan's fingerprint: every shard of one run has the same."),
    startAt: z.iso.datetime().nullable().describe('The synchronised start as planned, or null when none was given.'),
    startOffsetUs: z.number().int().nullable().describe('How long after startAt this shard really started (wall clock, µs; negative: early).'),
    late: z.boolean().describe('Missed the start by more than --max-late: its load did not overlap the others as planned.'),
  })
  .meta({ id: 'ShardRunInfo' });
