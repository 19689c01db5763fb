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
 *
 * A given workload (the quick-run flags, cli/workload-flags.ts) is laid over the scenario's single workload the same
 * way, its text literal too: the fields it gives replace the workload's (its operations replace the list whole; its
 * `client:` block replaces the workload's key by key, a layer's settings one level down, so `--retries 2` keeps the
 * file's `retry.on`); a type it gives that differs from the workload's drops the old type's fields the new type does
 * not take (`concurrency` when -R makes it constant-rate), and a bound it gives drops the other one (`iterations`
 * when -d is given). A scenario with several workloads is one problem naming them (givenWorkloadProblems).
 */
import path from 'node:path';
import { z } from 'zod';
import type { Problem } from '../input/issues.js';
import { formatPath, isRecord } from '../input/path.js';
import type { ThresholdSpec } from '../thresholds/types.js';
import { findWorkloadType } from '../workloads/registry.js';
import type { ShardSetting } from './shard-plan.js';
import { COMMON_WORKLOAD_KEYS } from './workload.js';

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

/**
 * The scenario as written with the given target in place of its own and the given workload laid over its single
 * workload (anything but a mapping, or a scenario whose workloads are not one mapping, is left to the checks).
 */
export function withOverrides(raw: unknown, overrides: ScenarioOverrides | undefined): unknown {
  const { target, workload } = overrides ?? {};
  if ((target === undefined && workload === undefined) || !isRecord(raw)) return raw;
  const single = Array.isArray(raw.workloads) && raw.workloads.length === 1 && isRecord(raw.workloads[0]) ? raw.workloads[0] : undefined;
  return {
    ...raw,
    ...(target && { target: literal(target.written) }),
    ...(workload && single && { workloads: [layWorkload(single, literal(workload.written) as Record<string, unknown>)] }),
  };
}

/** The given workload's fields over the file's (see the file's comment for the rules). */
function layWorkload(own: Readonly<Record<string, unknown>>, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = given.type !== undefined && given.type !== own.type ? fieldsTaken(own, given.type) : { ...own };
  if (given.iterations !== undefined) delete kept.duration;
  if (given.duration !== undefined) delete kept.iterations;
  return { ...kept, ...given, ...(given.client !== undefined && { client: layClient(kept.client, given.client) }) };
}

/** The workload's fields that a workload of `type` takes: the common ones, and its own that accept their value. */
function fieldsTaken(own: Readonly<Record<string, unknown>>, type: unknown): Record<string, unknown> {
  const fields: Readonly<Record<string, z.core.$ZodType>> = findWorkloadType(type)?.fields ?? {};
  const schema = (key: string): z.core.$ZodType | undefined => fields[key];
  const takes = (key: string, value: unknown): boolean => {
    const own = schema(key);
    return COMMON_WORKLOAD_KEYS.includes(key) || (own !== undefined && z.safeParse(own, value).success);
  };
  return Object.fromEntries(Object.entries(own).filter(([key, value]) => takes(key, value)));
}

/** The given `client:` keys over the workload's; a layer given as a mapping over the workload's mapping for it. */
function layClient(own: unknown, given: unknown): unknown {
  if (!isRecord(own) || !isRecord(given)) return given;
  const merged: Record<string, unknown> = { ...own };
  for (const [key, value] of Object.entries(given)) merged[key] = isRecord(value) && isRecord(own[key]) ? { ...own[key], ...value } : value;
  return merged;
}

/**
 * A given workload laid over a scenario with several: one problem naming them (a scenario with none, or with
 * workloads that are not a list, has its own problem already). `file` as the user named it, or null.
 */
export function givenWorkloadProblems(raw: unknown, overrides: ScenarioOverrides | undefined, file: string | null): Problem[] {
  const given = overrides?.workload;
  if (given === undefined || !isRecord(raw) || !Array.isArray(raw.workloads) || raw.workloads.length <= 1) return [];
  const names = raw.workloads.map((w: unknown, i) => (isRecord(w) && typeof w.name === 'string' ? w.name : `#${i + 1}`));
  const where = file === null ? 'this scenario' : path.basename(file);
  return [
    {
      segments: ['workloads'],
      message: `flags that shape a workload (${given.givenBy.join(', ')}) apply to a scenario with one workload; ${where} has ${names.length}: ${names.join(', ')}`,
      hint: 'drop those flags to run the file as written, or copy the workload you want into a scenario of its own',
    },
  ];
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

/**
 * The problems of the scenario with what was given laid over it, each one that only the given workload causes saying
 * so (`… (the workload given by --tool, -d)`), and each one that only the given target causes saying that (as
 * blameGivenTarget). `checkWith` checks the scenario with other overrides, to tell which caused what.
 */
export function blameGiven(problems: readonly Problem[], checkWith: (overrides: ScenarioOverrides | undefined) => readonly Problem[], overrides: ScenarioOverrides | undefined): Problem[] {
  const { workload, target, ...rest } = overrides ?? {};
  if (workload === undefined && target === undefined) return [...problems];
  const withoutWorkload = workload === undefined ? problems : checkWith({ ...rest, ...(target && { target }) });
  const beforeWorkload = new Set(withoutWorkload.map(keyOf));
  const origin = `the workload given by ${workload?.givenBy.join(', ') || 'the command line'}`;
  const blamed = problems.map((problem) => (beforeWorkload.has(keyOf(problem)) ? problem : { ...problem, message: `${problem.message} (${origin})` }));
  return target === undefined ? blamed : blameGivenTarget(blamed, [...checkWith(undefined), ...blamed.filter((p) => !beforeWorkload.has(keyOf(p)))], target);
}

const keyOf = (problem: Problem): string => `${formatPath(problem.segments)}\u0000${problem.message}`;
