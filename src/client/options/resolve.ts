/**
 * The library's client options (`createClient(options)`): a `client:` block held in memory, checked by the same
 * schema and rules as a scenario's and resolved the same way. Issue paths have no `client.` prefix (`retry.attempts`).
 */
import type { ClientPolicies } from '../policies.js';
import type { TargetPlan } from '../targets/registry.js';
import { toIssue, valueProblem, type Issue, type Problem } from '../../input/issues.js';
import { interpolate, type Env } from '../../input/interpolate.js';
import { clientSchema } from './schema.js';
import { clientProblems } from './checks.js';
import { buildClient } from './build.js';
import { buildTarget } from '../targets/registry.js';
import { fromZodIssues } from '../../input/zod-issues.js';
import { inDocumentOrder, isRecord, PathSet } from '../../input/path.js';
import { deepFreeze } from '../../input/freeze.js';
import { redact } from '../../input/redact.js';
import { showProblems } from '../../input/shown-problems.js';

export type ClientOptionsResult =
  | {
      readonly ok: true;
      readonly client: ClientPolicies;
      /** The options' `endpoints`, resolved; null when none were given. */
      readonly endpoints: TargetPlan[] | null;
      /** The options' `timeout` (per attempt) in µs; null when not given. */
      readonly timeoutUs: number | null;
    }
  | { readonly ok: false; readonly issues: Issue[] };

/**
 * Validates and resolves client options (`raw` as given, `${VAR}` in strings substituted from `env`); a relative
 * stdio `cwd` in an endpoint is resolved against `baseDir`. Every problem is reported at once; never throws.
 * Options are always a client block, so `reconnect` defaults to on and an empty object is all layers off.
 */
export function resolveClientOptions(raw: unknown, env: Env, baseDir: string): ClientOptionsResult {
  if (raw !== undefined && raw !== null && !isRecord(raw)) {
    return { ok: false, issues: [toIssue(valueProblem([], 'a mapping of client options', raw), null)] };
  }
  const interpolated = interpolate(raw ?? {}, env);
  const parsed = clientSchema.safeParse(interpolated.value, { reportInput: true });
  const unresolved = new PathSet(interpolated.problems.map((problem) => problem.segments));
  const checked = [...(parsed.success ? [] : fromZodIssues(parsed.error.issues)), ...clientProblems(interpolated.value)].filter(
    (problem) => !unresolved.covers(problem.segments),
  );
  // Redacted as a scenario's client block, so endpoint header and env values count as secret places.
  const redacted = (redact({ client: raw ?? {} }) as { client: unknown }).client;
  const versions = { written: raw ?? {}, redacted, interpolated: interpolated.value, substituted: interpolated.substituted };
  const problems: Problem[] = [...interpolated.problems, ...showProblems(checked, versions)];
  if (!parsed.success || problems.length > 0) {
    return { ok: false, issues: inDocumentOrder(raw, problems).map((problem) => toIssue(problem, null)) };
  }
  const block = parsed.data ?? {};
  return deepFreeze({
    ok: true,
    client: buildClient(block),
    endpoints: block.endpoints ? block.endpoints.map((target) => buildTarget(target, baseDir)) : null,
    timeoutUs: block.timeout ?? null,
  });
}
