/**
 * The resolved, immutable plan: what `resolve` produces from a validated scenario file and what every later stage
 * reads. Plain data only; times are integer microseconds, so nothing downstream parses units again.
 */
import type { TargetPlan } from '../client/targets/registry.js';
import type { WorkloadPlan } from '../workloads/plan.js';

export interface Plan {
  readonly name: string;
  /** Absolute path of the scenario file, or null when the plan did not come from a file. */
  readonly sourceFile: string | null;
  readonly target: TargetPlan;
  readonly workloads: readonly WorkloadPlan[];
  /**
   * The scenario as it may be shown in reports: `${ENV}` substitutions kept as written (never their values),
   * header values, env values and URL credentials replaced by "[redacted]".
   */
  readonly redacted: unknown;
  /**
   * The resolved plan (defaults applied, times in µs) as it may be shown: header and env values hidden, and a value
   * from a field written with `${ENV}` shown as that field is written (`http://127.0.0.1:${PORT}/mcp`), or as
   * "[redacted]" when computed from such fields (resolved-view.ts).
   */
  readonly resolvedRedacted: unknown;
  /** One line naming the target for people (`stdio: node server.js`): secrets hidden, `${ENV}` references as written. */
  readonly targetLabel: string;
  /**
   * Values never to show (input/secrets.ts): from `${VAR}`, header and env values, URL credentials. Held for masking
   * what the run prints and reports; never shown itself. Absent in a plan built by hand: none known.
   */
  readonly secrets?: readonly string[];
  /**
   * `variants:` — the same workloads under other settings, run side by side in interleaved rounds (absent or empty:
   * no comparison; `workloads` and `target` above are then what runs).
   */
  readonly variants?: readonly VariantPlan[];
  /** How variants are compared: rounds per variant, interleaved A B A B … (present when `variants` is). */
  readonly compare?: { readonly rounds: number };
}

/** One variant: the scenario with the variant's `client`, `target` and `workload` settings laid over it. */
export interface VariantPlan {
  readonly name: string;
  readonly target: TargetPlan;
  readonly targetLabel: string;
  readonly workloads: readonly WorkloadPlan[];
}
