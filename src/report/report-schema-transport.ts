/**
 * The report schema's figures of what the transports saw (bad output, stdio servers under limits, resumed Streamable
 * HTTP streams), apart to keep report-schema.ts small.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();

export const badOutput = z
  .object({
    notJsonRpc: count.describe('Lines (stdio), events or bodies (HTTP) that were not JSON, or not a JSON-RPC message: skipped.'),
    unknownId: count.describe('Responses whose id matched no request in flight.'),
    tooLarge: count.describe('Answers over the maximum answer size, skipped unread (their calls fail as transport:response-too-large).'),
    undecodable: count.optional().describe('HTTP answers whose compressed body did not decode, or came in a coding not asked for (their calls fail as transport:bad-response); absent when 0.'),
  })
  .meta({ id: 'BadOutputSummary', description: 'What the server wrote that mcp-bench could not use, counted the same on every transport; absent when nothing.' });

export const serverLimits = z
  .object({
    started: count.describe('Stdio servers started under limits: (every session, revived ones included).'),
    memoryKills: count.describe('Servers killed because their RSS passed limits.memory (their calls in flight: transport:memory-limit).'),
    cpuKills: count.describe('Servers the kernel killed at limits.cpu: SIGXCPU, or SIGKILL at the hard limit (transport:cpu-limit).'),
  })
  .meta({ id: 'ServerLimitsSummary', description: 'Stdio servers under limits: and the kills at each limit; absent when no server ran under limits.' });

export const streamResumptions = z
  .object({
    resumed: count.describe("A call's event stream that ended before its response, resumed with GET and Last-Event-ID."),
    reopened: count.describe('The standalone GET stream (messages outside calls), opened again after the server dropped it.'),
  })
  .meta({ id: 'StreamResumptionSummary', description: 'Streamable HTTP event streams resumed or re-opened over the workload; absent when none.' });
