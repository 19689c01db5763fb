/**
 * The JSON report's schema in zod: the one source of the published JSON Schema (schema/report.schema.json, written by
 * `npm run schema`) and of the check that reads reports back (load-report.ts). It mirrors RunSummary field for field;
 * the type assertions at the bottom stop compilation when either side changes without the other.
 *
 * Objects are plain `z.object`: reading strips keys it does not know (a report from a later release of the same
 * schemaVersion still loads), while the JSON Schema, generated for output, is closed (`additionalProperties: false`)
 * so a field the schema does not document fails the report tests.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SCHEMA_VERSION, type RunSummary } from '../summary/summary.js';
import type { WorkloadType } from '../workloads/plan.js';
import { WORKLOAD_TYPE_NAMES } from '../workloads/registry.js';
import { TARGET_KIND_NAMES, type TargetPlan } from '../client/targets/registry.js';
import { layerFigureShapes } from '../client/layers/registry.js';
import { calibratedFloor, coldStart, harnessSummary, serverResources } from './report-schema-harness.js';
import { shardRunInfo, shardsSummary } from './report-schema-shards.js';
import { gate, thresholdResult } from './report-schema-gate.js';
import { sessionChurnSchema } from './report-schema-sessions.js';
import { subscriptionsSchema } from './report-schema-subscriptions.js';
import { notificationsSchema, progressSchema } from './report-schema-notify.js';
import { payloadBytesSchema } from './report-schema-bytes.js';
import { badOutput, serverLimits, streamResumptions } from './report-schema-transport.js';
import { comparison } from './report-schema-comparison.js';

const count = z.number().int().nonnegative();
const wholeUs = z.number().int().nonnegative();
const share = z.number().min(0).max(1);
const counts = z.record(z.string(), count);

const latencyStats = z
  .object({ p50: wholeUs, p90: wholeUs, p95: wholeUs, p99: wholeUs, p999: wholeUs, min: wholeUs, max: wholeUs, mean: z.number().nonnegative(), stdev: z.number().nonnegative() })
  .meta({ id: 'LatencyStats', description: 'Percentiles (whole µs, from the HDR histogram, capped at max), mean and standard deviation; all 0 when nothing was measured.' });

/** Each switched-on layer's part is the one its declaration describes (client/layers/registry.ts), in stack order. */
const clientOperationSummary = z
  .object({
    ...layerFigureShapes({ count, wholeUs, share, counts, latencyStats }),
    endpointCalls: z.array(count).optional().describe('Calls per endpoint (index order), when there are several.'),
    sessionCalls: z.array(count).optional().describe('Calls per session (index order), when there are several.'),
    poolWaitUs: latencyStats.optional().describe('How long calls waited for a pooled session with room (a pool with perSession), µs.'),
  })
  .meta({ id: 'ClientOperationSummary', description: 'What the client layers did for one operation: only the parts of switched-on features are present.' });

const checkSummary = z
  .object({
    passed: count.describe('Calls whose checks (and captures) all passed.'),
    failed: count.describe('Calls that ended check-failed: in count, neither in ok nor in errors.'),
    passRate: share.describe('passed / (passed + failed); 0 when no call ran checks.'),
    failures: counts.describe('Failed calls by the first check they failed, e.g. text contains "ok", capture key.'),
  })
  .meta({ id: 'CheckSummary' });

