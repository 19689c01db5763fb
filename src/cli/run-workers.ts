/**
 * `mcp-bench run --workers N|auto`: the run on every core of one machine. The flags and the scenario are checked here
 * exactly as `run` checks them (exit 2 before anything starts); then N children of this CLI run one shard each
 * (workers/parent.ts), their progress is merged into one line, Ctrl-C and abortOnFail reach them all, and their
 * reports are merged, judged as a whole and written as `run` writes its own (workers/merged-run.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../time/clock.js';
import { WORKER_ENV } from '../workers/protocol.js';
import { startsOf } from '../runner/started-server.js';
import { childArgs, conflictingFlag, parseWorkerCount, type GivenFlag } from '../workers/args.js';
import { forkCli } from '../workers/fork.js';
import { mergeWorkerReports } from '../workers/merged-run.js';
import { WorkerPool, describeExit, type ForkWorker, type WorkersOutcome } from '../workers/parent.js';
import { useColor } from './color.js';
import { ExitCode } from './exit-codes.js';
import { watchInterrupts } from './interrupt.js';
import type { CliIo } from './io.js';
import { deliver } from './outputs.js';
import { ProgressDriver, progressMode } from './progress-driver.js';
import { exitCodeOf, prepare, type Prepared, type RunFlags } from './run.js';
import { OPERATION_FLAG_NAMES, OPERATION_ORDER_KEY, type OperationFlag } from './workload-flags.js';
import { PrometheusEndpoint } from './prometheus.js';

export interface WorkersFlags extends RunFlags {
  /** `--workers N|auto`. */
  readonly workers: string;
}

/** What a test replaces: how children are started, the CLI entry they run, the core count `auto` reads. */
export interface WorkersCommandDependencies {
  readonly fork?: ForkWorker;
  readonly entry?: string;
  readonly availableParallelism?: () => number;
}

/** The children may take this long to start Node and load the scenario. */
const READY_TIMEOUT_US = 60_000_000;
/** From the barrier to the start: time to connect (and spawn a built-in server) in every child. */
const startMarginUs = (count: number): number => 1_000_000 + count * 100_000;
/** Once stopped, the children get their grace and their own exit deadline, plus this, before they are killed. */
const STOP_MARGIN_US = 2_000_000;
/** The parent's own last resort comes after the pool's SIGTERM and SIGKILL (3 s each) have had their time. */
const PARENT_DEADLINE_MARGIN_US = 10_000_000;

