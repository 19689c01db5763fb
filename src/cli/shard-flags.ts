/**
 * A run's share and synchronised start from the command line and the environment, checked before anything runs (a bad
 * combination is exit 2 with what was given and what to do): which shard this process is (`--shard i/N`; `--shards N`
 * with Kubernetes' `JOB_COMPLETION_INDEX`; `MCP_BENCH_SHARD=i/N`, in that order of precedence), when every shard
 * starts (`--start-at`: an ISO time with its zone, or `+30s` from when the flags were read) and how late a shard may
 * be (`--max-late`, default 1s). The result joins the scenario's overrides (ScenarioOverrides.sharding).
 *
 * The start is its own step (parseStartAt), so a start instant that arrives as text after the plan is loaded (the
 * workers of `--workers N` get it over IPC) is read by the same rules.
 */
import { DURATION_MAX_HINT, formatDuration, MAX_DURATION_US, parseDuration } from '../input/units.js';
import { parseShard, WHOLE_RUN, type Shard } from '../schedule/shard.js';
import type { StartPlan } from '../scenario/plan.js';
import type { ShardSetting } from '../scenario/shard-plan.js';

export interface ShardFlags {
  /** `--shard i/N`. */
  readonly shard?: string;
  /** `--shards N`: the index comes from JOB_COMPLETION_INDEX. */
  readonly shards?: string;
  /** `--start-at <ISO time | +30s>`. */
  readonly startAt?: string;
  /** `--max-late <duration>`. */
  readonly maxLate?: string;
}

export const SHARD_ENV = 'MCP_BENCH_SHARD';
/** Set by Kubernetes on every pod of an Indexed Job: 0 … completions − 1. */
export const INDEX_ENV = 'JOB_COMPLETION_INDEX';
export const DEFAULT_MAX_LATE = '1s';

type Env = Readonly<Record<string, string | undefined>>;
type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const START_EXPECTED = 'an ISO time with its zone (2030-01-31T12:00:00Z, 2030-01-31T13:00:00+01:00) or a delay from now (+30s, +2m)';
const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * The share and start the flags and environment give. `nowMs`: when the flags were read (wall clock), which `+30s`
 * counts from. `startComesLater`: the start instant will be given after the plan is loaded (parseStartAt), so N > 1
 * without `--start-at` is not an error.
 */
export function shardFromFlags(flags: ShardFlags, env: Env, nowMs: number, options: { startComesLater?: boolean } = {}): Checked<ShardSetting> {
  const shard = pickShard(flags, env);
  if (!shard.ok) return shard;
  const maxLate = (flags.maxLate ?? DEFAULT_MAX_LATE).trim();
  const maxLateUs = parseDuration(maxLate);
  if (!maxLateUs.ok) return fail(`--max-late expects ${maxLateUs.expected}; got ${JSON.stringify(flags.maxLate)}`, maxLateUs.hint);
  if (flags.startAt === undefined) {
    if (shard.value.count > 1 && !options.startComesLater) {
      const { index, count } = shard.value;
      return fail(`shard ${index}/${count} needs --start-at: the ${count} shards must start their workloads at the same instant`, 'give every shard the same time, e.g. --start-at 2030-01-31T12:00:00Z, or --start-at +30s when they are all started at once');
    }
    return { ok: true, value: { shard: shard.value, start: null } };
  }
  const start = parseStartAt(flags.startAt, nowMs, maxLateUs.value);
  return start.ok ? { ok: true, value: { shard: shard.value, start: start.value } } : start;
}

/** `--start-at` as written: an ISO time with its zone, or `+<duration>` after `nowMs`; at most 24 h ahead. */
export function parseStartAt(text: string, nowMs: number, maxLateUs: number): Checked<StartPlan> {
  const trimmed = text.trim();
  const got = `got ${JSON.stringify(text)}`;
  if (trimmed.startsWith('+')) {
    const delay = parseDuration(trimmed.slice(1));
    if (!delay.ok) return fail(`--start-at expects ${START_EXPECTED}; ${got}`, delay.hint ?? 'a delay is + and a duration with a unit: +30s, +1m');
    return { ok: true, value: { atEpochMs: nowMs + Math.round(delay.value / 1000), maxLateUs } };
  }
  const atEpochMs = ISO_PATTERN.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(atEpochMs)) return fail(`--start-at expects ${START_EXPECTED}; ${got}`);
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) {
    return fail(`--start-at ${JSON.stringify(text)} has no time zone: each machine would read it in its own`, `add Z (UTC) or an offset: ${trimmed}Z`);
  }
  const aheadUs = (atEpochMs - nowMs) * 1000;
  if (aheadUs > MAX_DURATION_US) return fail(`--start-at ${JSON.stringify(text)} is ${formatDuration(aheadUs)} away; at most 24h ahead`, DURATION_MAX_HINT);
  return { ok: true, value: { atEpochMs, maxLateUs } };
}

/** Which shard: `--shard`, else `--shards` with JOB_COMPLETION_INDEX, else MCP_BENCH_SHARD, else the whole run. */
function pickShard(flags: ShardFlags, env: Env): Checked<Shard> {
  if (flags.shard !== undefined && flags.shards !== undefined) {
    return fail('--shard and --shards are both given: use one', `--shard i/N names the share itself; --shards N takes i from ${INDEX_ENV} (Kubernetes Indexed Jobs)`);
  }
  if (flags.shard !== undefined) return shardText('--shard', flags.shard);
  if (flags.shards !== undefined) return fromJobIndex(flags.shards, env[INDEX_ENV]);
  const fromEnv = env[SHARD_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return shardText(SHARD_ENV, fromEnv);
  return { ok: true, value: WHOLE_RUN };
}

function shardText(source: string, text: string): Checked<Shard> {
  const parsed = parseShard(text);
  if ('problem' in parsed) return fail(`${source} expects i/N, shard i of N counting from 0; got ${JSON.stringify(text)}: ${parsed.problem}`, 'the 3 shards of a run are 0/3, 1/3 and 2/3');
  return { ok: true, value: parsed };
}

function fromJobIndex(countText: string, indexText: string | undefined): Checked<Shard> {
  const count = wholeNumber(countText);
  if (count === null || count < 1) return fail(`--shards expects a whole number of shards, 1 or more; got ${JSON.stringify(countText)}`);
  if (indexText === undefined || indexText.trim() === '') {
    return fail(`--shards ${count} needs ${INDEX_ENV}, which is not set`, `Kubernetes sets it in an Indexed Job (completionMode: Indexed); elsewhere use --shard i/${count}`);
  }
  const index = wholeNumber(indexText);
  if (index === null || index >= count) {
    return fail(`${INDEX_ENV} must be a shard index from 0 to ${count - 1} for --shards ${count}; got ${JSON.stringify(indexText)}`, `the Job's completions must equal --shards (${count})`);
  }
  return { ok: true, value: { index, count } };
}

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) && Number.isSafeInteger(Number(trimmed)) ? Number(trimmed) : null;
}

function fail(message: string, hint?: string): { readonly ok: false; readonly error: string } {
  return { ok: false, error: hint === undefined ? message : `${message}\n  hint: ${hint}` };
}
