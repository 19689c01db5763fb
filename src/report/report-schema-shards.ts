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

const shardRow = z
  .object({
    index: count,
    file: z.string().describe('The report file it was read from, as named on the command line.'),
    startedAt: z.iso.datetime(),
    startOffsetUs: z.number().int().nullable(),
    late: z.boolean(),
    calls: count.describe('Measured calls over every workload of the shard.'),
    errors: count,
    throughputPerSec: z.number().nonnegative().describe("The sum of its workloads' throughput."),
    p99Us: count.describe("The worst p99 of its workloads' totals."),
    harness: z
      .object({ saturated: z.boolean(), cpuPercent: z.number().nonnegative() })
      .optional()
      .describe("mcp-bench's own figures on that shard (the most loaded workload's), when sampled."),
  })
  .meta({ id: 'ShardRow' });

export const shardsSummary = z
  .object({
    count: z.number().int().positive().describe('How many shards the run had.'),
    planHash: z.string(),
    startAt: z.iso.datetime().nullable(),
    rows: z.array(shardRow).describe('The shards merged, by index.'),
    missing: z.array(count).describe('Indices of shards with no report (merged with --allow-partial: the report is partial).'),
  })
  .meta({ id: 'ShardsSummary', description: 'What a merged report says about the shards it was merged from.' });
