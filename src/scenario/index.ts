/** Scenario files in, immutable Plans (or every problem with them) out. */
export { loadPlan } from './load.js';
export { preloadDataFiles, type DataFiles } from './data-files.js';
export { resolveScenario, type ResolveContext, type ResolveResult } from './resolve.js';
export type { GivenTarget, ScenarioOverrides, WrittenTarget } from './overrides.js';
export { resolveClientOptions, type ClientOptionsResult } from '../client/options/resolve.js';
export { formatIssues, type FormatOptions, type Issue } from '../input/issues.js';
export type { Env } from '../input/interpolate.js';
export * from './plan.js';
export type { TargetPlan } from '../client/targets/registry.js';
export type { McpRequest, ListMethod } from '../client/request.js';
export type { OperationPlan } from '../operations/operation.js';
export type { Bound, RampStage } from '../schedule/bound.js';
export type * from '../workloads/plan.js';