const operationSummary = z
  .object({
    name: z.string(),
    signature: z
      .string()
      .optional()
      .describe('What the operation sends, as written (kind, target, arguments), hashed: same name with other arguments differs. Absent on the total.'),
    count: count.describe('Measured calls (warmup excluded), errors included.'),
    ok: count,
    errors: counts.describe('Failed calls by kind and code: tool-error, rpc-error:-32601, timeout, transport:closed.'),
    errorRate: share.describe('errors / count (0 when count is 0); calls that failed a check are not errors.'),
    checks: checkSummary.optional().describe('Response checks and captures, when the operation runs any; absent otherwise.'),
    journey: z.object({ steps: z.array(z.string()) }).optional().describe("A journey's row (end to end): its steps' row names, in order."),
    step: z.object({ journey: z.string() }).optional().describe("A journey step's row: its journey's row name."),
    throughputPerSec: z.number().nonnegative().describe("Measured calls per second of the workload's measured window."),
    latencyUs: latencyStats.describe('Latency of every measured call (errors included), whole µs.'),
    histogram: z.string().describe('The HDR histogram of latencyUs, compressed and base64-encoded, so reports merge exactly.'),
    warmupCalls: count,
    client: clientOperationSummary.optional().describe('Absent when no client layer was on.'),
    serviceTimeUs: latencyStats.optional().describe('Open model only: send → answer, not corrected for late sends (latencyUs is, from the scheduled start).'),
    serviceTimeHistogram: z.string().optional().describe('Open model only: the HDR histogram of serviceTimeUs, encoded like histogram, so shard reports merge exactly.'),
    dropped: count.optional().describe('Open model only: arrivals dropped because maxInFlight calls were in flight.'),
    progress: progressSchema(latencyStats).optional().describe('Operations with progress: true: their progress notifications.'),
    bytes: payloadBytesSchema.optional().describe('Bytes of its requests and answers, on the wire and decoded; absent when nothing was sent.'),
  })
  .meta({ id: 'OperationSummary' });

const connectionTimings = z
  .object({
    serverStartUs: wholeUs.nullable().describe('Spawning a server process mcp-bench owns and waiting for it to listen (built-in http only).'),
    connectUs: wholeUs.describe('Starting the transport: spawning the process for stdio; opening the event stream for SSE; ~0 for HTTP.'),
    initializeUs: wholeUs.describe('The initialize round trip plus the initialized notification (includes the TCP connect for HTTP).'),
  })
  .meta({ id: 'ConnectionTimings' });

const runFailure = z
  .object({
    code: z.string().describe('Outcome key of the cause, e.g. transport:ENOENT, transport:closed; config:… for a setting the server rules out.'),
    message: z.string(),
    serverStderr: z.array(z.string()),
  })
  .meta({ id: 'RunFailure' });

const timeline = z
  .object({
    intervalUs: wholeUs,
    points: z.array(
      z.object({
        tUs: wholeUs.describe('End of the interval, µs since the measured phase began.'),
        calls: count,
        errors: count,
        p50Us: wholeUs,
        p99Us: wholeUs,
        maxUs: wholeUs,
        histogram: z.string().optional().describe("The interval's HDR histogram (2 significant digits), encoded, so shards' timelines merge exactly."),
      }),
    ),
  })
  .meta({ id: 'TimelineSummary', description: 'Calls completed per interval with their p50/p99: throughput and latency over time.' });

const arrivals = z
  .object({
    targetRatePerSec: z.number().nonnegative(),
    achievedRatePerSec: z.number().nonnegative(),
    scheduled: count,
    sent: count,
    dropped: count,
    sendLagUs: latencyStats.describe("How late calls were sent after their scheduled start: the load generator's own lag."),
    sendLagHistogram: z.string().optional().describe('The HDR histogram of sendLagUs, encoded like an operation\'s histogram.'),
  })
  .meta({ id: 'ArrivalSummary', description: 'Open-model workloads: the schedule against what happened.' });

const authSummary = z
  .object({
    fetched: count.describe('Tokens got: the first, refreshes before expiry, and after a 401.'),
    refreshes: count.describe('Of fetched, refreshed in the background at 90% of the token\'s lifetime.'),
    afterUnauthorized: count.describe('Of fetched, got because the server answered 401 to the token before.'),
    failures: count.describe('Fetches that got no token (token endpoint refused, discovery failed, token command failed).'),
    fetchUs: latencyStats.describe('How long each token fetch took (µs), apart from the calls.'),
    fetchHistogram: z.string().describe('The HDR histogram of fetchUs, encoded like an operation\'s histogram.'),
  })
  .meta({ id: 'AuthSummary', description: 'Token acquisition of targets with auth: (OAuth client credentials, tokenCommand); never a token. Absent without auth.' });

