import { AuthSources } from '../client/auth/auth-sources.js';
import { CONNECT_INTERRUPTED, CONNECT_TIMEOUT_MS, ConnectError } from '../client/connect.js';
import { ResourceUpdateRecorder } from '../metrics/resource-updates.js';
import { errorKey, type Outcome } from '../client/outcome.js';
import type { Endpoints } from '../client/stack.js';
import type { ServerLog } from '../client/transports/server-log.js';
import { limitKillText } from '../client/transports/server-limits.js';
import { BadOutputCounter } from '../metrics/bad-output.js';
import { ServerLimitCounter } from '../metrics/server-limits.js';
import { StreamResumptionCounter } from '../metrics/stream-resumptions.js';
import { NotificationCounter } from '../metrics/notifications.js';
import { ServerRequestRecorder } from '../metrics/server-requests.js';
import { anyClientFeature, clientFeatures } from '../metrics/client-record.js';
import { runAutocannon } from '../engines/autocannon.js';
import { WorkloadRecorder } from '../metrics/recorder.js';
import { sampleServerResources, type ServerResourceSampler } from '../metrics/server-resources.js';
import { sampleHarness, systemHarnessProbe } from '../metrics/harness.js';
import { seededRandom } from '../random/seeded.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import type { SessionOpener } from '../workloads/executor.js';
import type { Clock } from '../time/clock.js';
import { preflight } from './preflight.js';
import { execute, workloadType } from '../workloads/registry.js';
import { createPerformer } from '../traffic/create.js';
import { runsChecks } from '../operations/journey.js';
import { runWatched } from './abort-watch.js';
import { openRoutes, type RoutedEndpoints, type RoutedStack } from './route-stacks.js';
import { sessionOpener } from './session-opener.js';
import { combineEvents } from './session-events.js';
import { withOutputChecks } from './output-check.js';
import { warmCaches } from './cache-warming.js';
import { notRun, START_NOW, type RunDependencies, type RunFailure, type WorkloadRun, type WorkloadStatus } from './run.js';

/**
 * One workload: open its endpoints' sessions, check the server against the operations and client settings, wait for
 * its slot of a synchronised start (RunDependencies.waitForSlot), stack the client layers, run the executor, collect
 * what every layer counted, close everything.
 */
export async function runWorkload(workload: WorkloadPlan, deps: RunDependencies): Promise<WorkloadRun> {
  // The token sources its sessions share (client/auth/): their fetches are the report's `auth` block.
  const auth = new AuthSources(deps.clock);
  const run = await runWorkloadWith(workload, deps, auth);
  const fetched = auth.summary();
  return fetched === null ? run : { ...run, auth: fetched };
}

