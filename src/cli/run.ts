import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServerLog } from '../client/transports/server-log.js';
import { summarize } from '../summary/summarize.js';
import type { CalibratedFloor } from '../metrics/harness-types.js';
import { quickFloor } from '../harness/calibrate.js';
import type { RunSummary } from '../summary/summary.js';
import { runPlan, type RunDependencies } from '../runner/run.js';
import { runRounds, type RoundsDependencies } from '../runner/rounds.js';
import { summarizeVariants } from '../compare/summarize-variants.js';
import { formatIssues } from '../input/issues.js';
import { loadPlan } from '../scenario/load.js';
import type { Plan } from '../scenario/plan.js';
import { parseDuration } from '../input/units.js';
import { systemClock } from '../time/clock.js';
import { VERSION } from '../version.js';
import { useColor } from './color.js';
import { currentEnvironment } from './environment.js';
import { ExitCode } from './exit-codes.js';
import { applyGate, gateFailureLine, prepareGate, type Gate, type GateFlags } from './gate.js';
import { abandonedWarnings, watchInterrupts } from './interrupt.js';
import type { CliIo } from './io.js';
import { deliver, planOutputs, type OutputFlags, type OutputPlan } from './outputs.js';
import { ProgressDriver, progressMode } from './progress-driver.js';
import { openLogFile, serverLogPath } from './report-files.js';
import { targetFromFlags, withTarget, type TargetFlags } from './target-flags.js';

export interface RunFlags extends TargetFlags, OutputFlags, GateFlags {
  readonly json?: boolean;
  readonly color: boolean;
  readonly quiet?: boolean;
  /** `--grace`: after the first interrupt, how long calls in flight may take to finish (default `2s`). */
  readonly grace?: string;
}

const DEFAULT_GRACE = '2s';

interface Grace {
  readonly us: number;
  readonly label: string;
}

interface Prepared {
  readonly plan: Plan;
  readonly outputs: OutputPlan;
  readonly gate: Gate;
  readonly grace: Grace;
}

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** `mcp-bench run [scenario]`: load → resolve → run → summarize → gate → report → exit code. */
export async function runCommand(scenarioArg: string | undefined, flags: RunFlags, io: CliIo): Promise<ExitCode> {
  const prepared = await prepare(scenarioArg, flags, io);
  if (typeof prepared === 'number') return prepared;
  const { plan, outputs } = prepared;
  const summary = applyGate(await execute(plan, outputs.jsonPath, flags, prepared.grace, io), plan, prepared.gate);
  const how = { json: flags.json === true, color: useColor(io.stdout, io, flags.color), listFiles: !flags.quiet && !flags.json };
  if (!(await deliver(summary, outputs.files, how, io))) return ExitCode.TargetFailed;
  return exitCodeOf(summary, io);
}

/** Everything checked before anything runs: flags, the scenario, where reports go, the baseline. */
async function prepare(scenarioArg: string | undefined, flags: RunFlags, io: CliIo): Promise<Prepared | ExitCode> {
  const override = targetFromFlags(flags, io.cwd);
  if (!override.ok) return badFlag(io, override.error);
  const graceText = (flags.grace ?? DEFAULT_GRACE).trim();
  const graceUs = parseDuration(graceText);
  if (!graceUs.ok) return badFlag(io, `--grace expects ${graceUs.expected}; got ${JSON.stringify(flags.grace)}`);
  const gate = await prepareGate(flags, io.cwd);
  if (!gate.ok) return badFlag(io, gate.error);
  const file = scenarioArg
    ? path.resolve(io.cwd, scenarioArg)
    : path.join(SCENARIOS, override.target ? 'any-server.yaml' : 'quickstart.yaml');
  const loaded = await loadPlan(file, io.env);
  if (!loaded.ok) {
    io.stderr.write(formatIssues(loaded.issues, { color: useColor(io.stderr, io, flags.color) }));
    return ExitCode.BadInput;
  }
  const plan = override.target ? withTarget(loaded.plan, override.target) : loaded.plan;
  const outputs = await planOutputs(flags, io.cwd, plan.name, new Date());
  if (!outputs.ok) return badFlag(io, outputs.error);
  return { plan, outputs: outputs.plan, gate: gate.gate, grace: { us: graceUs.value, label: graceText } };
}

