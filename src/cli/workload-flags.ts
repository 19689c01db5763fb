/**
 * The quick-run flags — what to call (`--tool NAME --args JSON`, `--resource URI`, `--prompt NAME`, `--method M`,
 * repeatable, with `--weight N` after an operation) and how hard (`-c -d -n -R -w`, client options) — written as a
 * scenario would write one workload, and laid over the scenario's single workload before validation
 * (scenario/overrides.ts `GivenWorkload`). `capacity` uses the operation half only (operation-flags.ts).
 *
 * The workload type follows the load flags: `-R` → constant-rate (open model), `-c` → concurrent (closed loop), `-n`
 * without either → sequential; `-d` alone (or no load flag) keeps the workload's type. Only what needs no scenario is
 * checked here (numbers, durations, rates, JSON, flags that cannot go together); the scenario's validation checks
 * the rest after the merge.
 */
import type { Command } from 'commander';
import type { GivenWorkload } from '../scenario/overrides.js';
import { parseCount, parseDuration, parseRate, type Parsed } from '../input/units.js';
import { addOrderedOperationOptions, operationsOf, orderOf, type OperationFlag } from './operation-flags.js';

export { OPERATION_FLAG_NAMES, OPERATION_ORDER_KEY, type OperationFlag } from './operation-flags.js';

/** The operation flags, as commander gives them (repeatable ones as lists). */
export interface OperationFlags {
  readonly tool?: readonly string[];
  readonly args?: readonly string[];
  readonly resource?: readonly string[];
  readonly prompt?: readonly string[];
  readonly method?: readonly string[];
  readonly weight?: readonly string[];
  /** Every operation flag in command-line order (set by the options addOperationOptions adds). */
  readonly operationOrder?: readonly OperationFlag[];
}

/** Every quick-run flag: the operations, the load (-c -d -n -R -w) and client options. */
export interface WorkloadFlags extends OperationFlags {
  readonly concurrency?: string;
  readonly duration?: string;
  readonly iterations?: string;
  readonly rate?: string;
  readonly warmup?: string;
  /** `--timeout D`: the per-call timeout (`client.timeout`). */
  readonly timeout?: string;
  /** `--retries N`: up to N retries of a failed call (`client.retry.attempts` N + 1; 0: `retry: false`). */
  readonly retries?: string;
  /** `--sessions N`: sessions per endpoint (`client.sessions`). */
  readonly sessions?: string;
}

/** Problems with flags: one line each, shown as an exit-2 list like a scenario's problems. */
export type FlagsResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly string[] };

/** Adds `--tool`, `--args`, `--resource`, `--prompt`, `--method`, `--weight` to a command. */
export function addOperationOptions(command: Command): Command {
  return addOrderedOperationOptions(command);
}

/** Adds the operation options and the load and client options (`-c -d -n -R -w`, …) to a command. */
export function addWorkloadOptions(command: Command): Command {
  return addOperationOptions(command)
    .option('-c, --concurrency <n>', 'calls kept in flight (closed loop): a concurrent workload')
    .option('-d, --duration <duration>', 'how long to measure, e.g. 10s (a quick run without -n: 10s)')
    .option('-n, --iterations <n>', 'calls in all (with -c shared by the calls in flight; without -c or -R: sequential, one at a time)')
    .option('-R, --rate <rate>', 'calls started at this rate whatever the server does (open model): a constant-rate workload; 200/s, 30/m or 200')
    .option('-w, --warmup <duration|n>', 'unrecorded calls before measuring: a duration (2s) or a count (200)')
    .option('--timeout <duration>', 'per-call timeout, e.g. 5s (client.timeout)')
    .option('--retries <n>', 'retry a failed call up to n times (client.retry with n + 1 attempts; 0: none)')
    .option('--sessions <n>', 'sessions per endpoint (client.sessions; over stdio each is a server process)');
}

/** The `operations:` list the flags give, as a scenario writes it; null when no operation flag is given. */
export function operationsFromFlags(flags: OperationFlags): FlagsResult<readonly Readonly<Record<string, unknown>>[] | null> {
  const order = orderOf(flags, flags.operationOrder);
  if (typeof order === 'string') return { ok: false, problems: [order] };
  return operationsOf(order);
}

/** The load and client flags: their short and long names, as problems and `givenBy` name them. */
const LOAD_FLAGS = {
  concurrency: '-c',
  duration: '-d',
  iterations: '-n',
  rate: '-R',
  warmup: '-w',
  timeout: '--timeout',
  retries: '--retries',
  sessions: '--sessions',
} as const satisfies Partial<Record<keyof WorkloadFlags, string>>;

type LoadKey = keyof typeof LOAD_FLAGS;

/** The one workload the flags give, as a scenario writes it; null when no quick-run flag is given. */
export function workloadFromFlags(flags: WorkloadFlags): FlagsResult<GivenWorkload | null> {
  const operations = operationsFromFlags(flags);
  const load = loadFromFlags(flags);
  const problems = [...(operations.ok ? [] : operations.problems), ...(load.ok ? [] : load.problems)];
  if (!operations.ok || !load.ok) return { ok: false, problems };
  const written = { ...load.value, ...(operations.value && { operations: operations.value }) };
  if (Object.keys(written).length === 0) return { ok: true, value: null };
  return { ok: true, value: { written, givenBy: givenBy(flags) } };
}