const dataUse = z
  .object({
    file: z.string().describe('The path as written in the scenario (relative): never the contents.'),
    tenant: z.string().optional().describe("The tenant whose calls read this file (tenants[].data); absent: the workload's own data:."),
    order: z.enum(['sequential', 'random', 'once']),
    exhausted: z.enum(['stop', 'wrap']),
    rows: count.describe('Rows in the file.'),
    calls: count.describe('Calls given a row of this file, warmup included (adds exactly over shards and rounds).'),
    rowsUsed: count
      .nullable()
      .describe('Distinct rows calls were given; null where no exact figure exists: merged over rounds, or over shards in another order than once with exhausted: stop.'),
    stoppedEarly: z.boolean().describe('once with exhausted: stop ran out of rows and ended the workload early (in any shard or round).'),
  })
  .meta({ id: 'DataUse' });

const workloadSummary = z
  .object({
    name: z.string(),
    variant: z.string().optional().describe('In a variants run: which variant this workload ran as (figures merged over its rounds).'),
    type: z.enum(WORKLOAD_TYPE_NAMES as [WorkloadType, ...WorkloadType[]]),
    concurrency: count.describe('Calls kept in flight (1 for sequential; the ceiling for the open model).'),
    status: z.enum(['completed', 'interrupted', 'aborted', 'failed', 'not-run']),
    durationUs: wholeUs.describe('The measured window: from the first measured send to the last measured completion.'),
    connection: connectionTimings
      .extend({ server: z.object({ name: z.string(), version: z.string(), protocolVersion: z.string().nullable() }) })
      .nullable(),
    sessions: z.array(connectionTimings).describe('Set-up of every session opened.'),
    client: z
      .object({
        layers: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.string()]))),
        perKey: z
          .record(z.string(), z.array(z.object({ name: z.string(), counters: z.record(z.string(), z.union([z.number(), z.string()])) })))
          .optional()
          .describe(
            "A layer's counters by what they are for, named as operations are by default: the cache's per tool (`tools/call NAME`), resource URI (`resources/read URI`) and prompt (`prompts/get NAME`) — hits, misses, hitRatio, stores, evictions, expirations, entries and bytes held at the end, warmed and warmFailed with a warm list.",
          ),
      })
      .nullable()
      .describe("The client layers' own counters by layer (cache entries and evictions, breaker opens, pool reconnects, …)."),
    operations: z.array(operationSummary),
    total: operationSummary.describe('All operations of the workload merged (name "all").'),
    tenants: z
      .array(
        z.object({
          name: z.string(),
          weight: z.number().positive(),
          operations: z.array(operationSummary),
          total: operationSummary.describe("All the tenant's operations merged."),
        }),
      )
      .optional()
      .describe("Per tenant (tenants:), its calls alone, per operation in the workload's order; absent without tenants."),
    engine: z.enum(['client', 'autocannon']).describe("What drove the load: mcp-bench's client, or autocannon (raw HTTP; see engineNotes)."),
    engineStats: z.record(z.string(), z.number()).optional(),
    engineNotes: z.array(z.string()).optional().describe("Caveats about this workload's figures that come from its engine."),
    abandonedCalls: count.optional().describe("Calls still in flight when an interrupted run's grace period ended: neither counted nor recorded."),
    arrivals: arrivals.optional(),
    setupCalls: counts.describe('Untimed requests made before measuring (capability checks), by method.'),
    failure: runFailure.nullable(),
    timeline: timeline.optional(),
    thresholds: z.array(thresholdResult).describe("Thresholds on this workload's total and its operations ([] when none)."),
    harness: harnessSummary.optional(),
    coldStart: coldStart.optional(),
    serverResources: serverResources.optional(),
    serverLimits: serverLimits.optional(),
    badOutput: badOutput.optional(),
    streams: streamResumptions.optional(),
    auth: authSummary.optional(),
    sessionChurn: sessionChurnSchema(latencyStats).optional(),
    subscriptions: subscriptionsSchema(latencyStats).optional(),
    data: z.array(dataUse).optional().describe("Each data file the calls read: the workload's data: first, then each tenant's own; absent: none."),
    notifications: notificationsSchema.optional(),
    serverRequests: z
      .record(z.string(), z.object({ count: z.number(), errors: z.record(z.string(), z.number()), answerHistogram: z.string() }))
      .optional()
      .describe("The server's requests we answered (sampling, elicitation, roots, …), by method: count, errors we answered with by code, our answer's time as an encoded HDR histogram (µs)."),
  })
  .meta({ id: 'WorkloadSummary' });

