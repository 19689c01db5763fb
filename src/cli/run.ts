import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServerLog } from '../client/transports/server-log.js';
import { summarize } from '../metrics/summarize.js';
import type { RunSummary } from '../metrics/summary.js';
import { renderJson } from '../report/json.js';
import { renderTable } from '../report/table.js';
import { runPlan } from '../runner/run.js';
import { formatIssues } from '../scenario/issues.js';
import { loadPlan } from '../scenario/load.js';
import type { Plan } from '../scenario/plan.js';
import { parseDuration } from '../scenario/units.js';
import { systemClock } from '../time/clock.js';
import { VERSION } from '../version.js';
import { useColor } from './color.js';
import { currentEnvironment } from './environment.js';
import { ExitCode } from './exit-codes.js';
import { abandonedWarnings, watchInterrupts } from './interrupt.js';
import type { CliIo } from './io.js';
import { ProgressDriver, progressMode } from './progress-driver.js';
import { defaultReportPath, openLogFile, reportPathProblem, serverLogPath, writeReport } from './report-files.js';
import { targetFromFlags, withTarget, type TargetFlags } from './target-flags.js';

export interface RunFlags extends TargetFlags {
  readonly out?: string;
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

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** `mcp-bench run [scenario]`: load → resolve → run → summarize → report → exit code. */
export async function runCommand(scenarioArg: string | undefined, flags: RunFlags, io: CliIo): Promise<ExitCode> {
  const override = targetFromFlags(flags, io.cwd);
  if (!override.ok) return badFlag(io, override.error);
  const graceText = (flags.grace ?? DEFAULT_GRACE).trim();
  const graceUs = parseDuration(graceText);
  if (!graceUs.ok) return badFlag(io, `--grace expects ${graceUs.expected}; got ${JSON.stringify(flags.grace)}`);
  const file = scenarioArg
    ? path.resolve(io.cwd, scenarioArg)
    : path.join(SCENARIOS, override.target ? 'any-server.yaml' : 'quickstart.yaml');
  const loaded = await loadPlan(file, io.env);
  if (!loaded.ok) {
    io.stderr.write(formatIssues(loaded.issues, { color: useColor(io.stderr, io, flags.color) }));
    return ExitCode.BadInput;
  }
  const plan = override.target ? withTarget(loaded.plan, override.target) : loaded.plan;
  const reportPath = flags.out ? path.resolve(io.cwd, flags.out) : defaultReportPath(io.cwd, plan.name, new Date());
  const pathProblem = await reportPathProblem(reportPath);
  if (pathProblem) return badFlag(io, pathProblem);
  const summary = await execute(plan, reportPath, flags, { us: graceUs.value, label: graceText }, io);
  // The results are printed even if the report cannot be written after all (disk full, folder removed meanwhile).
  const written = await writeReport(reportPath, renderJson(summary)).then(() => null, (error: unknown) => error);
  io.stdout.write(flags.json ? renderJson(summary) : renderTable(summary, { color: useColor(io.stdout, io, flags.color) }));
  if (written !== null) {
    io.stderr.write(`mcp-bench: could not write the report to ${reportPath}: ${(written as { code?: string }).code ?? 'error'}\n`);
    return ExitCode.TargetFailed;
  }
  if (!flags.quiet && !flags.json) io.stderr.write(`report: ${displayPath(io.cwd, reportPath)}\n`);
  return exitCodeOf(summary, io);
}

async function execute(plan: Plan, reportPath: string, flags: RunFlags, grace: Grace, io: CliIo): Promise<RunSummary> {
  const spawnsServer = plan.target.kind === 'builtin' || plan.target.kind === 'stdio';
  const logFile = spawnsServer ? serverLogPath(reportPath) : null;
  const serverLog = new ServerLog(logFile ? await openLogFile(logFile) : null);
  const mode = progressMode(io, flags.quiet === true);
  const progress = new ProgressDriver({ stream: io.stderr, clock: systemClock, mode, color: useColor(io.stderr, io, flags.color) });
  const interrupts = watchInterrupts({ io, clock: systemClock, graceUs: grace.us, graceLabel: grace.label, say: (text) => progress.note(text) });
  try {
    const result = await runPlan(plan, {
      clock: systemClock,
      serverLog,
      stopSignal: interrupts.stopSignal,
      abandonSignal: interrupts.abandonSignal,
      now: () => new Date(),
      onWorkloadStart: (workload) => progress.workloadStarted(workload),
      onMeasuring: (workload, live) => progress.measuring(workload, live),
      onWorkloadEnd: (run) => progress.workloadEnded(run),
    });
    const summary = summarize(result, currentEnvironment(), VERSION);
    const abandoned = abandonedWarnings(result, grace.label);
    return abandoned.length === 0 ? summary : { ...summary, warnings: [...summary.warnings, ...abandoned] };
  } finally {
    interrupts.dispose();
    progress.close();
    await serverLog.close();
    if (logFile && serverLog.charsWritten === 0) await rm(logFile, { force: true });
  }
}

function exitCodeOf(summary: RunSummary, io: CliIo): ExitCode {
  for (const warning of summary.warnings) io.stderr.write(`warning: ${warning}\n`);
  if (summary.interrupted) return ExitCode.Interrupted;
  if (summary.failure) {
    const config = summary.failure.code.startsWith('config:');
    io.stderr.write(`mcp-bench: ${summary.failure.message}${config ? '' : ` (${summary.failure.code})`}\n`);
    return config ? ExitCode.BadInput : ExitCode.TargetFailed;
  }
  return ExitCode.Ok;
}

/** Relative to the working directory when inside it, absolute otherwise. */
function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function badFlag(io: CliIo, message: string): ExitCode {
  io.stderr.write(`mcp-bench: ${message}\n`);
  return ExitCode.BadInput;
}
