/**
 * What `run --workers N` reads from its flags and what each child is given: how many workers (`N` or `auto`), which
 * flags are the parent's alone, and each child's command line (the user's run flags, less the parent's, plus its shard,
 * `--quiet` and its own JSON report).
 */
import path from 'node:path';

/** The most workers one machine is given: far above any core count, low enough to catch a typo (`--workers 80000`). */
export const MAX_WORKERS = 1024;

/** `--workers`: a whole number ≥ 1, or `auto` (one per core the process may use), or why not. */
export function parseWorkerCount(text: string, availableParallelism: () => number): { readonly count: number } | { readonly problem: string } {
  const written = text.trim();
  if (written.toLowerCase() === 'auto') return { count: Math.max(1, Math.min(MAX_WORKERS, availableParallelism())) };
  const expected = `expects a whole number of worker processes from 1 to ${MAX_WORKERS}, or auto (one per core)`;
  if (!/^\d+$/.test(written)) return { problem: `--workers ${expected}; got ${JSON.stringify(text)} (hint: --workers 4, or --workers auto)` };
  const count = Number(written);
  if (count < 1 || count > MAX_WORKERS) return { problem: `--workers ${expected}; got ${count}` };
  return { count };
}

/** A flag the user gave on the command line (long name without dashes), with its values; a switch has none. */
export interface GivenFlag {
  /** `out`, `threshold`, `no-color`, … as written after `--`. */
  readonly name: string;
  /** The values given, in order (a repeatable flag has several); empty for a switch. */
  readonly values: readonly string[];
}

/**
 * Flags that only the parent acts on: where the merged report goes and how it is shown (`-o`, `--format`, `--json`,
 * `--quiet`), the baseline judged on the merged run, and `--workers` itself. Children get `--quiet` and their own `-o`.
 */
const PARENT_ONLY = new Set(['workers', 'out', 'format', 'json', 'quiet', 'baseline', 'max-regression', 'prometheus', 'prometheus-linger']);

/** Flags that say which share a process runs: the parent decides that itself, so they cannot be given with --workers. */
const SHARD_FLAGS = ['shard', 'shards', 'start-at', 'max-late'];

/** Why these flags cannot go with `--workers`, or null. */
export function conflictingFlag(given: readonly GivenFlag[]): string | null {
  if (given.some((flag) => flag.name === 'server-pid')) {
    return '--workers cannot be combined with --server-pid yet: every worker would sample the same process, and the merged report would add its CPU and memory N times (hint: run without --workers to sample the server)';
  }
  const clash = given.find((flag) => SHARD_FLAGS.includes(flag.name));
  if (!clash) return null;
  return `--workers cannot be combined with --${clash.name}: the workers are the shards of one machine, and the parent gives each its share and the start time (hint: on several machines run \`mcp-bench run --shard i/N --start-at …\` on each, then \`mcp-bench merge\`)`;
}

export interface ChildArgsOptions {
  /** The scenario file as given, or undefined (the default scenario). */
  readonly scenario: string | undefined;
  readonly cwd: string;
  readonly given: readonly GivenFlag[];
  readonly index: number;
  readonly count: number;
  /** Where this child writes its JSON report. */
  readonly reportPath: string;
}

/** The `run` command line of child `index`: `run [scenario] <the user's flags> --shard i/N --quiet -o <report>`. */
export function childArgs(options: ChildArgsOptions): string[] {
  const args = ['run'];
  if (options.scenario !== undefined) args.push(path.resolve(options.cwd, options.scenario));
  for (const flag of options.given) {
    if (PARENT_ONLY.has(flag.name)) continue;
    if (flag.values.length === 0) args.push(`--${flag.name}`);
    // `--flag=value`: a value that starts with a dash (`-H "-x: y"`) is never read as a flag of its own.
    for (const value of flag.values) args.push(`--${flag.name}=${value}`);
  }
  args.push(`--shard=${options.index}/${options.count}`, '--quiet', `--out=${options.reportPath}`);
  return args;
}
