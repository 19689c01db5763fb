/** The only file-system access of the scenario module: read a scenario file, then parse and resolve it. */
import { readFile } from 'node:fs/promises';
import type { Issue } from '../input/issues.js';
import type { Env } from '../input/interpolate.js';
import { parseScenarioText } from './parse.js';
import { resolveScenario, type ResolveResult } from './resolve.js';
import type { ScenarioOverrides } from './overrides.js';

/**
 * Reads, parses (JSON for `.json`, YAML otherwise), validates and resolves a scenario file, with `overrides` (given
 * outside the file) laid over it before it is validated. Never throws.
 */
export async function loadPlan(file: string, env: Env, overrides?: ScenarioOverrides): Promise<ResolveResult> {
  const read = await readText(file);
  if (typeof read !== 'string') return { ok: false, issues: [read] };
  const parsed = parseScenarioText(file, read);
  if (!parsed.ok) return parsed;
  return resolveScenario(parsed.value, { file, env, ...(parsed.locate ? { locate: parsed.locate } : {}), ...(overrides ? { overrides } : {}) });
}

const READ_PROBLEMS: Readonly<Record<string, Pick<Issue, 'message' | 'hint'>>> = {
  ENOENT: {
    message: 'file not found',
    hint: 'check the path; ready-made scenarios are in scenarios/, e.g. scenarios/quickstart.yaml',
  },
  EISDIR: { message: 'is a folder, not a scenario file', hint: 'name a .yaml or .json file inside it' },
  EACCES: { message: 'cannot be read: permission denied' },
};

async function readText(file: string): Promise<string | Issue> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { file, path: '', ...(READ_PROBLEMS[code] ?? { message: `cannot be read (${code})` }) };
  }
}
