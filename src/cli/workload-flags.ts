/**
 * CONTRACT (issue 15, part A implements it): the quick-run flags — what to call (`--tool NAME --args JSON`,
 * `--resource URI`, `--prompt NAME`, `--method M`, repeatable, with weights) and how hard (`-c -d -n -R -w`, client
 * options) — written as a scenario would write one workload, and laid over the scenario's single workload before
 * validation (scenario/overrides.ts `GivenWorkload`). `capacity` uses the operation half only.
 */
import type { Command } from 'commander';
import type { GivenWorkload } from '../scenario/overrides.js';

/** The operation flags, as commander gives them (repeatable ones as lists). */
export interface OperationFlags {
  readonly tool?: readonly string[];
  readonly args?: readonly string[];
  readonly resource?: readonly string[];
  readonly prompt?: readonly string[];
  readonly method?: readonly string[];
  readonly weight?: readonly string[];
}

/** Every quick-run flag: the operations, the load (-c -d -n -R -w) and client options. */
export interface WorkloadFlags extends OperationFlags {
  readonly concurrency?: string;
  readonly duration?: string;
  readonly iterations?: string;
  readonly rate?: string;
  readonly warmup?: string;
}

/** Problems with flags: one line each, shown as an exit-2 list like a scenario's problems. */
export type FlagsResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly string[] };

/** Adds `--tool`, `--args`, `--resource`, `--prompt`, `--method`, `--weight` to a command. */
export function addOperationOptions(command: Command): Command {
  return command;
}

/** Adds the operation options and the load and client options (`-c -d -n -R -w`, …) to a command. */
export function addWorkloadOptions(command: Command): Command {
  return addOperationOptions(command);
}

/** The `operations:` list the flags give, as a scenario writes it; null when no operation flag is given. */
export function operationsFromFlags(_flags: OperationFlags): FlagsResult<readonly Readonly<Record<string, unknown>>[] | null> {
  return { ok: true, value: null };
}

/** The one workload the flags give, as a scenario writes it; null when no quick-run flag is given. */
export function workloadFromFlags(_flags: WorkloadFlags): FlagsResult<GivenWorkload | null> {
  return { ok: true, value: null };
}