async function runWorkloadWith(workload: WorkloadPlan, deps: RunDependencies, auth: AuthSources): Promise<WorkloadRun> {
  const random = seededRandom(workload.seed, 'client');
  const warnings: string[] = [];
  const badOutput = new BadOutputCounter();
  const limits = new ServerLimitCounter();
  const streams = new StreamResumptionCounter();
  const updates = workload.operations.some((op) => op.request.method === 'resources/subscribe') ? new ResourceUpdateRecorder() : null;
  const serverRequests = new ServerRequestRecorder();
  const notifications = new NotificationCounter(workload.endpoints.find((target) => target.logLevel !== undefined)?.logLevel);
  const stackDeps = {
    clock: deps.clock,
    random,
    log: deps.serverLog,
    emit: deps.emit,
    onCompressionRefused: () => warnings.push('the server refused gzip request bodies (HTTP 415): compression was turned off'),
    onBadOutput: badOutput.listener,
    onStreamEvent: streams.listener,
    connectTimeoutMs: connectTimeoutMs(workload),
    signal: deps.stopSignal,
    // Every session's listeners for the server's own requests and notifications (client/session/feature.ts).
    session: {
      events: combineEvents(notifications.events, updates?.events, { serverRequest: serverRequests.listener }, limits.events),
      ...(workload.capabilities && { capabilities: workload.capabilities, seed: workload.seed }),
      auth,
    },
  };
  let opened: RoutedEndpoints;
  try {
    // One stack per (tenant, endpoint group) a call can take; one, as ever, without tenants and routes.
    opened = await openRoutes(workload, stackDeps);
  } catch (error) {
    // Interrupted while connecting: nothing failed, nothing was measured (what was opened is closed already).
    if (error instanceof ConnectError && error.code === CONNECT_INTERRUPTED) return { ...notRun(workload), status: 'interrupted', badOutput: badOutput.summary() };
    return { ...notRun(workload), status: 'failed', failure: connectFailure(error, deps.serverLog), badOutput: badOutput.summary(), serverLimits: limits.summary() };
  }
  const endpoints = opened.primary;
  const first = endpoints.pools[0]!.connections[0]!;
  const checked = await preflight(first.client, workload.operations, workload.client.cache);
  warnings.push(...checked.warnings, ...notifications.warnings());
  const openedSessions = () => opened.pools.flatMap((p) => p.openedTimings);
  const setupCalls = { ...checked.setupCalls };
  const base = { ...notRun(workload), setupCalls, warnings, sessions: openedSessions() };
  if (checked.configProblem) {
    await opened.close();
    return { ...base, badOutput: badOutput.summary(), status: 'failed', failure: { code: 'config:cache-not-read-only', message: checked.configProblem, serverStderr: [] } };
  }
  const warmed = await warmPools(workload, opened);
  if (warmed) {
    await opened.close();
    return { ...base, sessions: openedSessions(), badOutput: badOutput.summary(), status: 'failed', failure: connectFailure(warmed, deps.serverLog) };
  }
  const stack = withOutputChecks(workload, opened.compose(checked.readOnlyTools), checked.outputSchemas, warnings);
  // Every route's cache makes its warm calls now, ahead of the start slot; they count as set-up calls (cache-warming.ts).
  await warmCaches(workload, stack, deps.stopSignal, { warnings, setupCalls });
  // Connected and checked: wait for this workload's slot of the synchronised start, if there is one (start-gate.ts).
  const slot = await (deps.waitForSlot?.() ?? START_NOW);
  if (slot.kind !== 'start') {
    await stack.close();
    return { ...base, badOutput: badOutput.summary(), status: slot.kind === 'missed' ? 'not-run' : 'interrupted' };
  }
  const servers = sampleServers(opened, deps.clock, deps.serverPids);
  try {
    const sessions = sessionOpener(workload, endpoints, stackDeps);
    const measured = await measure(workload, stack, endpoints, deps, sessions);
    const serverResources = await servers?.stop(measured.execution.measureStartUs);
    const connection = { timings: first.timings, server: first.server };
    const notified = notifications.summary();
    const observed = {
      badOutput: badOutput.summary(),
      serverLimits: limits.summary(),
      streams: streams.summary(),
      ...(updates && { subscriptions: updates.finish() }),
      ...(notified && { notifications: notified }),
      ...serverRequestsOf(serverRequests, workload),
    };
    return { ...base, ...measured, sessions: openedSessions(), connection, ...(serverResources && { serverResources }), ...observed };
  } finally {
    await servers?.stop(null); // when measuring threw: the sampler's timer must not outlive the workload
    await stack.close();
  }
}

/**
 * `warmup: { sessions: all }`: every pool opens its sessions up to `max` before measuring, one after another, so no
 * measured call waits for a session's set-up. The error when one cannot be opened (the workload then fails).
 */
async function warmPools(workload: WorkloadPlan, opened: RoutedEndpoints): Promise<unknown> {
  if (workload.warmSessions !== 'all') return null;
  try {
    for (const pool of opened.pools) await pool.warm();
    return null;
  } catch (error) {
    return error;
  }
}

/** The server's requests answered: shown when there were any, or when capabilities were declared (then as none). */
function serverRequestsOf(recorder: ServerRequestRecorder, workload: WorkloadPlan): Pick<WorkloadRun, 'serverRequests'> {
  const records = recorder.records();
  return Object.keys(records).length > 0 || workload.capabilities ? { serverRequests: records } : {};
}

/**
 * How long each session's set-up (spawn or first request, `initialize`, `initialized`) may take: the workload's call
 * timeout — the longest of its operations' (each is its own `timeout`, else the client's, the workload's, the
 * scenario's, else 30 s) — so `timeout: 2s` bounds the handshake too.
 */
export function connectTimeoutMs(workload: WorkloadPlan): number {
  const longestUs = Math.max(0, ...workload.operations.map((op) => op.timeoutUs));
  return longestUs > 0 ? longestUs / 1000 : CONNECT_TIMEOUT_MS;
}

/**
 * The spawned servers' CPU and RSS while measuring, and those of the run's other local servers (a started one,
 * `--server-pid`). Linux only; null for remote targets no one started here.
 */
function sampleServers(endpoints: Pick<Endpoints, 'pools'>, clock: Clock, others?: () => readonly number[]): ServerResourceSampler | null {
  const spawned = (): number[] => endpoints.pools.flatMap((pool) => pool.connections.flatMap((c) => (c.serverPid ? [c.serverPid] : [])));
  const pids = (): number[] => [...spawned(), ...(others?.() ?? [])];
  return pids().length > 0 ? sampleServerResources(pids, clock) : null;
}

