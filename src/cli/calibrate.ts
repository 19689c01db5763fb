import { Command } from 'commander';
import { calibrate, floorSettings } from '../harness/calibrate.js';
import { renderFloorTable } from '../report/floor-table.js';
import { DURATION_EXPECTED, parseCount, parseDuration } from '../input/units.js';
import { useColor } from './color.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

export interface CalibrateFlags {
  readonly json?: boolean;
  readonly color: boolean;
  /** How long each measured phase lasts (default 1s). */
  readonly duration: string;
  readonly concurrency: string;
}

/** `calibrate`: its flags, wired to calibrateCommand. */
export function defineCalibrateCommand(program: Command, io: CliIo, report: (code: number) => void): Command {
  return program
    .command('calibrate')
    .description("measure mcp-bench's own floor: the least a call costs through its client path (in-process and over stdio)")
    .option('--json', 'print the figures as JSON instead of the table')
    .option('--duration <duration>', 'how long each measured phase lasts', '1s')
    .option('--concurrency <n>', 'calls in flight for the calls/s figure', '16')
    .option('--no-color', 'no colours')
    .action(async (flags: CalibrateFlags) => {
      report(await calibrateCommand(flags, io));
    });
}

/**
 * `mcp-bench calibrate`: the reference server's echo with no latency, in this process over the SDK's in-memory
 * transport and spawned over stdio, each measured through the path a run uses. Exit 3 if a floor cannot be measured.
 */
export async function calibrateCommand(flags: CalibrateFlags, io: CliIo): Promise<ExitCode> {
  const phase = parseDuration(flags.duration);
  if (!phase.ok || phase.value <= 0) {
    const expected = !phase.ok && phase.hint !== undefined ? phase.expected : `${DURATION_EXPECTED} (more than 0)`;
    return badFlag(io, `--duration expects ${expected}; got ${JSON.stringify(flags.duration)}`);
  }
  const concurrency = parseCount(flags.concurrency);
  if (!concurrency.ok) return badFlag(io, `--concurrency expects ${concurrency.expected}; got ${JSON.stringify(flags.concurrency)}`);
  let floor;
  try {
    floor = await calibrate(floorSettings(phase.value, concurrency.value));
  } catch (error) {
    io.stderr.write(`mcp-bench: calibration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.TargetFailed;
  }
  io.stdout.write(flags.json ? `${JSON.stringify(floor, null, 2)}\n` : renderFloorTable(floor, concurrency.value, { color: useColor(io.stdout, io, flags.color) }));
  return ExitCode.Ok;
}

function badFlag(io: CliIo, message: string): ExitCode {
  io.stderr.write(`mcp-bench: ${message}\n`);
  return ExitCode.BadInput;
}
