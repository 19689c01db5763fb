import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { capacityReport, renderCapacityJson, renderCapacityText, type CapacityReport } from '../capacity/report.js';
import { renderCapacityHtml } from '../capacity/html.js';
import { searchCapacity, type SearchResult } from '../capacity/search.js';
import { parseSlos } from '../capacity/slo.js';
import type { Step } from '../capacity/step.js';
import { loadStepBase, stepPlan } from '../capacity/step-plan.js';
import { realStepRunner } from '../capacity/step-runner.js';
import { formatIssues } from '../input/issues.js';
import { formatDuration, formatRate } from '../input/units.js';
import { systemClock } from '../time/clock.js';
import { capacitySettings, type CapacityNumbers } from '../capacity/settings.js';
import { useColor } from './color.js';
import { displayPath } from './display-path.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { addTargetOptions, flagSecrets, targetFromFlags, type TargetFlags } from './target-flags.js';
import { addOperationOptions, operationsFromFlags, type OperationFlags } from './workload-flags.js';
import { collect } from './repeatable.js';

export interface CapacityFlags extends TargetFlags, OperationFlags, CapacityNumbers {
  readonly slo?: readonly string[];
  readonly out?: readonly string[];
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly color: boolean;
}

const SCENARIO = fileURLToPath(new URL('../../scenarios/capacity.yaml', import.meta.url));
const WRITERS: Readonly<Record<string, (report: CapacityReport) => string>> = {
  '.json': renderCapacityJson,
  '.html': renderCapacityHtml,
  '.txt': renderCapacityText,
};

/** `capacity [scenario]`: its flags, wired to capacityCommand. */
export function defineCapacityCommand(program: Command, io: CliIo, report: (code: number) => void): Command {
  const command = program
    .command('capacity')
    .description('find the largest arrival rate (open model) that meets an SLO: double the rate until a step fails, then bisect')
    .argument('[scenario]', 'a scenario with one workload whose operations are called (default: echo on the built-in server)');
  return addOperationOptions(addTargetOptions(command, ", replacing the scenario's target"))
    .addOption(new Option('--slo <expr>', 'an upper limit every passing step meets, e.g. "p99<100ms", "error_rate<1%" (repeatable; required)').argParser(collect))
    .option('--start <rate>', 'the first step\'s rate', '10/s')
    .option('--max <rate>', 'the highest rate the search tries', '10000/s')
    .option('--step <duration>', 'how long each step is measured', '5s')
    .option('--warmup <duration>', 'unmeasured calls at the step\'s rate before each step', '1s')
    .option('--precision <fraction>', 'stop bisecting when the bracket is narrower than this, e.g. 5% or 0.05', '5%')
    .option('--max-steps <n>', 'the step budget: steps run at most', '16')
    .addOption(new Option('-o, --out <file>', 'write the search: .json (data), .html (a page with a plot), .txt (the table) (repeatable)').argParser(collect))
    .option('--json', 'print the search as JSON instead of the table')
    .option('-q, --quiet', 'no progress lines on stderr')
    .option('--no-color', 'no colours')
    .action(async (scenario: string | undefined, flags: CapacityFlags) => {
      report(await capacityCommand(scenario, flags, io));
    });
}

/**
 * `mcp-bench capacity`: flags → the base scenario → the search, each step a constant-rate run through the pipeline →
 * the table, the knee's line and the files. Exit 0 with a knee, 1 when even the start rate fails, 2 bad input, 3 the
 * target failed, 130 interrupted.
 */
