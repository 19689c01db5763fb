/** The report schema's progress figures (an operation's) and notifications block (a workload's), apart to keep files small. */
import { z } from 'zod';

const count = z.number().int().nonnegative();
const counts = z.record(z.string(), count);

/** `latencyStats` is the report's LatencyStats schema, passed in so it is one definition (report-schema.ts). */
export function progressSchema<L extends z.ZodType>(latencyStats: L) {
  return z
    .object({
      calls: count.describe('Measured calls that sent a progress token.'),
      notifications: count.describe('Progress notifications those calls heard.'),
      perCall: z.number().nonnegative().describe('notifications / calls (0 when no call asked).'),
      callsWithProgress: count.describe('Calls that heard at least one progress notification.'),
      firstProgressUs: latencyStats.describe("From a call's start to its first progress notification, whole µs."),
      firstProgressHistogram: z.string().describe('The HDR histogram of firstProgressUs, encoded, so reports merge exactly.'),
      gaps: count.describe('Gaps between consecutive progress notifications of one call.'),
      gapUs: latencyStats.describe('Those gaps, whole µs.'),
      gapHistogram: z.string().describe('The HDR histogram of gapUs, encoded, so reports merge exactly.'),
    })
    .meta({ id: 'ProgressSummary', description: 'Operations with progress: true: the progress notifications their calls heard.' });
}

export const notificationsSchema = z
  .object({
    total: count.describe('Every notification the server sent to the workload\'s sessions (warmup included).'),
    byMethod: counts.describe('Notifications by method, e.g. notifications/message, notifications/progress, notifications/tools/list_changed.'),
    logLevels: counts.describe('notifications/message by level (debug … emergency).'),
    listChanged: count.describe('notifications/*/list_changed of every list, together.'),
    setLevel: z
      .object({ level: z.string(), sent: count, skipped: count, failed: count })
      .optional()
      .describe("The target's logLevel: sessions that sent logging/setLevel, skipped it (the server declares no logging), or had it fail."),
  })
  .meta({ id: 'NotificationsSummary', description: 'What the server notified the workload\'s sessions of, counted by method (absent when nothing was notified and no logLevel was set).' });
