/**
 * The scenarios shipped with the package (its scenarios/ folder, found beside the installed code, not the working
 * directory): `mcp-bench run quickstart` names one, `mcp-bench scenarios` lists them. The choice between a file and a
 * shipped name is pure (`scenarioFileFor`), given what exists; reading the folder is apart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { didYouMean, listWords } from '../input/suggest.js';

/** The shipped scenarios' folder: `<package>/scenarios/` (dist/cli/ and src/cli/ both sit two levels below). */
export const SHIPPED_SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export interface ShippedScenario {
  /** The file's name without `.yaml`: what `mcp-bench run <name>` takes. */
  readonly name: string;
  /** The file's first comment line, or '' when it starts with none. */
  readonly description: string;
  readonly file: string;
}

/** What `scenarioFileFor` needs to know of the world. */
export interface ScenarioLookup {
  readonly cwd: string;
  /** Whether something exists at this absolute path. */
  readonly exists: (file: string) => boolean;
  /** The shipped scenarios' names. */
  readonly shipped: readonly string[];
  readonly shippedDir: string;
}

const EXTENSION = /\.ya?ml$/i;

/**
 * The file a `run` argument names: the path itself when something is there (a file in the working directory always
 * wins); else, for a bare name (no folder in it: `quickstart`, `rate.yaml`), the shipped scenario of that name; else
 * the path (the loader says the file is missing). A bare name without an extension that names nothing is an error
 * listing the shipped names.
 */
export function scenarioFileFor(arg: string, lookup: ScenarioLookup): { ok: true; file: string } | { ok: false; error: string } {
  const file = path.resolve(lookup.cwd, arg);
  if (lookup.exists(file)) return { ok: true, file };
  const bare = arg !== '' && !/[\\/]/.test(arg) && !arg.startsWith('.');
  if (!bare) return { ok: true, file };
  const name = arg.replace(EXTENSION, '');
  if (lookup.shipped.includes(name)) return { ok: true, file: path.join(lookup.shippedDir, `${name}.yaml`) };
  if (path.extname(arg) !== '') return { ok: true, file };
  return { ok: false, error: unknownScenario(arg, lookup.shipped) };
}

function unknownScenario(arg: string, shipped: readonly string[]): string {
  const guess = didYouMean(arg, shipped);
  return [
    `no scenario file ${JSON.stringify(arg)} here, and no shipped scenario of that name${guess ? `; ${guess}` : ''}`,
    `  shipped: ${listWords(shipped)}`,
    '  hint: mcp-bench scenarios lists them with what each does; a file of your own is named by its path (./my.yaml)',
  ].join('\n');
}

/** The description of a scenario: its first comment line, without `#`. */
export function firstCommentLine(text: string): string {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    return trimmed.startsWith('#') ? trimmed.replace(/^#+\s*/, '') : '';
  }
  return '';
}

/** The shipped scenarios' names, sorted; none when the folder is missing (a broken install). */
export function shippedScenarioNames(dir = SHIPPED_SCENARIOS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((file) => file.endsWith('.yaml')).map((file) => file.slice(0, -'.yaml'.length)).sort();
}

/** Every shipped scenario with its description. */
export function shippedScenarios(dir = SHIPPED_SCENARIOS_DIR): ShippedScenario[] {
  return shippedScenarioNames(dir).map((name) => {
    const file = path.join(dir, `${name}.yaml`);
    return { name, file, description: firstCommentLine(readFileSync(file, 'utf8')) };
  });
}

/** `scenarioFileFor` against the real file system and the installed package's scenarios. */
export function resolveScenarioArg(arg: string, cwd: string): { ok: true; file: string } | { ok: false; error: string } {
  return scenarioFileFor(arg, { cwd, exists: existsSync, shipped: shippedScenarioNames(), shippedDir: SHIPPED_SCENARIOS_DIR });
}
