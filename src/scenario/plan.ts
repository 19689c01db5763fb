/**
 * The resolved, immutable plan: what `resolve` produces from a validated scenario file and what every later stage
 * reads. Plain data only; times are integer microseconds, so nothing downstream parses units again.
 */
import type { TargetPlan } from '../client/targets/registry.js';
import type { WorkloadPlan } from '../workloads/plan.js';
import type { Shard } from '../schedule/shard.js';

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
  /**
   * Which share of the run this process runs (`--shard i/N`): `workloads` and every variant's are already this
   * shard's share (workloads/registry.ts splitWorkload). Absent in a plan built by hand: the whole run.
   */
  readonly shard?: Shard;
  /** The synchronised start (`--start-at`), or null (absent: none): every workload waits for its slot. */
  readonly start?: StartPlan | null;
  /**
   * The plan's fingerprint (plan-hash.ts), of the whole run before it was split: every shard of one run has the same.
   * Absent in a plan built by hand.
   */
  readonly planHash?: string;
}

/** When a sharded run starts: the same wall-clock instant on every shard, and how late a shard may be. */
export interface StartPlan {
  /** The instant, in ms since the Unix epoch (wall clock). */
  readonly atEpochMs: number;
  /** A shard whose first workload is ready later than this after the instant runs nothing (exit 4). */
  readonly maxLateUs: number;
}

/** One variant: the scenario with the variant's `client`, `target` and `workload` settings laid over it. */
export interface VariantPlan {
  readonly name: string;
  readonly target: TargetPlan;
  readonly targetLabel: string;
  readonly workloads: readonly WorkloadPlan[];
}