const environment = z.object({ node: z.string(), platform: z.string(), arch: z.string(), osRelease: z.string(), cpus: z.object({ count, model: z.string() }), memoryBytes: count });

export const reportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('mcp-bench'), version: z.string() }),
  scenario: z.object({
    name: z.string(),
    file: z.string().nullable(),
    definition: z.unknown().describe('The scenario as written, ${ENV} references kept, secrets redacted.'),
    resolved: z.unknown().describe('The resolved plan (defaults applied, times in µs), values from ${VAR} redacted, header and env values hidden.'),
  }),
  target: z.object({
    kind: z.enum(TARGET_KIND_NAMES as [TargetPlan['kind'], ...TargetPlan['kind'][]]),
    transport: z.enum(['stdio', 'http', 'sse']),
    label: z.string().describe('For people: stdio: node server.js, Streamable HTTP: http://127.0.0.1:3000/mcp (secrets redacted).'),
  }),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  environment,
  workloads: z.array(workloadSummary),
  partial: z.boolean().describe('True when the run did not do everything it planned (interrupted, or the target failed).'),
  interrupted: z.boolean().describe('True when a signal stopped the run (exit code 130).'),
  failure: runFailure.nullable().describe('Why the run ended early, if it did because of the target.'),
  warnings: z.array(z.string()),
  gate,
  comparison: comparison.nullable().describe('Variants side by side (a variants run, or mcp-bench compare), or null.'),
  harness: z.object({ floor: calibratedFloor.nullable() }).describe('The calibrated floor under every figure (null: not measured).'),
  shard: shardRunInfo.optional().describe('A shard of a sharded run (--shard i/N, --workers): absent when not sharded.'),
  shards: shardsSummary.optional().describe('A merge of shard reports (mcp-bench merge, run --workers): absent otherwise.'),
});

export type ReportSchemaOutput = z.output<typeof reportSchema>;

/** How a reader recognises the schema (a URN: no web address to publish it under yet). */
export const REPORT_SCHEMA_ID = `urn:mcp-bench:report:schema-version-${SCHEMA_VERSION}`;

/** The committed JSON Schema file (the same relative place from src/report and dist/report). */
export const REPORT_SCHEMA_FILE = fileURLToPath(new URL('../../schema/report.schema.json', import.meta.url));

/** The JSON Schema (draft 2020-12) of the report, as written to schema/report.schema.json. */
export function reportJsonSchema(): Record<string, unknown> {
  const { $schema, ...body } = z.toJSONSchema(reportSchema, { target: 'draft-2020-12', io: 'output' });
  return {
    $schema,
    $id: REPORT_SCHEMA_ID,
    title: 'mcp-bench JSON report',
    description:
      `The report mcp-bench writes with --format json or -o <file>.json, schemaVersion ${SCHEMA_VERSION}. ` +
      'Latencies are whole microseconds (fields ending in Us); rates are 0..1. schemaVersion changes when a field is ' +
      'removed, renamed or changes meaning; objects are closed, so validate a report with the schema of the release ' +
      'that wrote it. Generated from src/report/report-schema.ts by npm run schema.',
    ...body,
  };
}

/** The file's exact text (two-space JSON and a final newline), so the committed copy can be compared byte for byte. */
export function renderReportJsonSchema(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}

// The schema and RunSummary must describe the same data. Readonly-ness is compared away (zod outputs mutable types);
// everything else must be identical: a field, optionality or type added or changed on one side only fails here.
type Frozen<T> = T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Expect<T extends true> = T;
export type ReportSchemaMatchesRunSummary = Expect<Equal<Frozen<ReportSchemaOutput>, Frozen<RunSummary>>>;
// The same both ways as assignments: when the check above fails, these name the field that differs.
export const assertSchemaIsRunSummary = (output: Frozen<ReportSchemaOutput>): Frozen<RunSummary> => output;
export const assertRunSummaryIsSchema = (summary: Frozen<RunSummary>): Frozen<ReportSchemaOutput> => summary;
