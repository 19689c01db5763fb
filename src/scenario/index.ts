/** Scenario files in, immutable Plans (or every problem with them) out. */
export { loadPlan } from './load.js';
export { resolveScenario, type ResolveContext, type ResolveResult } from './resolve.js';
export { resolveClientOptions, type ClientOptionsResult } from './client-options.js';
export { formatIssues, type FormatOptions, type Issue } from './issues.js';
export type { Env } from './interpolate.js';
export * from './plan.js';
