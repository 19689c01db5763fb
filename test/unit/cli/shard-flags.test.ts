import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStartAt, shardFromFlags, type ShardFlags } from '../../../src/cli/shard-flags.js';

const NOW_MS = Date.parse('2030-01-31T12:00:00Z');
const AT = '2030-01-31T12:00:30Z';

function setting(flags: ShardFlags, env: Record<string, string> = {}, options = {}) {
  const result = shardFromFlags(flags, env, NOW_MS, options);
  assert.ok(result.ok, !result.ok ? result.error : '');
  return result.value;
}

function error(flags: ShardFlags, env: Record<string, string> = {}): string {
  const result = shardFromFlags(flags, env, NOW_MS);
  assert.ok(!result.ok, `expected a problem with ${JSON.stringify(flags)} ${JSON.stringify(env)}`);
  return result.error;
}

describe('shard flags → the share and the start', () => {
  it('nothing given: the whole run, no start', () => {
    assert.deepEqual(setting({}), { shard: { index: 0, count: 1 }, start: null });
  });

  it('--shard i/N, with --start-at as an ISO time and the default --max-late of 1s', () => {
    assert.deepEqual(setting({ shard: '2/3', startAt: AT }), { shard: { index: 2, count: 3 }, start: { atEpochMs: NOW_MS + 30_000, maxLateUs: 1_000_000 } });
  });

  it('+30s counts from when the flags were read; --max-late is a duration', () => {
    assert.deepEqual(setting({ shard: '0/2', startAt: '+30s', maxLate: '250ms' }).start, { atEpochMs: NOW_MS + 30_000, maxLateUs: 250_000 });
    assert.deepEqual(setting({ startAt: '+1.5s' }).start, { atEpochMs: NOW_MS + 1500, maxLateUs: 1_000_000 });
  });

  it('--shards N takes the index from JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs)', () => {
    assert.deepEqual(setting({ shards: '3', startAt: AT }, { JOB_COMPLETION_INDEX: '1' }).shard, { index: 1, count: 3 });
  });

  it('MCP_BENCH_SHARD gives the share when no flag does', () => {
    assert.deepEqual(setting({ startAt: AT }, { MCP_BENCH_SHARD: '1/4' }).shard, { index: 1, count: 4 });
  });

  it('precedence: --shard over --shards+JOB_COMPLETION_INDEX over MCP_BENCH_SHARD', () => {
    const env = { MCP_BENCH_SHARD: '1/4', JOB_COMPLETION_INDEX: '2' };
    assert.deepEqual(setting({ shard: '0/2', startAt: AT }, env).shard, { index: 0, count: 2 });
    assert.deepEqual(setting({ shards: '3', startAt: AT }, env).shard, { index: 2, count: 3 });
    // JOB_COMPLETION_INDEX alone (without --shards) is Kubernetes' own, not a request to shard.
    assert.deepEqual(setting({ startAt: AT }, { JOB_COMPLETION_INDEX: '2' }).shard, { index: 0, count: 1 });
  });

  it('N = 1 needs no start; N > 1 does, unless the start is given later (--workers hands it over)', () => {
    assert.deepEqual(setting({ shard: '0/1' }), { shard: { index: 0, count: 1 }, start: null });
    assert.deepEqual(setting({ shard: '1/2' }, {}, { startComesLater: true }), { shard: { index: 1, count: 2 }, start: null });
  });
});

