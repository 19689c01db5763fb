/**
 * mcp-bench as a library.
 *
 * - `createClient(options)`: a reliable, caching MCP client (retry, cache, dedup, breaker, rate and concurrency
 *   limits, session pool, load balancing) over the official SDK — the same stack the benchmarks measure.
 * - `loadPlan` → `runScenario` → `renderTable` / `renderJson`: a benchmark run, the same one `mcp-bench run` makes
 *   (floor, variants, thresholds, baseline); `runPlan` / `summarize`: its steps, one by one.
 * - `startHttpServer` / `serveStdio`: the reference MCP server, for your own tests.
 */
export { createClient, McpBenchCallError, type ClientStats, type CreateClientOptions, type McpBenchClient } from './client/library.js';
export type { ClientEvent, BreakerState } from './client/events.js';
export type { AnswerCoding, ClientPolicies, CompressionPolicy } from './client/policies.js';
export type { Outcome } from './client/outcome.js';
export { loadPlan, preloadDataFiles, resolveScenario, formatIssues, type Issue, type ScenarioOverrides, type GivenTarget, type WrittenTarget } from './scenario/index.js';
export type { Plan } from './scenario/plan.js';
export type { WorkloadPlan } from './workloads/plan.js';
export type { TargetPlan } from './client/targets/registry.js';
export type { OperationPlan } from './operations/operation.js';
export type { McpRequest } from './client/request.js';
export { runScenario, type RunScenarioDependencies, type FloorCalibration } from './pipeline/run-scenario.js';
export type { GateBaseline } from './pipeline/gate.js';
export { runPlan, type RunDependencies, type RunResult } from './runner/run.js';
export { summarize } from './summary/summarize.js';
export type { RunSummary, WorkloadSummary, OperationSummary } from './summary/summary.js';
export { renderTable } from './report/table.js';
export { renderJson } from './report/json.js';
export { systemClock, type Clock } from './time/clock.js';
export { FakeClock } from './time/fake-clock.js';
export { ServerLog } from './client/transports/server-log.js';
export { startHttpServer, serveStdio, type HttpServerHandle, type Counts } from './server/index.js';
