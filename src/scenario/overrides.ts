/**
 * Settings given outside the scenario file — the CLI's `--stdio`/`--http`/`--sse` and `--threshold` — merged into
 * the scenario before it is validated (after k6's getConsolidatedConfig), so the one validation checks them with the
 * file and reports every problem at once, a target the workloads cannot use included.
 *
 * A given target is laid over `target:` as written, so everything that follows the scenario's target follows it:
 * workloads that call the target (not endpoints of their own) and variants that name no target of their own; the
 * report's copies of the scenario show it, redacted like any target. Its text is taken literally: every `${` is
 * written as `$${`, which substitution turns back into `${`, so a header value holding `${X}` reaches the server as
 * given and is never read as a variable (nor shown as one). A problem that only the given target causes says so, since
 * the user did not write that target in the file. Given thresholds are already parsed: they join every workload's
 * total, after the file's own.
 */
import type { Problem } from '../input/issues.js';
import { formatPath, isRecord } from '../input/path.js';
import type { ThresholdSpec } from '../thresholds/types.js';
import type { ShardSetting } from './shard-plan.js';

export interface ScenarioOverrides {
  /** A target in place of the file's. */
  readonly target?: GivenTarget;
  /** Thresholds on every workload's total (`--threshold`, source `cli`), after the workload's own. */
  readonly thresholds?: readonly ThresholdSpec[];
  /**
   * One workload given on the command line (`run --tool … -c 16 -d 10s`, cli/workload-flags.ts), written as a
   * scenario writes a workload; laid over the scenario's single workload before validation (a scenario with several
   * workloads is a problem naming them). Absent: the file's workloads as written.
   */
  readonly workload?: GivenWorkload;
  /** This process's share of a sharded run and the synchronised start (`--shard`, `--start-at`); absent: the whole run. */
  readonly sharding?: ShardSetting;
}

export interface GivenTarget {
  readonly written: WrittenTarget;
  /** Where it came from, for the problems it causes (`--stdio`); absent: "given in place of the file's". */
  readonly givenBy?: string;
}

export interface GivenWorkload {
  /** The workload's fields as a scenario would write them (`type`, `concurrency`, `duration`, `operations`, …). */
  readonly written: Readonly<Record<string, unknown>>;
  /** The flags that gave them, for the problems they cause (`--tool`, `-c`). */
  readonly givenBy: readonly string[];
}

type Strings = Readonly<Record<string, string>>;

/** A target as a scenario writes it; a relative stdio `cwd` is taken from the scenario file's folder. */
export type WrittenTarget =
  | { readonly stdio: { readonly command: string; readonly args?: readonly string[]; readonly env?: Strings; readonly cwd?: string } }
  | { readonly http: { readonly url: string; readonly headers?: Strings } }
  | { readonly sse: { readonly url: string; readonly headers?: Strings } };

/** The scenario as written with the given target in place of its own (anything but a mapping is left to the checks). */
export function withOverrides(raw: unknown, overrides: ScenarioOverrides | undefined): unknown {
  const given = overrides?.target;
  if (given === undefined || !isRecord(raw)) return raw;
  return { ...raw, target: literal(given.written) };
}

/** Every `${` written as `$${`: substitution turns it back into `${`, and nothing in it is read as a variable. */
function literal(value: unknown): unknown {
  // A function, so `$$` is not read as a replacement pattern (which would write one `$`).
  if (typeof value === 'string') return value.replaceAll('${', () => '$${');
  if (Array.isArray(value)) return value.map(literal);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, literal(item)]));
  return value;
}

/**
 * The problems of the scenario with the given target, each one that the scenario as written does not have (`own`)
 * saying where that target came from: `… calls a stdio server (the target given by --stdio)`.
 */
export function blameGivenTarget(problems: readonly Problem[], own: readonly Problem[], given: GivenTarget): Problem[] {
  const written = new Set(own.map(keyOf));
  const origin = given.givenBy === undefined ? "the target given in place of the file's" : `the target given by ${given.givenBy}`;
  return problems.map((problem) => (written.has(keyOf(problem)) ? problem : { ...problem, message: `${problem.message} (${origin})` }));
}

const keyOf = (problem: Problem): string => `${formatPath(problem.segments)}\u0000${problem.message}`;
