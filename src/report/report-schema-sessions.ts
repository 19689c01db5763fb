/** The report schema's sessions block of a session-churn workload (summary/session-churn.ts), apart to keep files small. */
import { z } from 'zod';

const count = z.number().int().nonnegative();

/** `latencyStats` is the report's LatencyStats schema, passed in so it is one definition (report-schema.ts). */
export function sessionChurnSchema<L extends z.ZodType>(latencyStats: L) {
  const rssGrowth = z
    .object({
      bytesPer1000Sessions: z.number().int().describe('Least-squares slope of RSS against sessions opened, × 1,000 (bytes; may be negative).'),
      samples: count.describe('RSS readings the slope was fitted over (measured phase only).'),
      from: z.array(z.string()).optional().describe('A merged figure: the parts (rounds, shards) that had one; their samples-weighted mean.'),
    })
    .meta({ id: 'RssGrowth' });
  return z
    .object({
      opened: count.describe('Measured sessions opened (warmup sessions are in warmupSessions only).'),
      closed: count.describe('Sessions closed during the run, their close timed.'),
      leftOpen: count.describe('Sessions left open on purpose (close: false), closed untimed when the workload ended or past maxOpen.'),
      evicted: count.optional().describe('Of leftOpen, those closed early (oldest first) because maxOpen newer sessions were left open.'),
      failedToOpen: z.record(z.string(), count).describe('Measured sessions that failed to open, by error code.'),
      dropped: count.describe('Sessions arriving at a rate: arrivals dropped because maxInFlight sessions were in flight.'),
      warmupSessions: count,
      openUs: latencyStats.describe('Spawn/connect → initialized, from the session start (open model: its scheduled start).'),
      openHistogram: z.string().describe('The HDR histogram of openUs, encoded, so reports merge exactly.'),
      closeUs: latencyStats.describe('Close requested → done (HTTP: DELETE answered; stdio: process ended).'),
      closeHistogram: z.string().describe('The HDR histogram of closeUs, encoded.'),
      sessionsPerSec: z.number().nonnegative().describe('Measured sessions opened per second of the measured span.'),
      spanUs: count.describe('The measured span (µs) sessionsPerSec is over.'),
      calls: count.describe('Calls made in measured sessions.'),
      callsPerSession: z.number().nonnegative().describe('calls / opened.'),
      rssGrowth: rssGrowth.nullable().describe("The shared server process's RSS growth per 1,000 sessions; null when no such process was read."),
      rssAtClose: z
        .object({ meanBytes: count, sessions: count })
        .nullable()
        .describe('A server process per session (stdio): its RSS just before close, averaged over the sessions read.'),
    })
    .meta({ id: 'SessionChurnSummary', description: 'Session-churn workloads: sessions opened and closed, their latency, sessions/s, server memory per session.' });
}