/** The flags that gave the workload, in a fixed order: operation flags first, then load and client flags. */
function givenBy(flags: WorkloadFlags): string[] {
  const order = flags.operationOrder ?? [];
  const operationNames = order.length > 0 ? order.map((o) => `--${o.flag}`) : (['tool', 'resource', 'prompt', 'method', 'args', 'weight'] as const).filter((k) => flags[k]?.length).map((k) => `--${k}`);
  const load = (Object.keys(LOAD_FLAGS) as LoadKey[]).filter((key) => flags[key] !== undefined).map((key) => LOAD_FLAGS[key]);
  return [...new Set([...operationNames, ...load])];
}

type Written = Record<string, unknown>;

/** The load and client fields the flags give (type chosen by them), or every problem with them. */
function loadFromFlags(flags: WorkloadFlags): FlagsResult<Written> {
  const problems: string[] = [];
  const value = <T>(key: LoadKey, parse: (text: string) => Parsed<T>): T | undefined => {
    const text = flags[key];
    if (text === undefined) return undefined;
    const parsed = parse(text);
    if (parsed.ok) return parsed.value;
    problems.push(`${LOAD_FLAGS[key]} expects ${parsed.expected}; got ${JSON.stringify(text)}${parsed.hint ? ` (hint: ${parsed.hint})` : ''}`);
    return undefined;
  };
  const written: Written = {
    concurrency: value('concurrency', parseCount),
    iterations: value('iterations', parseCount),
    duration: value('duration', positiveDuration),
    rate: value('rate', rateText),
    warmup: value('warmup', warmupValue),
  };
  const client = clientFromFlags(value);
  problems.push(...conflicts(flags));
  if (problems.length > 0) return { ok: false, problems };
  const type = flags.rate !== undefined ? 'constant-rate' : flags.concurrency !== undefined ? 'concurrent' : flags.iterations !== undefined ? 'sequential' : undefined;
  const fields = Object.fromEntries(Object.entries({ type, ...written }).filter(([, v]) => v !== undefined));
  return { ok: true, value: { ...fields, ...(Object.keys(client).length > 0 && { client }) } };
}

/** `--timeout`, `--retries`, `--sessions` as the workload's `client:` block writes them. */
function clientFromFlags(value: <T>(key: LoadKey, parse: (text: string) => Parsed<T>) => T | undefined): Written {
  const timeout = value('timeout', positiveDuration);
  const retries = value('retries', wholeOrZero);
  const sessions = value('sessions', parseCount);
  return Object.fromEntries(
    Object.entries({
      timeout,
      retry: retries === undefined ? undefined : retries === 0 ? false : { attempts: retries + 1 },
      sessions,
    }).filter(([, v]) => v !== undefined),
  );
}

/** Flags that cannot go together whatever the scenario. */
function conflicts(flags: WorkloadFlags): string[] {
  const found: string[] = [];
  if (flags.rate !== undefined && flags.concurrency !== undefined) {
    found.push('-R and -c choose different workload types: -R starts calls at a rate (constant-rate, open model), -c keeps calls in flight (concurrent, closed loop); give one (hint: -R 200/s, or -c 16)');
  }
  if (flags.iterations !== undefined && flags.duration !== undefined) {
    found.push('-n and -d both say when the run ends: a workload has iterations or a duration, not both; give one (hint: -n 1000 makes 1000 calls, -d 10s runs for 10 seconds)');
  }
  return found;
}

/** A duration above 0, written as given (`10s`), so the report shows what was typed. */
function positiveDuration(text: string): Parsed<string> {
  const parsed = parseDuration(text);
  if (!parsed.ok) return parsed;
  return parsed.value > 0 ? { ok: true, value: text.trim() } : { ok: false, expected: 'a duration greater than 0, like 250ms or 10s' };
}

/** `200/s`, `30/m`, or a bare `200` (per second), written with its unit. */
function rateText(text: string): Parsed<string> {
  const trimmed = text.trim();
  const withUnit = /^\d+(?:\.\d+)?$/.test(trimmed) ? `${trimmed}/s` : trimmed;
  const parsed = parseRate(withUnit);
  return parsed.ok ? { ok: true, value: withUnit } : { ...parsed, expected: `${parsed.expected}, or a number of calls per second` };
}

/** `0` (none), a count of calls (`200`, `1k`) or a duration (`2s`). */
function warmupValue(text: string): Parsed<number | string> {
  const trimmed = text.trim();
  if (trimmed === '0') return { ok: true, value: 0 };
  const calls = parseCount(trimmed);
  if (calls.ok) return calls;
  const span = parseDuration(trimmed);
  if (span.ok) return { ok: true, value: trimmed };
  return { ok: false, expected: 'a number of calls (like 200 or 1k) or a duration (like 2s); 0 for none', ...(span.hint && { hint: span.hint }) };
}

/** A whole number ≥ 0. */
function wholeOrZero(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '0') return { ok: true, value: 0 };
  const parsed = parseCount(trimmed);
  return parsed.ok ? parsed : { ok: false, expected: 'a whole number ≥ 0, like 0, 2 or 3' };
}
