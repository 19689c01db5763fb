import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { exitedHint } from '../client/connect-hints.js';
import { targetKind } from '../client/targets/registry.js';
import { ServerLog } from '../client/transports/server-log.js';
import type { RunSummary } from '../summary/summary.js';
import { failureText } from '../report/workload-view.js';
import { formatIssues } from '../input/issues.js';
import { loadPlan } from '../scenario/load.js';
import type { ScenarioOverrides } from '../scenario/overrides.js';
import type { Plan } from '../scenario/plan.js';
import { parseDuration } from '../input/units.js';
import { systemClock } from '../time/clock.js';
import { runScenario } from '../pipeline/run-scenario.js';
import { joinParent, judgedByParent, processChannel, type WorkerChild } from '../workers/child.js';
import { useColor } from './color.js';
import { ExitCode } from './exit-codes.js';
import { gateFailureLine, prepareGate, type Gate, type GateFlags } from './gate.js';
import { EXIT_DEADLINE_US, watchInterrupts } from './interrupt.js';
import type { CliIo } from './io.js';
import { deliver, planOutputs, reportWanted, type OutputFlags, type OutputPlan } from './outputs.js';
import { ProgressDriver, progressMode } from './progress-driver.js';
import { openLogFile, serverLogPath } from './report-files.js';
import { resolveScenarioArg, SHIPPED_SCENARIOS_DIR } from './shipped-scenarios.js';
import { displayPath } from './display-path.js';
import { flagSecrets, targetFromFlags, type TargetFlags } from './target-flags.js';
import { shardFromFlags, type ShardFlags } from './shard-flags.js';
import { workloadFromFlags, type WorkloadFlags } from './workload-flags.js';
import type { ShardSetting } from '../scenario/shard-plan.js';
import { startsOf } from '../runner/started-server.js';
import { serverPidOf } from './server-pid.js';

import { PrometheusEndpoint, type PrometheusFlags } from './prometheus.js';

export interface RunFlags extends TargetFlags, OutputFlags, GateFlags, ShardFlags, WorkloadFlags, PrometheusFlags {
  readonly json?: boolean;
  readonly color: boolean;
  readonly quiet?: boolean;
  /** `--grace`: after the first interrupt, how long calls in flight may take to finish (default `2s`). */
  readonly grace?: string;
  /** `--server-pid`: a local server process started separately, sampled (with its children) like a spawned one. */
  readonly serverPid?: string;
}

const DEFAULT_GRACE = '2s';

interface Grace {
  readonly us: number;
  readonly label: string;
}

export interface Prepared {
  /** The scenario file run: the path given, a shipped scenario by name (`quickstart`), or the default. */
  readonly file: string;
  readonly plan: Plan;
  readonly outputs: OutputPlan;
  readonly gate: Gate;
  readonly grace: Grace;
  /** After the grace period, how long the run may take to end before the CLI exits at once (`MCP_BENCH_EXIT_DEADLINE`). */
  readonly exitDeadlineUs: number;
  /** `--server-pid`, checked: it exists (null: none given, or not sampled on this platform). */
  readonly serverPid?: number | null;
}

/** Shortens (or lengthens) the last-resort exit after the grace period; default EXIT_DEADLINE_US (10 s). */
const EXIT_DEADLINE_ENV = 'MCP_BENCH_EXIT_DEADLINE';

/** `mcp-bench run [scenario]`: flags and scenario → runScenario → reports → exit code. */
export async function runCommand(scenarioArg: string | undefined, flags: RunFlags, io: CliIo): Promise<ExitCode> {
  // A worker of `run --workers N` (workers/child.ts): ready, then the start time its parent hands out, as --start-at.
  const worker = joinParent(io.env, processChannel(), { clock: systemClock, onParentGone: () => io.exitNow(ExitCode.Interrupted) });
  const start = worker ? { startAt: await worker.awaitStart() } : {};
  const prepared = await prepare(scenarioArg, { ...flags, ...start }, io);
  if (typeof prepared === 'number') return prepared;
  // A worker never serves metrics: its parent does, from the merged figures (workers/args.ts keeps the flag there).
  const prometheus = worker ? null : await PrometheusEndpoint.open(flags, io);
  if (typeof prometheus === 'number') return prometheus;
  try {
    const summary = await execute(prepared, flags, io, worker, prometheus);
    // -q quietens progress only: where the report went is a result, and it is said on stderr.
    const how = { json: flags.json === true, color: useColor(io.stdout, io, flags.color), listFiles: !flags.json };
    if (!(await deliver(summary, prepared.outputs.files, how, io))) return ExitCode.TargetFailed;
    if (!summary.interrupted) await prometheus?.linger(io);
    const logFile = prepared.outputs.jsonPath === null ? null : serverLogPath(prepared.outputs.jsonPath);
    return exitCodeOf(summary, io, logFile);
  } finally {
    await prometheus?.close();
  }
}

