/** The report schema's bytes of an operation (summary/payload-bytes.ts), apart to keep report-schema.ts small. */
import { z } from 'zod';

const count = z.number().int().nonnegative();

const byteCounts = (wire: string, decoded: string) =>
  z.object({ wireBytes: count.describe(wire), decodedBytes: count.describe(decoded) });

export const payloadBytesSchema = z
  .object({
    calls: count.describe('Measured calls whose bytes were counted (a call answered without sending, e.g. from a cache, is not).'),
    compressionAsked: count.describe('Of those, calls sent asking for compression (client.compression: gzipped requests or compressed answers).'),
    requests: byteCounts('Request bodies (stdio: lines) as sent, gzipped where they were.', 'Request bodies before compression.'),
    answers: byteCounts('Answer bodies or event streams (stdio: lines) as received, compressed where they were.', 'Answers after decoding.'),
  })
  .meta({ id: 'PayloadBytesSummary', description: "An operation's bytes on the wire and decoded, for requests and answers: exact sums over its measured calls." });
