import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../version.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { runCommand, type RunFlags } from './run.js';
import { defineServeCommand, serveCommand, type RawServeFlags } from './serve.js';
import { validateCommand } from './validate.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * Builds and runs the CLI against injected process state. Returns the exit code, or null when the command has none
 * to report: `serve` once it has served until stopped (bad flags or a port it cannot listen on are 2 and 3).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number | null> {
  let code: number | null = null;
  const program = new Command('mcp-bench')
    .description('Benchmark and load-test Model Context Protocol servers')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program
    .command('run', { isDefault: false })
    .description('run a scenario (default: the quickstart against the built-in reference server)')
    .argument('[scenario]', 'scenario file (YAML or JSON)')
    .option('-o, --out <file>', 'where to write the JSON report (default: reports/<scenario>-<time>.json)')
    .option('--json', 'print the JSON report to stdout instead of the table')
    .option('--stdio <command>', 'target: a stdio server command line, replacing the scenario\'s target')
    .option('--http <url>', 'target: a Streamable HTTP endpoint, replacing the scenario\'s target')
    .option('--sse <url>', 'target: a legacy HTTP+SSE endpoint, replacing the scenario\'s target')
    .addOption(new Option('-H, --header <header>', 'HTTP header "Name: value" for --http/--sse (repeatable)').argParser(collect))
    .addOption(new Option('-e, --env <NAME=value>', 'environment variable for the --stdio server (repeatable)').argParser(collect))
    .option('-q, --quiet', 'no progress lines on stderr')
    .option('--grace <duration>', 'after the first Ctrl-C/SIGTERM, how long calls in flight may take to finish', '2s')
    .option('--no-color', 'no colours')
    .action(async (scenario: string | undefined, flags: RunFlags) => {
      code = await runCommand(scenario, flags, io);
    });

  program
    .command('validate')
    .description('check scenario files without running them')
    .argument('<files...>', 'scenario files')
    .option('--no-color', 'no colours')
    .action(async (files: string[], flags: { color: boolean }) => {
      code = await validateCommand(files, flags, io);
    });

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
