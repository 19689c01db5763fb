import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { exitWithin, runInProcess, scenario, startCli, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

/** One short open-model workload against the reference server on 127.0.0.1 (started here, so connecting is quick). */
const SHORT = `
name: synchronised
target:
  builtin: {}
workloads:
  - name: rate
    type: constant-rate
    rate: 20/s
    duration: 500ms
    operations:
      - { tool: echo, args: { message: hi } }
`;

describe('run --shard and --start-at, spawned (reference server over HTTP on 127.0.0.1)', { timeout: 120_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, host: '127.0.0.1', port: 0 });
  });
  after(() => server.close());

  async function run(args: readonly string[]): Promise<{ code: number | null; stderr: string; report: RunSummary }> {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', SHORT);
    const out = path.join(dir, 'r.json');
    const cli = startCli(['run', file, '--http', server.url, '-o', out, ...args], dir);
    const { code } = await exitWithin(cli, 60_000);
    const report = JSON.parse(await readFile(out, 'utf8')) as RunSummary;
    return { code, stderr: cli.stderr(), report };
  }

  it('--shard 0/1 --start-at +4s: waits for the instant, runs, and records the start and its offset', async () => {
    const before = Date.now();
    const { code, stderr, report } = await run(['--shard', '0/1', '--start-at', '+4s']);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /the run starts at \d{4}-\d{2}-\d{2}T[\d:.]+Z \(--start-at\)/);
    const shard = report.shard;
    assert.ok(shard, 'a shard block');
    assert.equal(shard.index, 0);
    assert.equal(shard.count, 1);
    assert.match(shard.planHash, /^[0-9a-f]{16}$/);
    assert.equal(shard.late, false);
    const startAtMs = Date.parse(shard.startAt ?? '');
    assert.ok(startAtMs >= before + 4000, `the start ${shard.startAt} is 4 s after the flags were read`);
    assert.ok(shard.startOffsetUs !== null && shard.startOffsetUs >= 0 && shard.startOffsetUs <= 1_000_000, `offset ${shard.startOffsetUs} µs`);
    // The executor started at the instant: its last arrival (450 ms into the workload) came after it.
    assert.ok(Date.parse(report.finishedAt) >= startAtMs + 450, `finished ${report.finishedAt}, start ${shard.startAt}`);
    assert.equal(report.workloads[0]?.status, 'completed');
    assert.ok((report.workloads[0]?.total.count ?? 0) > 0);
  });

  it('a start time already past: exit 4, nothing run, the report marked late', async () => {
    const { code, stderr, report } = await run(['--start-at', '2020-01-01T00:00:00Z']);
    assert.equal(code, 4, stderr);
    assert.match(stderr, /missed the synchronised start/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    assert.equal(report.shard?.late, true);
    assert.equal(report.partial, true);
    assert.deepEqual(report.workloads.map((w) => [w.status, w.total.count]), [['not-run', 0]]);
  });

  it('Ctrl-C while waiting for the start: exit 130 at once, the connection closed, nothing measured', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', SHORT);
    const out = path.join(dir, 'r.json');
    const cli = startCli(['run', file, '--http', server.url, '-o', out, '--start-at', '+60s'], dir);
    await cli.waitForStderr(/starts at/, 30_000);
    // Connected and waiting: the server has seen the handshake.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    cli.child.kill('SIGINT');
    const { code } = await exitWithin(cli, 15_000);
    assert.equal(code, 130, cli.stderr());
    const report = JSON.parse(await readFile(out, 'utf8')) as RunSummary;
    assert.equal(report.interrupted, true);
    assert.equal(report.shard?.late, false);
    assert.deepEqual(report.workloads.map((w) => [w.status, w.total.count]), [['interrupted', 0]]);
  });

  it('bad combinations are exit 2 with the reason, before anything runs', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', SHORT);
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['--shards', '3', '--start-at', '+5s'], {}, /--shards 3 needs JOB_COMPLETION_INDEX, which is not set/],
      [[], { MCP_BENCH_SHARD: '1/2' }, /shard 1\/2 needs --start-at/],
      [['--shard', '0/2', '--start-at', '+5s', '--baseline', 'x.json'], {}, /--baseline is not checked on shard 0\/2/],
      [['--shard', '0/1', '--start-at', 'noon'], {}, /--start-at expects an ISO time with its zone/],
      [['--shard', '0/1', '--start-at', '+5s', '--max-late', 'a bit'], {}, /--max-late expects a duration/],
    ];
    for (const [args, env, message] of cases) {
      const { code, io, report } = await runInProcess(dir, ['run', file, '--http', server.url, ...args], env);
      assert.equal(code, 2, `${args.join(' ')}: ${io.err()}`);
      assert.match(io.err(), message);
      assert.match(io.err(), /^mcp-bench: /);
      assert.equal(report, null, 'nothing ran');
    }
  });
});
