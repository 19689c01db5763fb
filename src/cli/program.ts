import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../version.js';
import { EXTENSIONS_SHOWN, REPORT_FORMATS } from '../report/registry.js';
import { ExitCode } from './exit-codes.js';
import { maskedIo, type CliIo } from './io.js';
import { defineCalibrateCommand } from './calibrate.js';
import { defineListCommand } from './list.js';
import { defineProbeCommand } from './probe.js';
import { defineInitCommand } from './init.js';
import { defineCapacityCommand } from './capacity.js';
import { compareCommand, type CompareFlags } from './compare.js';
import { mergeCommand, type MergeFlags } from './merge.js';
import { runCommand, type RunFlags } from './run.js';
import { addTargetOptions } from './target-flags.js';
import { addWorkloadOptions } from './workload-flags.js';
import { givenFlags, runWorkersCommand, type WorkersFlags } from './run-workers.js';
import { defineScenariosCommand } from './scenarios.js';
import { defineServeCommand, serveCommand, type RawServeFlags } from './serve.js';
import { validateCommand } from './validate.js';
import { collect } from './repeatable.js';

/** `.txt (table) .json .md .xml (JUnit) .html`: the extensions `-o` tells a format by. */
const EXTENSIONS = EXTENSIONS_SHOWN.join(' ');
/** The formats `--format` writes beside the JSON report (which is always written). */
const BESIDE_JSON = REPORT_FORMATS.filter((format) => format !== 'json').join(', ');

/**
 * Builds and runs the CLI against injected process state. Returns the exit code, or null when the command has none
 * to report: `serve` once it has served until stopped (bad flags or a port it cannot listen on are 2 and 3). Every
 * write to stdout and stderr, commander's own messages included, is masked with the secrets the command registers.
 */
export async function runCli(argv: readonly string[], given: CliIo): Promise<number | null> {
  const io = maskedIo(given);
  let code: number | null = null;
  const program = new Command('mcp-bench')
    .description('Benchmark and load-test Model Context Protocol servers')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  defineRun(program, io, (exit) => (code = exit));

  program
    .command('validate')
    .description('check scenario files without running them')
    .argument('<files...>', 'scenario files')
    .option('--no-color', 'no colours')
    .action(async (files: string[], flags: { color: boolean }) => {
      code = await validateCommand(files, flags, io);
    });

  defineCompare(program, io, (exit) => (code = exit));

  defineMerge(program, io, (exit) => (code = exit));

  defineCalibrateCommand(program, io, (exit) => (code = exit));

  defineListCommand(program, io, (exit) => (code = exit));
  defineProbeCommand(program, io, (exit) => (code = exit));
  defineInitCommand(program, io, (exit) => (code = exit));
  defineCapacityCommand(program, io, (exit) => (code = exit));
  defineScenariosCommand(program, io, (exit) => (code = exit));

  defineServeCommand(program).action(async (flags: RawServeFlags, command: Command) => {
    code = await serveCommand(flags, command, io);
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const shown = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      return shown ? ExitCode.Ok : ExitCode.BadInput;
    }
    throw error;
  }
  return code;
}

/** How the quick-run flags pick the workload, shown after run's options. */
const QUICK_RUN_HELP = `
Quick runs (no scenario file): --tool, --resource, --prompt or --method (repeatable; --args JSON and --weight N
apply to the operation just before them) and the load flags run one workload, against the built-in server unless
--stdio/--http/--sse is given. The type follows the load flags: -R → constant-rate (open model), -c → concurrent,
-n without -c or -R → sequential; -d alone keeps the type (a quick run: sequential for 10s). With a scenario file
the same flags replace its single workload's fields. Example:
  mcp-bench run --stdio "node server.js" --tool search --args '{"q":"x"}' -c 16 -d 10s
`;

