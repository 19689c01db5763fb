import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { fetchCatalog } from '../explore/catalog.js';
import { scenarioText } from '../explore/init-text.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { exploreSession } from './list.js';
import { addTargetOptions, type TargetFlags } from './target-flags.js';

export interface InitFlags extends TargetFlags {
  readonly out?: string;
  readonly force?: boolean;
  readonly all?: boolean;
  readonly timeout: string;
}

/** `init`: a commented scenario from the server's catalog. */
export function defineInitCommand(program: Command, io: CliIo, report: (code: number) => void): Command {
  const command = program
    .command('init')
    .description("write a starting scenario from a server's catalog (default: the built-in server); secrets become ${NAME} placeholders");
  return addTargetOptions(command)
    .option('-o, --out <file>', 'write the scenario to this file (default: stdout)')
    .option('--force', 'overwrite the -o file if it exists')
    .option('--all', 'include tools not annotated read-only')
    .option('--timeout <duration>', 'how long connecting and each list request may take', '10s')
    .action(async (flags: InitFlags) => {
      report(await initCommand(flags, io));
    });
}

export async function initCommand(flags: InitFlags, io: CliIo): Promise<ExitCode> {
  const file = flags.out === undefined ? null : path.resolve(io.cwd, flags.out);
  if (file !== null && flags.force !== true && (await exists(file))) {
    io.stderr.write(`mcp-bench: ${flags.out} exists; not overwritten\n  hint: add --force to overwrite it, or give another -o\n`);
    return ExitCode.BadInput;
  }
  return exploreSession(flags, io, async (connection, timeoutUs, target) => {
    const catalog = await fetchCatalog(connection, timeoutUs / 1000);
    const text = scenarioText(catalog, target, { all: flags.all === true });
    if (file === null) {
      io.stdout.write(text);
      return ExitCode.Ok;
    }
    try {
      await writeFile(file, text, { flag: flags.force === true ? 'w' : 'wx' });
    } catch (error) {
      io.stderr.write(`mcp-bench: cannot write ${flags.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      return ExitCode.BadInput;
    }
    io.stderr.write(`wrote ${flags.out}; check it with: mcp-bench validate ${flags.out}\n`);
    return ExitCode.Ok;
  });
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}
