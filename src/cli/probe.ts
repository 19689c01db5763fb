import { Option, type Command } from 'commander';
import { fetchCatalog } from '../explore/catalog.js';
import { anyFailed, probeCatalog } from '../explore/probe.js';
import { renderProbe } from '../explore/probe-text.js';
import { didYouMean } from '../input/suggest.js';
import { parseCount } from '../input/units.js';
import { systemClock } from '../time/clock.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { badFlag, exploreSession } from './list.js';
import { addTargetOptions, type TargetFlags } from './target-flags.js';
import { collect } from './repeatable.js';

export interface ProbeFlags extends TargetFlags {
  readonly json?: boolean;
  readonly timeout: string;
  readonly times: string;
  readonly all?: boolean;
  readonly tool?: readonly string[];
}

/** `probe`: every item called once (or N times), a table of outcomes. */
export function defineProbeCommand(program: Command, io: CliIo, report: (code: number) => void): Command {
  const command = program
    .command('probe')
    .description('call each read-only tool, read each resource, get each prompt once, with schema-derived arguments; exit 1 if any failed');
  return addTargetOptions(command)
    .option('--times <n>', 'calls per item (p50 and max shown)', '1')
    .option('--all', 'call every tool, not only those annotated read-only')
    .addOption(new Option('--tool <name>', 'call only this tool, read-only or not (repeatable); resources and prompts are left alone').argParser(collect))
    .option('--timeout <duration>', 'per call, and for connecting', '10s')
    .option('--json', 'print the items as JSON')
    .action(async (flags: ProbeFlags) => {
      report(await probeCommand(flags, io));
    });
}

export async function probeCommand(flags: ProbeFlags, io: CliIo): Promise<ExitCode> {
  const times = parseCount(flags.times);
  if (!times.ok || times.value < 1 || times.value > 10_000) return badFlag(io, `--times expects a whole number from 1 to 10000; got ${JSON.stringify(flags.times)}`);
  const picked = flags.tool ?? [];
  return exploreSession(flags, io, async (connection, timeoutUs) => {
    const catalog = await fetchCatalog(connection, timeoutUs / 1000);
    const names = (catalog.tools ?? []).map((tool) => tool.name);
    const unknown = picked.find((name) => !names.includes(name));
    if (unknown !== undefined) {
      const hint = didYouMean(unknown, names);
      return badFlag(io, `--tool ${JSON.stringify(unknown)}: the server has no such tool${hint ? `; ${hint}` : ''} (mcp-bench list shows its tools)`);
    }
    const items = await probeCatalog(connection.caller, catalog, { times: times.value, all: flags.all === true, tools: picked, timeoutUs, clock: systemClock });
    io.stdout.write(flags.json ? `${JSON.stringify({ server: catalog.server, times: times.value, items }, null, 2)}\n` : renderProbe(items, times.value, io.stdout.columns ?? 100));
    return anyFailed(items) ? ExitCode.GateFailed : ExitCode.Ok;
  });
}
