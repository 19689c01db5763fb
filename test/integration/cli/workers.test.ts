import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunSummary } from '../../../src/summary/summary.js';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { exitWithin, scenario, startCli, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

/**
 * `run --workers N` as a real process against one HTTP server of the test's own (127.0.0.1, port 0): the children
 * are real `run --shard i/N` processes of the CLI, so the merged report must count exactly what the server received,
 * and an open-model workload's merged schedule must be exactly the single-process one.
 */

const EXIT_MS = 90_000;

function rateScenario(rate: string, duration: string, thresholds = ''): string {
  return [
    'name: workers',
    'target:',
    '  builtin: {}',
    'workloads:',
    `  - name: rate`,
    '    type: constant-rate',
    `    rate: ${rate}`,
    `    duration: ${duration}`,
    ...(thresholds ? [`    thresholds:`, thresholds] : []),
    '    operations: [ { tool: echo, args: { message: hi } } ]',
    '',
  ].join('\n');
}

async function readReport(file: string): Promise<RunSummary> {
  return JSON.parse(await readFile(file, 'utf8')) as RunSummary;
}

describe('mcp-bench run --workers N (spawned, real child processes)', { timeout: 300_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, host: '127.0.0.1', port: 0 });
  });
  after(() => server.close());

  it('3 workers at 150/s for 3 s: exactly 450 arrivals scheduled, and the report counts what the server received', async () => {
    server.resetCounts();
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', rateScenario('150/s', '3s'));
    const out = path.join(dir, 'merged.json');
    const cli = startCli(['run', file, '--workers', '3', '--http', server.url, '-o', out], dir);
    const { code } = await exitWithin(cli, EXIT_MS);
    assert.equal(code, 0, cli.stderr());
    assert.match(cli.stderr(), /starting 3 workers/);
    const report = await readReport(out);
    const rate = report.workloads[0]!;
    assert.equal(rate.arrivals?.scheduled, 450);
    assert.equal(rate.total.count + (rate.arrivals?.dropped ?? 0), 450);
    assert.equal(server.counts().tools['echo'], rate.total.count + rate.total.warmupCalls);
    assert.equal(report.partial, false);
    assert.equal(report.shard, undefined, 'the merged report is the whole run, not a shard');
  });

  it('judges thresholds on the merged figures: a failing one exits 1', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', rateScenario('100/s', '1s'));
    const out = path.join(dir, 'merged.json');
    const cli = startCli(['run', file, '--workers', '2', '--http', server.url, '--threshold', 'p99<1us', '-o', out], dir);
    const { code } = await exitWithin(cli, EXIT_MS);
    assert.equal(code, 1, cli.stderr());
    const report = await readReport(out);
    assert.deepEqual(report.gate.thresholds, { passed: 0, failed: 1 });
    assert.equal(report.workloads[0]!.thresholds[0]!.samples, report.workloads[0]!.total.count);
  });

  it('stops every worker when an abortOnFail threshold fails on the merged window (exit 1, named)', async () => {
    const dir = await tempDir();
    const floor = '      - { threshold: "throughput > 1000/s", abortOnFail: true }';
    const file = await scenario(dir, 's.yaml', rateScenario('40/s', '60s', floor));
    const out = path.join(dir, 'merged.json');
    const cli = startCli(['run', file, '--workers', '2', '--http', server.url, '-o', out], dir);
    const { code } = await exitWithin(cli, EXIT_MS);
    assert.equal(code, 1, cli.stderr());
    assert.match(cli.stderr(), /threshold throughput > 1000\/s failed on rate \(all 2 workers\): stopping them/);
    const report = await readReport(out);
    assert.equal(report.gate.abortedBy?.threshold, 'throughput > 1000/s');
    assert.equal(report.workloads[0]!.status, 'aborted');
    assert.deepEqual([report.partial, report.interrupted], [true, false]);
  });

  it('an interrupt reaches every worker: a partial merged report, exit 130, nothing left running', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', rateScenario('40/s', '10m'));
    const out = path.join(dir, 'merged.json');
    const cli = startCli(['run', file, '--workers', '2', '--http', server.url, '-o', out], dir);
    await cli.waitForStderr(/▶ rate/, EXIT_MS);
    cli.child.kill('SIGINT');
    const { code } = await exitWithin(cli, EXIT_MS);
    assert.equal(code, 130, cli.stderr());
    const report = await readReport(out);
    assert.deepEqual([report.interrupted, report.partial, report.workloads[0]!.status], [true, true, 'interrupted']);
  });

  it('refuses bad counts and share flags before starting anything (exit 2)', async () => {
    const dir = await tempDir();
    for (const [args, message] of [
      [['--workers', 'lots'], /--workers expects a whole number of worker processes from 1 to 1024, or auto/],
      [['--workers', '2', '--shard', '0/2'], /--workers cannot be combined with --shard/],
    ] as const) {
      const cli = startCli(['run', '--http', server.url, ...args], dir);
      const { code } = await exitWithin(cli, EXIT_MS);
      assert.equal(code, 2, cli.stderr());
      assert.match(cli.stderr(), message);
      assert.doesNotMatch(cli.stderr(), /starting/);
    }
  });
});
