/** The shipped examples' command lines, parsed by mcp-bench's own CLI definition (commander), nothing run. */
import { Command, CommanderError } from 'commander';
import { defineRun, runCli } from '../../../src/cli/program.js';
import type { CliIo } from '../../../src/cli/io.js';

export type ParsedRun =
  | { readonly ok: true; readonly options: Readonly<Record<string, unknown>>; readonly operands: readonly string[] }
  | { readonly ok: false; readonly error: string };

/** `mcp-bench run <args…>` as the CLI reads it: its options and operands, or commander's error (unknown option, …). */
export async function parseRunArgs(args: readonly string[]): Promise<ParsedRun> {
  const program = new Command('mcp-bench').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  const run = defineRun(program, silentIo(), () => {});
  run.action(() => {}); // replaces the command's action: parse only
  try {
    await program.parseAsync(['run', ...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { ok: false, error: error.message };
    throw error;
  }
  return { ok: true, options: run.opts(), operands: [...run.args] };
}

/** The help of a command (`merge`), as `mcp-bench <command> --help` prints it; throws when there is no such command. */
export async function commandHelp(command: string): Promise<string> {
  let out = '';
  let err = '';
  const io: CliIo = { ...silentIo(), stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  const code = await runCli([command, '--help'], io);
  if (code !== 0) throw new Error(`mcp-bench ${command} --help exited ${String(code)}: ${err.trim()}`);
  // An unknown command's --help is the program's own help: not this command's.
  if (!out.startsWith(`Usage: mcp-bench ${command} `)) throw new Error(`mcp-bench has no command ${command}:\n${out}`);
  return out;
}

/** The long and short options a command line uses (`--shards`, `-o`), in order. */
export function optionsUsed(args: readonly string[]): string[] {
  return args.filter((arg) => /^--?[a-z]/i.test(arg)).map((arg) => arg.split('=')[0] ?? arg);
}

function silentIo(): CliIo {
  return {
    stdout: { write: () => true },
    stderr: { write: () => true },
    env: {},
    cwd: process.cwd(),
    onSignal: () => () => {},
    exitNow: (code) => {
      throw new Error(`exitNow(${code}) while only parsing`);
    },
  };
}
