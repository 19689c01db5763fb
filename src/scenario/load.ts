/** The only file-system access of the scenario module: read a scenario file and its data files, then parse and resolve it. */
import { constants, type Stats } from 'node:fs';
import path from 'node:path';
import { open, type FileHandle } from 'node:fs/promises';
import { formatBytes } from '../input/units.js';
import type { Issue } from '../input/issues.js';
import type { Env } from '../input/interpolate.js';
import { parseScenarioText } from './parse.js';
import { resolveScenario, type ResolveResult } from './resolve.js';
import type { ScenarioOverrides } from './overrides.js';
import { preloadDataFiles } from './data-files.js';

/**
 * Reads, parses (JSON for `.json`, YAML otherwise), validates and resolves a scenario file, with `overrides` (given
 * outside the file) laid over it before it is validated. Never throws.
 */
export async function loadPlan(file: string, env: Env, overrides?: ScenarioOverrides): Promise<ResolveResult> {
  const read = await readText(file);
  if (typeof read !== 'string') return { ok: false, issues: [read] };
  const parsed = parseScenarioText(file, read);
  if (!parsed.ok) return parsed;
  // Data files are read here, once, so resolution stays synchronous (data-files.ts).
  const data = await preloadDataFiles(parsed.value, path.dirname(path.resolve(file)));
  return resolveScenario(parsed.value, { file, env, data, ...(parsed.locate ? { locate: parsed.locate } : {}), ...(overrides ? { overrides } : {}) });
}

/** A scenario is a few KiB; a file far larger is a mistake (a report, a log, a binary) and is not read whole. */
export const MAX_SCENARIO_BYTES = 10 * 1024 * 1024;

const READ_PROBLEMS: Readonly<Record<string, Pick<Issue, 'message' | 'hint'>>> = {
  ENOENT: {
    message: 'file not found',
    hint: 'check the path; or run a shipped scenario by name (mcp-bench scenarios lists them), e.g. mcp-bench run quickstart',
  },
  EISDIR: { message: 'is a folder, not a scenario file', hint: 'name a .yaml or .json file inside it' },
  EACCES: { message: 'cannot be read: permission denied' },
  // Opening a Unix socket as a file fails with ENXIO.
  ENXIO: { message: 'is a socket or device that cannot be read as a file', hint: 'name a .yaml or .json file' },
};

const NOT_A_FILE = READ_PROBLEMS.ENXIO?.hint ?? '';

/**
 * Opened without blocking (a FIFO would wait for a writer forever), then only a regular file of at most
 * MAX_SCENARIO_BYTES is read: a pipe, device (/dev/zero), socket or folder is refused by what it is.
 */
async function readText(file: string): Promise<string | Issue> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = await handle.stat();
    if (stats.isDirectory()) return { file, path: '', ...READ_PROBLEMS.EISDIR! };
    if (!stats.isFile()) return { file, path: '', message: `is ${kindOf(stats)}, not a regular file`, hint: NOT_A_FILE };
    if (stats.size > MAX_SCENARIO_BYTES) {
      const message = `is ${formatBytes(stats.size)} (${stats.size.toLocaleString('en-US')} bytes); a scenario file may be at most ${formatBytes(MAX_SCENARIO_BYTES)}`;
      return { file, path: '', message, hint: 'check that this is the scenario file; large data belongs in the server, not the scenario' };
    }
    return await handle.readFile('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { file, path: '', ...(READ_PROBLEMS[code] ?? { message: `cannot be read (${code})` }) };
  } finally {
    await handle?.close();
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}
