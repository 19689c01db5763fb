/**
 * A whole benchmark run of a Plan, composed in one place (after hyperfine's run()): the CLI's `run` calls it, and so
 * can a library user, who then gets the very same run. The harness's floor is measured first; then the workloads run
 * (a plan with variants: every variant in interleaved rounds); the results are summarized (with the comparison when
 * there are variants), the warnings gathered, and the gate applied: every threshold the plan carries, and the
 * baseline check when one is given. Everything with an effect comes in as a dependency with a default for library
 * use; reading files, writing reports, progress lines and exit codes are the caller's.
 */
import { ServerLog } from '../client/transports/server-log.js';
import { summarizeVariants } from '../compare/summarize-variants.js';
import { quickFloor } from '../harness/calibrate.js';
import type { CalibratedFloor } from '../metrics/harness-types.js';
import { runRounds, type RoundsDependencies } from '../runner/rounds.js';
import { runPlan, type RunOneWorkload } from '../runner/run.js';
import { runWorkload } from '../runner/workload-run.js';
import type { Plan } from '../scenario/plan.js';
import { summarize } from '../summary/summarize.js';
import { maskSummary } from '../summary/mask.js';
import { Secrets } from '../input/secrets.js';
import type { Environment, RunSummary } from '../summary/summary.js';
import { systemClock } from '../time/clock.js';
import { VERSION } from '../version.js';
import { abandonedWarnings } from './abandoned.js';
import { currentEnvironment } from './environment.js';
import { applyGate, type GateBaseline } from './gate.js';
import { StartGate } from '../runner/start-gate.js';
import { withShardReport } from './shard-report.js';
import { StartedServers, startsOf } from '../runner/started-server.js';

/** Measures the harness's floor on this machine (the default: quickFloor, in-process, ~¼ s of real time). */
export type FloorCalibration = () => Promise<CalibratedFloor>;

/**
 * What a run needs from outside, each with a default: the system clock, the wall clock for timestamps, stop and
 * abandon signals that never fire, a server log kept in memory, this machine's environment and this package's version.
 */
export interface RunScenarioDependencies extends Partial<Omit<RoundsDependencies, 'startGate' | 'firstSlot' | 'waitForSlot'>> {
  /** How the grace period before `abandonSignal` is shown in warnings about calls abandoned then (e.g. `2s`). */
  readonly graceLabel?: string;
  /** The machine the report says it ran on. */
  readonly environment?: Environment;
  /** The mcp-bench version the report names. */
  readonly version?: string;
  /**
   * How the harness's floor is measured before the workloads; null: not measured (the report's floor is null). The
   * default runs on the real clock whatever `clock` is, so with a fake clock pass null (or a stand-in).
   */
  readonly floor?: FloorCalibration | null;
  /** A saved run to compare with: regressions beyond its tolerances fail the gate. */
  readonly baseline?: GateBaseline | null;
  /** Runs one workload; the real one (connections, client stack, executor) by default, a stand-in in tests. */
  readonly runWorkload?: RunOneWorkload;
  /** Where the server log is written, as the user should read it: named when a server started for the run fails. */
  readonly serverLogName?: string;
}

/**
 * Runs the plan and returns its summary, gate applied and the plan's secrets masked in every message (a spawn error
 * quoting a command from `${VAR}`, a server's stderr echoing its env). Never throws for what the target does: that is
 * in the summary.
 */
export async function runScenario(plan: Plan, deps: RunScenarioDependencies = {}): Promise<RunSummary> {
  const secrets = new Secrets();
  secrets.addAll(plan.secrets ?? []);
  const defaults = withDefaults(deps, secrets);
  // The synchronised start (`--start-at`): the wall clock is read against the run's clock once, here.
  const startGate = StartGate.of(plan, defaults.clock, defaults.now);
  const run = { ...defaults, startGate };
  const environment = deps.environment ?? currentEnvironment();
  const floor = await calibrateFloor(deps.floor === undefined ? () => quickFloor() : deps.floor);
  const version = deps.version ?? VERSION;
  // The servers the targets' `start:` asks for: up for the whole run, every round and variant (started-server.ts).
  const started = await StartedServers.start(startsOf(plan), { ...run, serverLogName: deps.serverLogName });
  const { summary, abandoned } = await runAll(plan, started.around(run), environment, version).finally(() => started.stop());
  const warnings = [...summary.warnings, ...floor.warnings, ...abandoned, ...started.warnings()];
  const shown = withShardReport({ ...summary, warnings, harness: { floor: floor.floor } }, plan, startGate);
  return maskSummary(applyGate(shown, plan, deps.baseline ?? null), secrets);
}

interface Run extends RoundsDependencies {
  readonly graceLabel: string | undefined;
  readonly runOne: RunOneWorkload;
}

function runAll(plan: Plan, run: Run, environment: Environment, version: string) {
  return plan.variants && plan.variants.length > 0 ? runVariants(plan, run, environment, version) : runSingle(plan, run, environment, version);
}

function withDefaults(deps: RunScenarioDependencies, secrets: Secrets): Run {
  const { graceLabel, environment: _environment, version: _version, floor: _floor, baseline: _baseline, runWorkload: runOne, serverLogName: _logName, ...given } = deps;
  return {
    ...given,
    clock: deps.clock ?? systemClock,
    serverLog: deps.serverLog ?? new ServerLog(null, (text) => secrets.mask(text)),
    stopSignal: deps.stopSignal ?? new AbortController().signal,
    now: deps.now ?? (() => new Date()),
    graceLabel,
    runOne: runOne ?? runWorkload,
  };
}

/**
 * The harness's floor, measured before any workload: the report can then say which latencies no server could be
 * blamed for. A failure here costs the run nothing but the floor (null, and a warning).
 */
async function calibrateFloor(floor: FloorCalibration | null): Promise<{ floor: CalibratedFloor | null; warnings: string[] }> {
  if (floor === null) return { floor: null, warnings: [] };
  try {
    return { floor: await floor(), warnings: [] };
  } catch (error) {
    return { floor: null, warnings: [`the harness floor could not be calibrated: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

async function runSingle(plan: Plan, run: Run, environment: Environment, version: string) {
  const result = await runPlan(plan, run, run.runOne);
  return { summary: summarize(result, environment, version), abandoned: abandonedWarnings(result, run.graceLabel) };
}

async function runVariants(plan: Plan, run: Run, environment: Environment, version: string) {
  const result = await runRounds(plan, run, (variant, deps) => runPlan(variant, deps, run.runOne));
  const abandoned = result.runs.flatMap((round) => abandonedWarnings(round.result, run.graceLabel));
  return { summary: summarizeVariants(result, environment, version), abandoned: [...new Set(abandoned)] };
}
