/**
 * Issue 12's must-show on one machine: three local processes stand in for three machines (Kubernetes' Indexed Job
 * environment: JOB_COMPLETION_INDEX with --shards 3), one synchronised start, one built-in HTTP server; `merge` adds
 * their reports exactly. And the same load with `--workers 3` in one command.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { checkForLeaks } from '../leak-check.js';
import { exitWithin, scenario, startCli, tempDir } from '../cli/helpers.js';

checkForLeaks();

const RATE_SCENARIO = `
name: three-shards
target:
  builtin: {}
workloads:
  - { name: steady, type: constant-rate, rate: 150/s, duration: 3s, maxInFlight: 60, operations: [ { tool: echo, args: { message: x } } ] }
`;

async function readReport(file: string): Promise<RunSummary> {
  return JSON.parse(await readFile(file, 'utf8')) as RunSummary;
}

describe('a run split over three local processes, merged exactly', { timeout: 120_000 }, () => {
  let server: HttpServerHandle;
  let dir = '';
  let file = '';
  before(async () => {
    server = await startHttpServer({ host: '127.0.0.1', port: 0, latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 });
    dir = await tempDir();
    file = await scenario(dir, 'rate.yaml', RATE_SCENARIO);
  });
  after(async () => {
    await server.close();
  });

  it('JOB_COMPLETION_INDEX=0..2 --shards 3 --start-at +3s: 450 arrivals, the server received every sent call', async () => {
    const before = server.counts().tools['echo'] ?? 0;
    const shards = [0, 1, 2].map((index) =>
      startCli(['run', file, '--http', server.url, '--shards', '3', '--start-at', '+3s', '--quiet', '-o', path.join(dir, `shard-${index}.json`)], dir, {
        JOB_COMPLETION_INDEX: String(index),
      }),
    );
    const exits = await Promise.all(shards.map((cli) => exitWithin(cli, 60_000)));
    exits.forEach((exit, index) => assert.equal(exit.code, 0, `shard ${index}: ${shards[index]!.stderr()}`));
    const received = (server.counts().tools['echo'] ?? 0) - before;

    const merge = startCli(['merge', ...[0, 1, 2].map((i) => `shard-${i}.json`), '--expect-shards', '3', '-o', 'merged.json', '--quiet'], dir);
    assert.equal((await exitWithin(merge, 30_000)).code, 0, merge.stderr());
    const merged = await readReport(path.join(dir, 'merged.json'));
    const workload = merged.workloads[0]!;
    assert.equal(workload.arrivals!.scheduled, 450);
    assert.equal(workload.arrivals!.sent + workload.arrivals!.dropped, 450);
    assert.equal(workload.total.count, workload.arrivals!.sent);
    assert.equal(workload.total.count, received, 'every measured call is one the server received, and no more');
    const parts = await Promise.all([0, 1, 2].map((i) => readReport(path.join(dir, `shard-${i}.json`))));
    assert.deepEqual(parts.map((p) => p.workloads[0]!.arrivals!.scheduled), [150, 150, 150]);
    assert.deepEqual(parts.map((p) => p.shard?.index), [0, 1, 2]);
    assert.equal(new Set(parts.map((p) => p.shard?.planHash)).size, 1);
    assert.ok(Math.max(...parts.map((p) => Math.abs(p.shard!.startOffsetUs!))) < 1_000_000, 'every shard started within --max-late');

    const failing = startCli(['merge', 'shard-0.json', 'shard-1.json', 'shard-2.json', '--threshold', 'p99<1us', '--quiet', '-o', 'gated.json'], dir);
    assert.equal((await exitWithin(failing, 30_000)).code, 1, failing.stderr());

    const missing = startCli(['merge', 'shard-0.json', 'shard-2.json', '--quiet', '-o', 'partial.json'], dir);
    assert.equal((await exitWithin(missing, 30_000)).code, 2, missing.stderr());
    assert.match(missing.stderr(), /shard 1/);
  });

  it('a start time already past: the late-start exit code, and the report says late', async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const cli = startCli(['run', file, '--http', server.url, '--shard', '1/3', '--start-at', past, '--quiet', '-o', path.join(dir, 'late.json')], dir);
    const exit = await exitWithin(cli, 60_000);
    assert.equal(exit.code, 4, cli.stderr());
    const report = await readReport(path.join(dir, 'late.json'));
    assert.equal(report.shard?.late, true);
    assert.equal(report.workloads[0]!.total.count, 0);
  });

  it('--workers 3 in one command: the same 450 arrivals, merged, and what the server received', async () => {
    const before = server.counts().tools['echo'] ?? 0;
    const cli = startCli(['run', file, '--http', server.url, '--workers', '3', '--quiet', '-o', path.join(dir, 'workers.json')], dir);
    const exit = await exitWithin(cli, 60_000);
    assert.equal(exit.code, 0, cli.stderr());
    const received = (server.counts().tools['echo'] ?? 0) - before;
    const workload = (await readReport(path.join(dir, 'workers.json'))).workloads[0]!;
    assert.equal(workload.arrivals!.scheduled, 450);
    assert.equal(workload.total.count, received);

    const gated = startCli(['run', file, '--http', server.url, '--workers', '3', '--threshold', 'p99<1us', '--quiet', '-o', path.join(dir, 'workers-gated.json')], dir);
    assert.equal((await exitWithin(gated, 60_000)).code, 1, gated.stderr());
  });
});