/**
 * Everything checked before anything runs: flags, the scenario with the target and thresholds the flags give merged
 * in before it is validated (one list of problems, exit 2), where reports go, the baseline.
 */
export async function prepare(scenarioArg: string | undefined, flags: RunFlags, io: CliIo): Promise<Prepared | ExitCode> {
  io.secrets?.addAll(flagSecrets(flags));
  const override = targetFromFlags(flags, io.cwd);
  if (!override.ok) return badFlag(io, override.error);
  const graceText = (flags.grace ?? DEFAULT_GRACE).trim();
  const graceUs = parseDuration(graceText);
  if (!graceUs.ok) {
    const hint = graceUs.hint === undefined ? '' : ` (hint: ${graceUs.hint})`;
    return badFlag(io, `--grace expects ${graceUs.expected}; got ${JSON.stringify(flags.grace)}${hint}`);
  }
  const deadlineText = io.env[EXIT_DEADLINE_ENV]?.trim();
  const deadlineUs = deadlineText ? parseDuration(deadlineText) : { ok: true as const, value: EXIT_DEADLINE_US };
  if (!deadlineUs.ok) return badFlag(io, `${EXIT_DEADLINE_ENV} expects ${deadlineUs.expected}; got ${JSON.stringify(deadlineText)}`);
  const serverPid = serverPidOf(flags.serverPid, io);
  if (typeof serverPid === 'string') return badFlag(io, serverPid);
  const sharding = shardingOf(flags, io);
  if (!sharding.ok) return badFlag(io, sharding.error);
  const gate = await prepareGate(flags, io.cwd);
  if (!gate.ok) return badFlag(io, gate.error);
  const workload = workloadFromFlags(flags);
  if (!workload.ok) return badFlags(io, workload.problems, flags);
  const named = scenarioArg ? resolveScenarioArg(scenarioArg, io.cwd) : { ok: true as const, file: path.join(SHIPPED_SCENARIOS_DIR, defaultScenario(override.target !== null, workload.value !== null)) };
  if (!named.ok) return badFlag(io, named.error);
  const { file } = named;
  const overrides: ScenarioOverrides = {
    // The flag is the target's one key: --stdio, --http or --sse.
    ...(override.target && { target: { written: override.target, givenBy: `--${Object.keys(override.target)[0]}` } }),
    ...(workload.value && { workload: workload.value }),
    thresholds: gate.gate.thresholds,
    sharding: sharding.value,
  };
  const loaded = await loadPlan(file, io.env, overrides);
  io.secrets?.addAll((loaded.ok ? loaded.plan.secrets : loaded.secrets) ?? []);
  if (!loaded.ok) {
    io.stderr.write(formatIssues(loaded.issues, { color: useColor(io.stderr, io, flags.color) }));
    return ExitCode.BadInput;
  }
  const report = reportWanted(flags.report, io.env);
  if (!report.ok) return badFlag(io, report.error);
  const outputs = await planOutputs({ ...flags, report: report.value }, io.cwd, loaded.plan.name, new Date());
  if (!outputs.ok) return badFlag(io, outputs.error);
  const grace = { us: graceUs.value, label: graceText };
  return { file, plan: loaded.plan, outputs: outputs.plan, gate: gate.gate, grace, exitDeadlineUs: deadlineUs.value, serverPid };
}

/**
 * The share and start the flags give (shard-flags.ts), `+30s` counted from now. A share of a larger run is never
 * compared with a baseline: its figures are 1/N of the run's.
 */
function shardingOf(flags: RunFlags, io: CliIo): { ok: true; value: ShardSetting } | { ok: false; error: string } {
  const sharding = shardFromFlags(flags, io.env, Date.now());
  if (!sharding.ok || sharding.value.shard.count === 1 || flags.baseline === undefined) return sharding;
  const { index, count } = sharding.value.shard;
  return { ok: false, error: `--baseline is not checked on shard ${index}/${count}: one shard's figures are 1/${count} of the run's\n  hint: run mcp-bench merge on every shard's report, and compare the merged report with the baseline` };
}