export async function runWorkersCommand(scenarioArg: string | undefined, flags: WorkersFlags, given: readonly GivenFlag[], io: CliIo, deps: WorkersCommandDependencies = {}): Promise<ExitCode> {
  const count = parseWorkerCount(flags.workers, deps.availableParallelism ?? os.availableParallelism);
  if ('problem' in count) return badFlag(io, count.problem);
  const conflict = conflictingFlag(given);
  if (conflict) return badFlag(io, conflict);
  const prepared = await prepare(scenarioArg, flags, io);
  if (typeof prepared === 'number') return prepared;
  if (startsOf(prepared.plan).length > 0) {
    return badFlag(io, "--workers cannot run a target with start: yet: every worker would start its own copy of the server on the same port (hint: start the server once yourself, or run without --workers)");
  }
  const prometheus = await PrometheusEndpoint.open(flags, io);
  if (typeof prometheus === 'number') return prometheus;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-workers-'));
  const reportPath = (index: number): string => path.join(dir, `shard-${index}.json`);
  try {
    const args = (index: number): string[] => childArgs({ scenario: scenarioArg === undefined ? undefined : prepared.file, cwd: io.cwd, given, index, count: count.count, reportPath: reportPath(index) });
    const outcome = await supervise(prepared, flags, io, { count: count.count, args, fork: deps.fork ?? forkCli(deps.entry ?? process.argv[1] ?? ''), prometheus });
    if (outcome.kind === 'not-started') return notStarted(outcome, io);
    const merged = await mergeWorkerReports({ exits: outcome.exits, reportPath, plan: prepared.plan, baseline: prepared.gate.baseline, abortedBy: outcome.abortedBy, interrupted: outcome.interrupted });
    if (!merged.ok) {
      io.stderr.write(`mcp-bench: the workers' reports could not be merged:\n${merged.problems.map((p) => `  ${p}\n`).join('')}`);
      return outcome.interrupted ? ExitCode.Interrupted : ExitCode.TargetFailed;
    }
    const how = { json: flags.json === true, color: useColor(io.stdout, io, flags.color), listFiles: !flags.json };
    if (!(await deliver(merged.summary, prepared.outputs.files, how, io))) return ExitCode.TargetFailed;
    if (!merged.summary.interrupted) await prometheus?.linger(io);
    const code = exitCodeOf(merged.summary, io);
    // A worker lost mid-run: the figures lack its share, so the run did not do what was asked (reported, then exit 3).
    if (merged.missing.length > 0 && (code === ExitCode.Ok || code === ExitCode.GateFailed)) return lostWorkers(merged.missing.length, io);
    return code === ExitCode.Ok && outcome.exits.some((exit) => exit.code === ExitCode.LateStart) ? lateStart(outcome, io) : code;
  } finally {
    await prometheus?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

interface Supervision {
  readonly count: number;
  readonly args: (index: number) => readonly string[];
  readonly fork: ForkWorker;
  readonly prometheus: PrometheusEndpoint | null;
}

/** The children's run, with what only a command line has: one merged progress line, Ctrl-C, the last-resort exit. */
async function supervise(prepared: Prepared, flags: WorkersFlags, io: CliIo, how: Supervision): Promise<WorkersOutcome> {
  const mode = progressMode(io, flags.quiet === true);
  const progress = new ProgressDriver({ stream: io.stderr, clock: systemClock, mode, color: useColor(io.stderr, io, flags.color), intervalMs: 1000 });
  let pool: WorkerPool | null = null;
  const interrupts = watchInterrupts({
    // Exiting at once ends every child too: told by SIGTERM, and by their channel closing as this process ends.
    io: { ...io, exitNow: (code) => (pool?.killAll('SIGTERM'), io.exitNow(code)) },
    clock: systemClock,
    graceUs: prepared.grace.us,
    graceLabel: prepared.grace.label,
    exitDeadlineUs: prepared.exitDeadlineUs + PARENT_DEADLINE_MARGIN_US,
    say: (text) => progress.note(text),
  });
  pool = new WorkerPool(
    {
      count: how.count,
      args: how.args,
      env: { ...io.env, [WORKER_ENV]: '1' },
      workloads: prepared.plan.workloads,
      stopSignal: interrupts.stopSignal,
      readyTimeoutUs: READY_TIMEOUT_US,
      startMarginUs: startMarginUs(how.count),
      stopTimeoutUs: prepared.grace.us + prepared.exitDeadlineUs + STOP_MARGIN_US,
    },
    {
      fork: how.fork,
      clock: systemClock,
      now: () => new Date(),
      onStderr: (index, line) => progress.note(`[worker ${index}] ${line}\n`),
      onMeasuring: (workload, live) => (progress.measuring(workload, live), how.prometheus?.metrics.measuring(workload, live)),
      onWorkloadEnd: (workload, totals) => progress.ended({ name: workload.name, status: totals.status, failureCode: totals.failureCode, measured: totals }),
      onAbort: (abortedBy) => progress.note(`threshold ${abortedBy.threshold} failed on ${abortedBy.workload} (all ${how.count} workers): stopping them\n`),
    },
  );
  try {
    if (mode !== 'off') progress.note(`starting ${how.count} worker${how.count === 1 ? '' : 's'}\n`);
    return await pool.run();
  } finally {
    interrupts.dispose();
    progress.close();
  }
}

function notStarted(outcome: Extract<WorkersOutcome, { kind: 'not-started' }>, io: CliIo): ExitCode {
  io.stderr.write(`mcp-bench: the run did not start: ${outcome.reason}\n`);
  const code = outcome.failed?.code;
  // A child refusing its input (2) or its start (4) says what was wrong; anything else is a failure to run (3).
  if (code === ExitCode.BadInput || code === ExitCode.LateStart || code === ExitCode.Interrupted) return code;
  return outcome.reason.startsWith('interrupted') ? ExitCode.Interrupted : ExitCode.TargetFailed;
}

function lostWorkers(count: number, io: CliIo): ExitCode {
  io.stderr.write(`mcp-bench: ${count === 1 ? 'a worker' : `${count} workers`} ended without a report: the merged figures lack ${count === 1 ? 'its share' : 'their shares'} (see the warnings above)\n`);
  return ExitCode.TargetFailed;
}

function lateStart(outcome: Extract<WorkersOutcome, { kind: 'ran' }>, io: CliIo): ExitCode {
  const late = outcome.exits.filter((exit) => exit.code === ExitCode.LateStart).map((exit) => `worker ${exit.index} ${describeExit(exit)}`);
  io.stderr.write(`mcp-bench: ${late.join(', ')}: it missed the synchronised start (hint: fewer --workers on a busy machine)\n`);
  return ExitCode.LateStart;
}

/**
 * The flags given on the command line (not defaults), as the children are given them again (workers/args.ts). The
 * operation flags (`--tool`, `--args`, …) go last, one by one in the order given, since `--args` and `--weight`
 * belong to the operation just before them.
 */
export function givenFlags(command: Pick<Command, 'options' | 'getOptionValueSource' | 'opts'>): GivenFlag[] {
  const values = command.opts();
  const operations: readonly OperationFlag[] = (values[OPERATION_ORDER_KEY] as OperationFlag[] | undefined) ?? [];
  const named = command.options.flatMap((option) => {
    const key = option.attributeName();
    if (command.getOptionValueSource(key) !== 'cli' || !option.long) return [];
    const value: unknown = values[key];
    const name = option.long.replace(/^--/, '');
    if (operations.length > 0 && (OPERATION_FLAG_NAMES as readonly string[]).includes(name)) return [];
    if (typeof value === 'boolean') return [{ name, values: [] }];
    return [{ name, values: Array.isArray(value) ? value.map(String) : [String(value)] }];
  });
  return [...named, ...operations.map((operation) => ({ name: operation.flag, values: [operation.value] }))];
}

function badFlag(io: CliIo, message: string): ExitCode {
  io.stderr.write(`mcp-bench: ${message}\n`);
  return ExitCode.BadInput;
}
