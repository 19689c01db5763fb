import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { captureIo } from '../../fixtures/io.js';
import { descendantPids, exitWithin, scenario, startCli, survivors, tempDir, type CliProcess } from './helpers.js';

/**
 * Workloads whose calls resolve without I/O — every call a cache hit, or rejected by an open circuit breaker — must
 * not starve the event loop: SIGINT acts (exit 130, status `interrupted`, partial report), the progress line moves,
 * and the event-loop delay figure is a real one. Each run is 10 minutes long unless the interrupt stops it.
 */

const CACHE_ONLY = [
  'name: cache-only',
  'target:',
  '  builtin: {}',
  'workloads:',
  '  - name: hits',
  '    type: concurrent',
  '    concurrency: 4',
  '    duration: 10m',
  '    client: { cache: { ttl: 1h, tools: [echo] } }',
  '    operations: [ { tool: echo, args: { message: x } } ]',
  '',
].join('\n');

// Every resources/read fails with a JSON-RPC error (failRate 1), so the breaker opens after 3 calls and stays open
// but for one probe each 200 ms cooldown.
const OPEN_BREAKER = [
  'name: open-breaker',
  'target:',
  '  builtin: { failRate: 1 }',
  'workloads:',
  '  - name: rejected',
  '    type: concurrent',
  '    concurrency: 4',
  '    duration: 10m',
  '    client: { breaker: { failures: 3, window: 10s, cooldown: 200ms } }',
  '    operations: [ { resource: "bench://static/small" } ]',
  '',
].join('\n');

const STARTED_MS = 45_000;
/** Generous for a busy machine: without the fix the run goes on for its 10 minutes. Stop latency is not asserted. */
const EXIT_MS = 5_000;

describe('interrupting workloads whose calls resolve without I/O (spawned CLI, real SIGINT)', { timeout: 120_000 }, () => {
  for (const [name, yaml, workload] of [['cache-only', CACHE_ONLY, 'hits'], ['open-breaker', OPEN_BREAKER, 'rejected']] as const) {
    it(`${name}: SIGINT stops it, exit 130, status interrupted, a real event-loop delay`, async () => {
      const dir = await tempDir();
      const file = await scenario(dir, `${name}.yaml`, yaml);
      const cli = startCli(['run', file, '-o', 'r.json'], dir);
      let started: number[] = [];
      try {
        await cli.waitForStderr(new RegExp(`▶ ${workload} \\(concurrent\\)`), STARTED_MS);
        await new Promise((resolve) => setTimeout(resolve, 500)); // measuring a moment
        started = descendantPids(cli.child.pid!);
      } catch (error) {
        cli.child.kill('SIGKILL');
        throw error;
      }
      cli.child.kill('SIGINT');
      const { code } = await exitWithin(cli, EXIT_MS);
      assert.equal(code, 130, cli.stderr());
      assert.match(cli.stderr(), new RegExp(`■ ${workload} interrupted · [\\d,]+ calls in `));
      const report = JSON.parse(await readFile(path.join(dir, 'r.json'), 'utf8')) as RunSummary;
      assert.equal(report.interrupted, true);
      const measured = report.workloads[0]!;
      assert.equal(measured.status, 'interrupted');
      assert.ok(measured.total.count > 0, 'calls measured before the stop are kept');
      // The loop was busy but got its turns: a delay of milliseconds, neither 0 nor the whole run.
      const delayUs = measured.harness!.eventLoopDelayP99Us;
      assert.ok(delayUs > 0 && delayUs < 1_000_000, `event-loop delay p99 ${delayUs} µs`);
      const left = await survivors(started, 5_000);
      for (const pid of left) process.kill(pid, 'SIGKILL');
      assert.deepEqual(left, [], 'no process of ours left behind');
    });
  }
});

describe('progress while every call is a cache hit', { timeout: 60_000 }, () => {
  it('the terminal line counts calls as they happen', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'cache.yaml', CACHE_ONLY.replace('duration: 10m', 'duration: 1500ms'));
    const io = captureIo({ cwd: dir, tty: true, env: { NO_COLOR: '1' } });
    assert.equal(await runCli(['run', file, '-o', path.join(dir, 'r.json')], io), 0);
    // Frames drawn while measuring (elapsed short of the 1.5 s): a starved loop draws `0 calls` until the end.
    const counts = io.err().split('\r\x1b[2K').flatMap((frame) => {
      const match = /^hits [█░]+ (\d+\.\d)s\/1\.5s · ([\d,]+) calls · /.exec(frame);
      return match && Number(match[1]) < 1.5 ? [Number(match[2]!.replaceAll(',', ''))] : [];
    });
    assert.ok(counts.some((count) => count > 0), `the line moved while measuring: ${counts.join(', ')}`);
    assert.ok(counts.every((count, i) => i === 0 || count >= counts[i - 1]!), `counts only grow: ${counts.join(', ')}`);
  });
});