/** `run [scenario]`: every flag of a run. */
export function defineRun(program: Command, io: CliIo, report: (code: number) => void): Command {
  const command = program
    .command('run', { isDefault: false })
    .description('run a scenario (default: the quickstart against the built-in reference server)')
    .argument('[scenario]', 'scenario file (YAML or JSON), or the name of a shipped one (mcp-bench scenarios lists them)')
    .addHelpText('after', QUICK_RUN_HELP);
  return addWorkloadOptions(addTargetOptions(reportAndGateOptions(command, {
    report: 'a report',
    threshold: 'every workload meets it, e.g. "p99<50ms", "error_rate<1%", "throughput>1000/s"',
    baseline: 'compare with a saved report',
  }), ", replacing the scenario's target"))
    .option('-q, --quiet', 'no progress lines on stderr')
    .option('--no-report', 'write no JSON report nor server log (only the files named with -o); also MCP_BENCH_NO_REPORT=1')
    .option('--shard <i/N>', 'run share i of N of every workload (counting from 0), e.g. 0/3; also MCP_BENCH_SHARD=i/N')
    .option('--shards <N>', 'run one of N shards, the index taken from JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs)')
    .option('--start-at <time>', 'start every shard\'s workloads at this instant: an ISO time with its zone, or +30s from now (required with N > 1)')
    .option('--max-late <duration>', 'a shard ready later than this after --start-at runs nothing and exits 4', '1s')
    .option('--grace <duration>', 'after the first Ctrl-C/SIGTERM, how long calls in flight may take to finish', '2s')
    .option('--server-pid <pid>', 'also sample this local server process and its children (CPU, RSS; Linux /proc)')
    .option('--no-color', 'no colours')
    .option('--prometheus <[host]:port>', 'serve live metrics for Prometheus at http://host:port/metrics while the run goes (:9464 is 127.0.0.1:9464; :0 picks a port)')
    .option('--prometheus-linger <duration>', 'keep serving the final metrics this long after the run (default 0)')
    .option('--workers <n|auto>', 'run on N worker processes of this machine (auto: one per core), each its exact share; one merged report')
    .action(async (scenario: string | undefined, flags: RunFlags & Partial<WorkersFlags>, command: Command) => {
      const { workers } = flags;
      report(await (workers === undefined ? runCommand(scenario, flags, io) : runWorkersCommand(scenario, { ...flags, workers }, givenFlags(command), io)));
    });
}

/**
 * The options `run` and `merge` share, worded for each: where the report goes, thresholds and the baseline check
 * (both commands end with run's exit codes).
 */
function reportAndGateOptions(command: Command, words: { readonly report: string; readonly threshold: string; readonly baseline: string }): Command {
  return command
    .addOption(new Option('-o, --out <file>', `write ${words.report}; format by extension: ${EXTENSIONS} (repeatable; the JSON report defaults to reports/<scenario>-<time>.json)`).argParser(collect))
    .addOption(new Option('--format <format>', `also write this format beside the JSON report: ${BESIDE_JSON} (repeatable)`).argParser(collect))
    .option('--json', 'print the JSON report to stdout instead of the table')
    .addOption(new Option('--threshold <expr>', `fail (exit 1) unless ${words.threshold} (repeatable)`).argParser(collect))
    .option('--baseline <report.json>', `${words.baseline}; exit 1 on a regression beyond noise`)
    .option('--max-regression <list>', 'how much worse than the baseline is allowed (default p99=10%,throughput=10%)');
}

/** `compare <reports...>`: saved reports side by side. */
function defineCompare(program: Command, io: CliIo, report: (code: number) => void): Command {
  return program
    .command('compare')
    .description('put saved reports side by side: each operation\'s figures and its ratio to the first report')
    .argument('<reports...>', 'JSON reports written by mcp-bench run')
    .addOption(new Option('-o, --out <file>', `also write the comparison; format by extension: ${EXTENSIONS} (repeatable)`).argParser(collect))
    .addOption(new Option('--format <format>', 'also write this format beside the JSON (repeatable)').argParser(collect))
    .option('--json', 'print JSON instead of the table')
    .option('-q, --quiet', 'do not list the files written')
    .option('--no-color', 'no colours')
    .action(async (files: string[], flags: CompareFlags) => {
      report(await compareCommand(files, flags, io));
    });
}

/** `merge <reports...>`: the shards of one run (`run --shard i/N`) as the whole run's report. */
function defineMerge(program: Command, io: CliIo, report: (code: number) => void): Command {
  const command = program
    .command('merge')
    .description("merge the shards' reports of one run (run --shard i/N) into the whole run's report, exactly")
    .argument('<reports...>', 'JSON reports written by mcp-bench run --shard i/N');
  return reportAndGateOptions(command, {
    report: 'the merged report',
    threshold: 'every workload of the merged run meets it',
    baseline: 'compare the merged run with a saved report',
  })
    .option('--expect-shards <n>', 'how many shards the run had (default: the count in the reports)')
    .option('--allow-partial', 'merge what is there when shards are missing or started late (the report is marked partial)')
    .option('-q, --quiet', 'do not list the files written')
    .option('--no-color', 'no colours')
    .action(async (files: string[], flags: MergeFlags) => {
      report(await mergeCommand(files, flags, io));
    });
}