describe('shard flags: every bad combination says what, what was expected and what to do', () => {
  const cases: Array<[string, ShardFlags, Record<string, string>, RegExp[]]> = [
    ['N > 1 without --start-at', { shard: '1/3' }, {}, [/shard 1\/3 needs --start-at/, /hint: .*--start-at 2030-01-31T12:00:00Z/]],
    ['N > 1 from the environment without --start-at', {}, { MCP_BENCH_SHARD: '0/2' }, [/shard 0\/2 needs --start-at/]],
    ['--shard and --shards together', { shard: '0/2', shards: '2', startAt: AT }, { JOB_COMPLETION_INDEX: '0' }, [/--shard and --shards are both given/, /hint: .*JOB_COMPLETION_INDEX/]],
    ['--shards without JOB_COMPLETION_INDEX', { shards: '3', startAt: AT }, {}, [/--shards 3 needs JOB_COMPLETION_INDEX, which is not set/, /hint: .*Indexed Job.*--shard i\/3/]],
    ['JOB_COMPLETION_INDEX ≥ N', { shards: '3', startAt: AT }, { JOB_COMPLETION_INDEX: '3' }, [/JOB_COMPLETION_INDEX must be a shard index from 0 to 2 for --shards 3; got "3"/, /completions must equal --shards \(3\)/]],
    ['JOB_COMPLETION_INDEX not a number', { shards: '3', startAt: AT }, { JOB_COMPLETION_INDEX: 'x' }, [/got "x"/]],
    ['--shards not a number', { shards: 'three', startAt: AT }, { JOB_COMPLETION_INDEX: '0' }, [/--shards expects a whole number of shards, 1 or more; got "three"/]],
    ['--shards 0', { shards: '0', startAt: AT }, { JOB_COMPLETION_INDEX: '0' }, [/--shards expects a whole number/]],
    ['--shard not i/N', { shard: '3', startAt: AT }, {}, [/--shard expects i\/N, shard i of N counting from 0; got "3"/, /hint: the 3 shards of a run are 0\/3, 1\/3 and 2\/3/]],
    ['--shard i ≥ N', { shard: '3/3', startAt: AT }, {}, [/got "3\/3": i must be below N \(0 … 2\)/]],
    ['MCP_BENCH_SHARD not i/N', { startAt: AT }, { MCP_BENCH_SHARD: 'two' }, [/MCP_BENCH_SHARD expects i\/N/, /got "two"/]],
    ['a start time that does not parse', { shard: '0/2', startAt: 'tomorrow' }, {}, [/--start-at expects an ISO time with its zone .* or a delay from now \(\+30s, \+2m\); got "tomorrow"/]],
    ['an impossible date', { shard: '0/2', startAt: '2030-02-31T25:00:00Z' }, {}, [/--start-at expects/, /got "2030-02-31T25:00:00Z"/]],
    ['a delay without a unit', { shard: '0/2', startAt: '+30' }, {}, [/--start-at expects/, /hint: a delay is \+ and a duration with a unit/]],
    ['an ISO time without a zone', { shard: '0/2', startAt: '2030-01-31T12:00:30' }, {}, [/has no time zone: each machine would read it in its own/, /hint: add Z \(UTC\) or an offset: 2030-01-31T12:00:30Z/]],
    ['a start more than 24h ahead', { shard: '0/2', startAt: '2030-02-02T12:00:00Z' }, {}, [/is 2880\.0m away; at most 24h ahead/]],
    ['--max-late not a duration', { shard: '0/2', startAt: AT, maxLate: 'soon' }, {}, [/--max-late expects a duration with a unit, like .*; got "soon"/]],
  ];
  for (const [name, flags, env, patterns] of cases) {
    it(name, () => {
      const message = error(flags, env);
      for (const pattern of patterns) assert.match(message, pattern);
    });
  }
});

describe('parseStartAt (also for a start handed over after the plan is loaded)', () => {
  it('reads offsets in an ISO time and a start already past (the run then reports it late)', () => {
    assert.deepEqual(parseStartAt('2030-01-31T13:00:30+01:00', NOW_MS, 5), { ok: true, value: { atEpochMs: NOW_MS + 30_000, maxLateUs: 5 } });
    assert.deepEqual(parseStartAt('2030-01-31T11:00:00Z', NOW_MS, 5), { ok: true, value: { atEpochMs: NOW_MS - 3_600_000, maxLateUs: 5 } });
  });
});
