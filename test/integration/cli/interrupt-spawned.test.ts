import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { RunSummary } from '../../../src/summary/summary.js';
import { descendantPids, exitWithin, scenario, startCli, survivors, tempDir, type CliProcess } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

/**
 * Real signals to the CLI as its own process, against the built-in server it spawned (stdio, or HTTP on 127.0.0.1):
 * exit code 130, the partial report, and no process of ours left behind.
 */

type Transport = 'stdio' | 'http';

function longScenario(transport: Transport, latency = '0us'): string {
  return [
    'name: long',
    'target:',
    `  builtin: { transport: ${transport}, latency: ${latency} }`,
    'workloads:',
    '  - { name: first, type: concurrent, concurrency: 4, duration: 10m, operations: [ { tool: echo, args: { message: x } } ] }',
    '  - { name: second, type: sequential, iterations: 10, operations: [ { method: ping } ] }',
    '',
  ].join('\n');
}

const STARTED_MS = 45_000;
const EXIT_MS = 20_000;
const ORPHAN_WAIT_MS = 5_000;

/** Starts the run, waits until the first workload is measuring, and lists the processes it started. */
async function startMeasuring(transport: Transport, extraArgs: string[] = [], latency?: string) {
  const dir = await tempDir();
  const file = await scenario(dir, 'long.yaml', longScenario(transport, latency));
  const cli = startCli(['run', file, '-o', 'r.json', ...extraArgs], dir);
  try {
    await cli.waitForStderr(/▶ first \(concurrent\)/, STARTED_MS);
    // A moment of measuring, so calls have completed.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = descendantPids(cli.child.pid!);
    const commands = started.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '));
    assert.ok(commands.some((command) => / serve --transport /.test(command)), `the CLI started the built-in server: ${commands.join('; ')}`);
    return { dir, cli, started };
  } catch (error) {
    cli.child.kill('SIGKILL');
    throw error;
  }
}

async function assertNoOrphans(pids: readonly number[]): Promise<void> {
  const left = await survivors(pids, ORPHAN_WAIT_MS);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  assert.deepEqual(left, [], 'every process the CLI started is gone');
}

async function report(dir: string): Promise<RunSummary> {
  return JSON.parse(await readFile(path.join(dir, 'r.json'), 'utf8')) as RunSummary;
}

describe('interrupting the CLI as a spawned process (real signals)', { timeout: 180_000 }, () => {
  // Each signal once and each transport once: the stop is the same code whatever the transport, and the orphan check
  // covers both kinds of spawned server (a stdio child, an HTTP server). The full matrix cost ~40 s of CI per run.
  for (const [transport, signal] of [['stdio', 'SIGINT'], ['http', 'SIGTERM']] as const) {
    it(`${signal} (builtin over ${transport}): exit 130, partial report, no orphan`, async () => {
      const { dir, cli, started } = await startMeasuring(transport);
      cli.child.kill(signal);
      const { code } = await exitWithin(cli, EXIT_MS);
      assert.equal(code, 130, cli.stderr());
      assert.match(cli.stderr(), new RegExp(`${signal}: stopping — calls in flight get 2s to finish`));
      assert.match(cli.stderr(), /■ first interrupted · [\d,]+ calls in /);
      const partial = await report(dir);
      assert.equal(partial.partial, true);
      assert.equal(partial.interrupted, true);
      assert.equal(partial.workloads[0]!.status, 'interrupted');
      assert.ok(partial.workloads[0]!.total.count > 0, 'calls measured before the stop are kept');
      assert.equal(partial.workloads[1]!.status, 'not-run');
      assert.match(cli.stdout(), /interrupted: figures cover the calls made before the stop/);
      await assertNoOrphans(started);
    });
  }

  for (const transport of ['http'] as const) {
    it(`a second SIGINT (builtin over ${transport}) exits at once, still leaving no orphan`, async () => {
      // Calls take 5 s, so the first SIGINT leaves the run waiting for them when the second one comes.
      const { cli, started } = await startMeasuring(transport, [], '5s');
      cli.child.kill('SIGINT');
      await cli.waitForStderr(/SIGINT: stopping/, EXIT_MS);
      const sentUs = performance.now();
      cli.child.kill('SIGINT');
      const { code } = await exitWithin(cli, EXIT_MS);
      assert.equal(code, 130, cli.stderr());
      assert.ok(performance.now() - sentUs < 3_000, 'exits promptly');
      assert.match(cli.stderr(), /SIGINT again: exiting now, without a report/);
      await assertNoOrphans(started);
    });
  }

  for (const transport of ['stdio'] as const) {
    it(`--grace (builtin over ${transport}): calls still in flight when it ends are abandoned, the report says how many`, async () => {
      // Calls take 5 s; the grace period is 300 ms.
      const { dir, cli, started } = await startMeasuring(transport, ['--grace', '300ms'], '5s');
      const sentUs = performance.now();
      cli.child.kill('SIGINT');
      const { code } = await exitWithin(cli, EXIT_MS);
      assert.equal(code, 130, cli.stderr());
      assert.ok(performance.now() - sentUs < 4_000, 'does not wait for the 5 s calls');
      assert.match(cli.stderr(), /calls in flight get 300ms to finish/);
      assert.match(cli.stderr(), /grace period \(300ms\) over: no longer waiting for calls in flight/);
      assert.match(cli.stderr(), /warning: first: 4 calls were still in flight when the grace period \(300ms\) ended: abandoned, not counted/);
      const partial = await report(dir);
      assert.equal(partial.interrupted, true);
      assert.equal(partial.workloads[0]!.status, 'interrupted');
      assert.ok(partial.warnings.includes('first: 4 calls were still in flight when the grace period (300ms) ended: abandoned, not counted'), partial.warnings.join('\n'));
      await assertNoOrphans(started);
    });
  }
});