/** The run itself, with what only a command line has: a server log file, progress on stderr, Ctrl-C. */
async function execute(prepared: Prepared, flags: RunFlags, io: CliIo, worker: WorkerChild | null, prometheus: PrometheusEndpoint | null): Promise<RunSummary> {
  const { plan, grace } = prepared;
  const spawnsServer = [plan.target, ...(plan.variants ?? []).map((v) => v.target)].some((t) => targetKind(t.kind).spawnsServer) || startsOf(plan).length > 0;
  // No report, no log file (--no-report): the server's last lines still reach the failure message (ServerLog.tail).
  const logFile = spawnsServer && prepared.outputs.jsonPath !== null ? serverLogPath(prepared.outputs.jsonPath) : null;
  const secrets = io.secrets;
  const serverLog = new ServerLog(logFile ? await openLogFile(logFile) : null, secrets ? (text) => secrets.mask(text) : undefined);
  const mode = progressMode(io, flags.quiet === true);
  const progress = new ProgressDriver({ stream: io.stderr, clock: systemClock, mode, color: useColor(io.stderr, io, flags.color) });
  const interrupts = watchInterrupts({
    io: worker ? { ...io, onSignal: worker.signals((handler) => io.onSignal(handler)) } : io,
    clock: systemClock,
    graceUs: grace.us,
    graceLabel: grace.label,
    exitDeadlineUs: prepared.exitDeadlineUs,
    // A worker's parent says what an interrupt does, once for all of them.
    say: (text) => worker === null && progress.note(text),
  });
  if (plan.start && mode !== 'off') progress.note(`${shardLabel(plan)}starts at ${new Date(plan.start.atEpochMs).toISOString()} (--start-at)\n`);
  try {
    return await runScenario(worker ? judgedByParent(plan) : plan, {
      clock: systemClock,
      serverLog,
      stopSignal: worker ? AbortSignal.any([interrupts.stopSignal, worker.stopSignal]) : interrupts.stopSignal,
      abandonSignal: interrupts.abandonSignal,
      graceLabel: grace.label,
      ...(logFile && { serverLogName: displayPath(io.cwd, logFile) }),
      ...(prepared.serverPid && { serverPids: pidList(prepared.serverPid) }),
      baseline: prepared.gate.baseline,
      onWorkloadStart: (workload) => progress.workloadStarted(workload),
      onMeasuring: (workload, live) => (progress.measuring(workload, live), worker?.measuring(workload, live), prometheus?.metrics.measuring(workload, live)),
      onWorkloadEnd: (run) => (progress.workloadEnded(run), worker?.workloadEnded(run)),
      onRoundStart: (s) => mode !== 'off' && progress.note(`round ${s.round}/${s.rounds} · variant ${s.variant}\n`),
    });
  } finally {
    interrupts.dispose();
    progress.close();
    await serverLog.close();
    if (logFile && serverLog.writeFailure) io.stderr.write(`warning: could not write the server log ${displayPath(io.cwd, logFile)}: ${serverLog.writeFailure}\n`);
    // An empty log is removed; one that failed was never ours (something else sits at that path).
    else if (logFile && serverLog.charsWritten === 0) await rm(logFile, { force: true }).catch(() => undefined);
  }
}

export function exitCodeOf(summary: RunSummary, io: CliIo, serverLog: string | null = null): ExitCode {
  for (const warning of summary.warnings) io.stderr.write(`warning: ${warning}\n`);
  if (summary.interrupted) return ExitCode.Interrupted;
  if (summary.shard?.late) {
    io.stderr.write('mcp-bench: this shard missed the synchronised start (--start-at) by more than --max-late: it ran nothing, and its report is marked late\n');
    return ExitCode.LateStart;
  }
  if (summary.failure) {
    const config = summary.failure.code.startsWith('config:');
    io.stderr.write(`mcp-bench: ${config ? summary.failure.message : failureText(summary.failure)}\n`);
    if (!config) io.stderr.write(serverNextStep(summary.failure, serverLog, io.cwd));
    return config ? ExitCode.BadInput : ExitCode.TargetFailed;
  }
  const gateFailure = gateFailureLine(summary);
  if (gateFailure) {
    io.stderr.write(`mcp-bench: ${gateFailure}\n`);
    return ExitCode.GateFailed;
  }
  return ExitCode.Ok;
}

/** A failed server's first error line and where its log is, unless the failure's message says them already. */
function serverNextStep(failure: NonNullable<RunSummary['failure']>, serverLog: string | null, cwd: string): string {
  if (failure.message.includes('server log:')) return '';
  const said = exitedHint(failure.serverStderr);
  return `${said ? `  ${said}\n` : ''}${serverLog && existsSync(serverLog) ? `  server log: ${displayPath(cwd, serverLog)}\n` : ''}`;
}

function pidList(pid: number): () => readonly number[] {
  const pids = [pid];
  return () => pids;
}

function shardLabel(plan: Plan): string {
  return plan.shard && plan.shard.count > 1 ? `shard ${plan.shard.index}/${plan.shard.count} ` : 'the run ';
}

/** Without a scenario file: quick-run flags run quick.yaml's one workload; a target alone any-server.yaml. */
function defaultScenario(targetGiven: boolean, workloadGiven: boolean): string {
  if (workloadGiven) return 'quick.yaml';
  return targetGiven ? 'any-server.yaml' : 'quickstart.yaml';
}

/** Every problem with the quick-run flags, as a scenario's problems are shown (exit 2). */
function badFlags(io: CliIo, problems: readonly string[], flags: RunFlags): ExitCode {
  const issues = problems.map((message) => ({ file: 'command line', path: '', message }));
  io.stderr.write(formatIssues(issues, { color: useColor(io.stderr, io, flags.color) }));
  return ExitCode.BadInput;
}

function badFlag(io: CliIo, message: string): ExitCode {
  io.stderr.write(`mcp-bench: ${message}\n`);
  return ExitCode.BadInput;
}
