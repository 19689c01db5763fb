import type { CliIo, OutputStream } from './io.js';

/**
 * Colour only for a terminal, and never when the user said no: `--no-color`, `NO_COLOR` (any value), or `CI=true`
 * without `FORCE_COLOR`. `FORCE_COLOR` (not 0) turns it on even when piped.
 */
export function useColor(stream: OutputStream, io: CliIo, flag: boolean): boolean {
  if (!flag) return false;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return false;
  return stream.isTTY === true;
}
