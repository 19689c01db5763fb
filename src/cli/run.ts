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
import { systemClock } from '../time/clock.js';
import { VERSION } from '../version.js';
import { useColor } from './color.js';
import { currentEnvironment } from './environment.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { defaultReportPath, openLogFile, serverLogPath, writeReport } from './report-files.js';
import { targetFromFlags, withTarget, type TargetFlags } from './target-flags.js';

export interface RunFlags extends TargetFlags {
  readonly out?: string;
  readonly json?: boolean;
  readonly color: boolean;
  readonly quiet?: boolean;
}

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** `mcp-bench run [scenario]`: load → resolve → run → summarize → report → exit code. */
export async function runCommand(scenarioArg: string | undefined, flags: RunFlags, io: CliIo): Promise<ExitCode> {
  const override = targetFromFlags(flags, io.cwd);
  if (!override.ok) return badFlag(io, override.error);
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
  const summary = await execute(plan, reportPath, flags, io);
  await writeReport(reportPath, renderJson(summary));
  io.stdout.write(flags.json ? renderJson(summary) : renderTable(summary, { color: useColor(io.stdout, io, flags.color) }));
  if (!flags.quiet && !flags.json) io.stderr.write(`report: ${displayPath(io.cwd, reportPath)}\n`);
  return exitCodeOf(summary, io);
}

async function execute(plan: Plan, reportPath: string, flags: RunFlags, io: CliIo): Promise<RunSummary> {
  const spawnsServer = plan.target.kind === 'builtin' || plan.target.kind === 'stdio';
  const logFile = spawnsServer ? serverLogPath(reportPath) : null;
  const serverLog = new ServerLog(logFile ? await openLogFile(logFile) : null);
  const stop = new AbortController();
  const removeSignalHandler = io.onSignal((signal) => {
    if (stop.signal.aborted) {
      io.stderr.write(`\n${signal} again: exiting now, without a report\n`);
      io.exitNow(ExitCode.Interrupted);
      return;
    }
    io.stderr.write(`\n${signal}: stopping — waiting for calls in flight, then reporting what was measured (again to exit now)\n`);
    stop.abort();
  });
  try {
    const result = await runPlan(plan, {
      clock: systemClock,
      serverLog,
      stopSignal: stop.signal,
      now: () => new Date(),
      onWorkloadStart: (w) => {
        if (!flags.quiet) io.stderr.write(`▶ ${w.name} (${w.type})\n`);
      },
    });
    return summarize(result, currentEnvironment(), VERSION);
  } finally {
    removeSignalHandler();
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