async function execute(plan: Plan, reportPath: string, flags: RunFlags, grace: Grace, io: CliIo): Promise<RunSummary> {
  const spawnsServer = [plan.target, ...(plan.variants ?? []).map((v) => v.target)].some((t) => t.kind === 'builtin' || t.kind === 'stdio');
  const logFile = spawnsServer ? serverLogPath(reportPath) : null;
  const serverLog = new ServerLog(logFile ? await openLogFile(logFile) : null);
  const mode = progressMode(io, flags.quiet === true);
  const progress = new ProgressDriver({ stream: io.stderr, clock: systemClock, mode, color: useColor(io.stderr, io, flags.color) });
  const interrupts = watchInterrupts({ io, clock: systemClock, graceUs: grace.us, graceLabel: grace.label, say: (text) => progress.note(text) });
  try {
    const deps: RunDependencies = {
      clock: systemClock,
      serverLog,
      stopSignal: interrupts.stopSignal,
      abandonSignal: interrupts.abandonSignal,
      now: () => new Date(),
      onWorkloadStart: (workload) => progress.workloadStarted(workload),
      onMeasuring: (workload, live) => progress.measuring(workload, live),
      onWorkloadEnd: (run) => progress.workloadEnded(run),
    };
    const environment = currentEnvironment();
    const floor = await calibrateFloor();
    const { summary, abandoned } = plan.variants && plan.variants.length > 0
      ? await runVariantsOf(plan, { ...deps, onRoundStart: (s) => mode !== 'off' && progress.note(`round ${s.round}/${s.rounds} · variant ${s.variant}\n`) }, environment, grace)
      : await runSingle(plan, deps, environment, grace);
    const warnings = [...summary.warnings, ...floor.warnings, ...abandoned];
    return { ...summary, warnings, harness: { floor: floor.floor } };
  } finally {
    interrupts.dispose();
    progress.close();
    await serverLog.close();
    if (logFile && serverLog.charsWritten === 0) await rm(logFile, { force: true });
  }
}

type Environment = ReturnType<typeof currentEnvironment>;

/**
 * The harness's floor, measured before any workload (in-process, ~¼ s): the report can then say which latencies no
 * server could be blamed for. A failure here costs the run nothing but the floor (null, and a warning).
 */
async function calibrateFloor(): Promise<{ floor: CalibratedFloor | null; warnings: string[] }> {
  try {
    return { floor: await quickFloor(), warnings: [] };
  } catch (error) {
    return { floor: null, warnings: [`the harness floor could not be calibrated: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

async function runSingle(plan: Plan, deps: RunDependencies, environment: Environment, grace: Grace) {
  const result = await runPlan(plan, deps);
  return { summary: summarize(result, environment, VERSION), abandoned: abandonedWarnings(result, grace.label) };
}

async function runVariantsOf(plan: Plan, deps: RoundsDependencies, environment: Environment, grace: Grace) {
  const result = await runRounds(plan, deps);
  const abandoned = result.runs.flatMap((run) => abandonedWarnings(run.result, grace.label));
  return { summary: summarizeVariants(result, environment, VERSION), abandoned: [...new Set(abandoned)] };
}

function exitCodeOf(summary: RunSummary, io: CliIo): ExitCode {
  for (const warning of summary.warnings) io.stderr.write(`warning: ${warning}\n`);
  if (summary.interrupted) return ExitCode.Interrupted;
  if (summary.failure) {
    const config = summary.failure.code.startsWith('config:');
    io.stderr.write(`mcp-bench: ${summary.failure.message}${config ? '' : ` (${summary.failure.code})`}\n`);
    return config ? ExitCode.BadInput : ExitCode.TargetFailed;
  }
  const gateFailure = gateFailureLine(summary);
  if (gateFailure) {
    io.stderr.write(`mcp-bench: ${gateFailure}\n`);
    return ExitCode.GateFailed;
  }
  return ExitCode.Ok;
}

function badFlag(io: CliIo, message: string): ExitCode {
  io.stderr.write(`mcp-bench: ${message}\n`);
  return ExitCode.BadInput;
}
