/** The report schema's subscriptions block (summary/subscriptions.ts), apart to keep files small. */
import { z } from 'zod';

const count = z.number().int().nonnegative();

/** `latencyStats` is the report's LatencyStats schema, passed in so it is one definition (report-schema.ts). */
export function subscriptionsSchema<L extends z.ZodType>(latencyStats: L) {
  return z
    .object({
      received: count.describe('notifications/resources/updated received, all URIs.'),
      byUri: z.record(z.string(), count).describe('Updates received, by resource URI.'),
      stamped: count.describe('Of received, those the server stamped with when the change happened (_meta mcp-bench/changedAtEpochUs).'),
      delayUs: latencyStats.nullable().describe('Change (server stamp) → receipt, µs; null when no update was stamped. Needs synchronised clocks across machines.'),
      delayHistogram: z.string().describe('The HDR histogram of delayUs, encoded, so reports merge exactly.'),
    })
    .meta({ id: 'SubscriptionsSummary', description: 'A workload that subscribes to resources: updates received and their delay from the change.' });
}