export async function capacityCommand(scenarioArg: string | undefined, flags: CapacityFlags, io: CliIo): Promise<ExitCode> {
  io.secrets?.addAll(flagSecrets(flags));
  const target = targetFromFlags(flags, io.cwd);
  const slos = parseSlos(flags.slo ?? []);
  const settings = capacitySettings(flags);
  const operations = operationsFromFlags(flags);
  const outputs = (flags.out ?? []).map((file) => path.resolve(io.cwd, file));
  const problems = [
    ...(target.ok ? [] : [target.error]),
    ...(slos.ok ? [] : slos.problems),
    ...(settings.ok ? [] : settings.problems),
    ...(operations.ok ? [] : operations.problems),
    ...outputs.filter((file) => WRITERS[path.extname(file).toLowerCase()] === undefined).map((file) => `-o ${displayPath(io.cwd, file)}: capacity writes .json, .html or .txt files`),
  ];
  if (problems.length > 0 || !target.ok || !slos.ok || !settings.ok || !operations.ok) return badInput(io, problems);
  const file = scenarioArg === undefined ? SCENARIO : path.resolve(io.cwd, scenarioArg);
  const overrides = target.target ? { target: { written: target.target, givenBy: `--${Object.keys(target.target)[0]}` } } : {};
  const loaded = await loadStepBase(file, io.env, overrides, operations.value);
  io.secrets?.addAll((loaded.ok ? loaded.secrets : loaded.secrets) ?? []);
  const timing = { durationUs: settings.value.stepUs, warmupUs: settings.value.warmupUs };
  const first = loaded.ok ? stepPlan(loaded.base, { ratePerSec: settings.value.startPerSec, ...timing }) : loaded;
  if (!loaded.ok || !first.ok) {
    io.stderr.write(formatIssues([...(first.ok ? [] : first.issues)], { color: useColor(io.stderr, io, flags.color) }));
    return ExitCode.BadInput;
  }
  const stop = new AbortController();
  const unwatch = io.onSignal(() => stop.abort());
  const progress = !flags.quiet && !flags.json;
  let search: SearchResult<Step>;
  try {
    const runStep = realStepRunner({
      base: loaded.base,
      slos: slos.slos,
      timing,
      deps: { clock: systemClock, stopSignal: stop.signal },
      onStep: (step, index) => progress && io.stderr.write(`${progressLine(step, index)}\n`),
    });
    search = await searchCapacity(settings.value, runStep);
  } finally {
    unwatch();
  }
  const report = capacityReport(first.plan.targetLabel, slos.slos, settings.value, search);
  if (!(await writeOutputs(report, outputs, io, progress))) return ExitCode.TargetFailed;
  io.stdout.write(flags.json ? renderCapacityJson(report) : renderCapacityText(report));
  return exitCodeOf(search, io);
}

function progressLine(step: Step, index: number): string {
  const figures = `p50 ${formatDuration(step.p50Us)}, p99 ${formatDuration(step.p99Us)}, errors ${(step.errorRate * 100).toFixed(2)}%`;
  return `step ${index + 1}: ${formatRate(step.targetRatePerSec)}/s (sent ${formatRate(step.achievedRatePerSec)}/s) ${step.verdict}: ${figures} — ${step.why}`;
}

async function writeOutputs(report: CapacityReport, files: readonly string[], io: CliIo, list: boolean): Promise<boolean> {
  for (const file of files) {
    const render = WRITERS[path.extname(file).toLowerCase()] as (report: CapacityReport) => string;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, render(report));
      if (list) io.stderr.write(`wrote ${displayPath(io.cwd, file)}\n`);
    } catch (error) {
      io.stderr.write(`mcp-bench: could not write ${displayPath(io.cwd, file)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      return false;
    }
  }
  return true;
}

function exitCodeOf(search: SearchResult<Step>, io: CliIo): ExitCode {
  if (search.stop === 'aborted') {
    io.stderr.write(`mcp-bench: ${search.aborted ?? 'a step could not run'}\n`);
    if (search.abortCause === 'interrupted') return ExitCode.Interrupted;
    return search.abortCause === 'input' ? ExitCode.BadInput : ExitCode.TargetFailed;
  }
  const knee = search.lastPassPerSec !== null || search.stop === 'inconclusive';
  return knee ? ExitCode.Ok : ExitCode.GateFailed;
}

function badInput(io: CliIo, problems: readonly string[]): ExitCode {
  for (const problem of problems) io.stderr.write(`mcp-bench: ${problem}\n`);
  return ExitCode.BadInput;
}
