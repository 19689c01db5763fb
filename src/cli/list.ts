import type { Command } from 'commander';
import { fetchCatalog } from '../explore/catalog.js';
import { renderCatalog } from '../explore/list-text.js';
import { targetPlanOf, withSession, type ExploreTarget } from '../explore/session.js';
import type { Connection } from '../client/connect.js';
import { parseDuration } from '../input/units.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { addTargetOptions, flagSecrets, targetFromFlags, type TargetFlags } from './target-flags.js';

export interface ListFlags extends TargetFlags {
  readonly json?: boolean;
  readonly timeout: string;
}

/** `list` (alias `inspect`): what a server offers. */
export function defineListCommand(program: Command, io: CliIo, report: (code: number) => void): Command {
  const command = program
    .command('list')
    .alias('inspect')
    .description("show what a server offers: info, capabilities, tools (hints, arguments), resources, templates, prompts (default: the built-in server)");
  return addTargetOptions(command)
    .option('--json', 'print the catalog as one JSON document')
    .option('--timeout <duration>', 'how long connecting and each list request may take', '10s')
    .action(async (flags: ListFlags) => {
      report(await listCommand(flags, io));
    });
}

export async function listCommand(flags: ListFlags, io: CliIo): Promise<ExitCode> {
  return exploreSession(flags, io, async (connection, timeoutUs) => {
    const catalog = await fetchCatalog(connection, timeoutUs / 1000);
    io.stdout.write(flags.json ? `${JSON.stringify(catalog, null, 2)}\n` : renderCatalog(catalog, io.stdout.columns ?? 100));
    return ExitCode.Ok;
  });
}

/**
 * What `list`, `probe` and `init` share: the target flags checked (exit 2) and their secrets registered, `--timeout`
 * read, one session opened (exit 3 with a clear line when it cannot be) and closed whatever `use` does.
 */
export async function exploreSession(
  flags: TargetFlags & { readonly timeout: string },
  io: CliIo,
  use: (connection: Connection, timeoutUs: number, target: ExploreTarget) => Promise<ExitCode>,
): Promise<ExitCode> {
  io.secrets?.addAll(flagSecrets(flags));
  const given = targetFromFlags(flags, io.cwd);
  if (!given.ok) return badFlag(io, given.error);
  const timeout = parseDuration(flags.timeout);
  if (!timeout.ok || timeout.value <= 0) return badFlag(io, `--timeout expects ${timeout.ok ? 'a duration more than 0' : timeout.expected}; got ${JSON.stringify(flags.timeout)}`);
  const target: ExploreTarget = given.target ?? { builtin: {} };
  const plan = targetPlanOf(target, io.cwd);
  if (!plan.ok) return badFlag(io, plan.error);
  const mask = (text: string): string => io.secrets?.mask(text) ?? text;
  const session = await withSession(plan.plan, Math.ceil(timeout.value / 1000), (connection) => use(connection, timeout.value, target), mask);
  if (session.ok) return session.value;
  io.stderr.write(`mcp-bench: ${session.error}\n`);
  for (const line of session.serverStderr.slice(-5)) io.stderr.write(`  server: ${line}\n`);
  return ExitCode.TargetFailed;
}

export function badFlag(io: CliIo, message: string): ExitCode {
  io.stderr.write(`mcp-bench: ${message}\n`);
  return ExitCode.BadInput;
}
