/**
 * Where output-schema validation joins a workload: over the top of every route's stack, and only when the check is on
 * (`client.validateOutput`, default true) and some tool the mix calls declares an `outputSchema` (preflight), so a
 * workload whose tools declare none runs exactly the stack it always had.
 */
import { compileOutputSchemas, OutputSchemaCaller } from '../client/output-schema.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import type { RoutedStack } from './route-stacks.js';

/** `stack` with every route's caller checking tools/call results; warnings for schemas that could not be compiled. */
export function withOutputChecks(workload: WorkloadPlan, stack: RoutedStack, schemas: ReadonlyMap<string, object>, warnings: string[]): RoutedStack {
  if (!workload.client.validateOutput || schemas.size === 0 || workload.engine.kind !== 'client') return stack;
  const { validators, problems } = compileOutputSchemas(schemas);
  for (const problem of problems) warnings.push(`outputSchema of ${problem}: its results are not validated`);
  if (validators.size === 0) return stack;
  const checked = new OutputSchemaCaller(stack.caller, validators);
  const routes = stack.routes;
  return {
    ...stack,
    caller: checked,
    ...(routes && { routes: { ...routes, caller: (route) => new OutputSchemaCaller(routes.caller(route), validators) } }),
  };
}