async function measure(workload: WorkloadPlan, stack: RoutedStack, endpoints: Endpoints, deps: RunDependencies, sessions: SessionOpener) {
  const features = clientFeatures(workload.client, endpoints.pools.length);
  const tracked = anyClientFeature(features) ? features : null;
  const openModel = workload.engine.kind === 'client' && workloadType(workload.type).model === 'open';
  const tenants = workload.tenants?.map((tenant) => tenant.name);
  const checked = workload.operations.map((_, index) => runsChecks(workload.operations, index));
  const journeys = workload.operations.map((op) => op.journey !== undefined);
  const recorder = new WorkloadRecorder(workload.operations.map((op) => op.name), tracked, { openModel, clock: deps.clock, tenants, checked, journeys });
  const { operations, seed, shard } = workload;
  const routes = stack.routes;
  const performer = createPerformer({ operations, seed, shard, caller: stack.caller, recorder, clock: deps.clock, data: workload.data, ...(routes && { routes }) });
  const context = {
    caller: stack.caller,
    performer,
    clock: deps.clock,
    random: seededRandom(workload.seed, 'mix'),
    recorder,
    abandonSignal: deps.abandonSignal,
    isFatal: stack.isFatal,
    sessions,
  };
  deps.onMeasuring?.(workload, { startedUs: deps.clock.nowUs(), snapshot: () => recorder.snapshotLive() });
  // abortOnFail thresholds stop the executor through its stop signal, as an interrupt would (calls in flight finish).
  // mcp-bench's own CPU and loop delay are sampled over the executor's run (warmup included, as live progress counts).
  const { value: { result, abortedBy }, harness } = await sampleHarness(deps.harnessProbe ?? systemHarnessProbe, () =>
    runWatched(workload, recorder, deps.clock, deps.stopSignal, async (stopSignal) => {
      const engine = workload.engine.kind === 'autocannon' ? await runEngine(workload, endpoints, recorder, { ...deps, stopSignal }) : null;
      return { engine, execution: engine ?? (await execute(workload, { ...context, stopSignal })) };
    }));
  const { engine, execution } = result;
  const data = performer.dataUse?.() ?? [];
  const failure = execution.fatal ? fatalFailure(execution.fatal, deps.serverLog) : null;
  const status: WorkloadStatus = failure ? 'failed' : abortedBy ? 'aborted' : execution.interrupted ? 'interrupted' : 'completed';
  const perKey = stack.perKey();
  const client = tracked ? { features: tracked, layers: stack.layerStats(), ...(perKey && { perKey }) } : null;
  const engineInfo = engine ? { kind: 'autocannon' as const, stats: engine.engineStats, notes: engine.engineNotes } : null;
  return { status, recorder, execution, failure, client, engine: engineInfo, abortedBy, harness, ...(data.length > 0 && { data }) };
}

/**
 * The autocannon engine drives raw JSON-RPC POSTs at the endpoint's URL (the built-in server's once spawned) with its
 * own session, instead of calls through the client stack. The scenario checks guarantee an HTTP endpoint and a
 * workload type that says how autocannon drives it.
 */
async function runEngine(workload: WorkloadPlan, endpoints: Endpoints, recorder: WorkloadRecorder, deps: RunDependencies) {
  const target = workload.endpoints[0]!;
  const url = endpoints.pools[0]!.connections[0]!.url;
  const load = workloadType(workload.type).autocannon?.(workload);
  if (!url || !load) {
    throw new Error(`engine autocannon needs a Streamable HTTP endpoint and a workload type it can drive (${workload.name})`);
  }
  // The target's own headers (an http target's); the built-in server's URL needs none.
  const headers = 'headers' in target ? target.headers : {};
  return runAutocannon(workload, load, url, headers, { recorder, clock: deps.clock, stopSignal: deps.stopSignal, protocolVersion: target.protocolVersion });
}

function connectFailure(error: unknown, log: ServerLog): RunFailure {
  return error instanceof ConnectError
    ? { code: error.code, message: error.message, serverStderr: error.serverStderr }
    : { code: 'transport:unknown', message: String(error), serverStderr: log.tail() };
}

function fatalFailure(outcome: Outcome, log: ServerLog): RunFailure {
  const code = errorKey(outcome);
  const killed = outcome.kind === 'transport' ? limitKillText(outcome.code) : null;
  const message = outcome.kind === 'transport' && outcome.code === 'closed'
    ? 'the server closed the connection mid-run (did the process exit?)'
    : killed !== null ? `${killed} mid-run` : 'the target stopped answering mid-run'; // the code follows wherever the failure is shown (failureText)
  return { code, message, serverStderr: log.tail() };
}
