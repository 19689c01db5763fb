import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { RunSummary } from '../../../src/summary/summary.js';
import { checkForLeaks, expectGone } from '../leak-check.js';
import { exitWithin, isRunning, REPO, scenario, startCli, survivors, tempDir, TSX, type CliProcess } from './helpers.js';

/**
 * No server process survives any way the CLI ends (issue 11, must-show 4), against the stubborn fault server
 * (test/fixtures/stubborn-stdio-server.ts): it ignores the end of its stdin, SIGTERM, SIGINT and SIGHUP, and keeps a
 * child in its process group that does too — only SIGKILL to the group ends them. The CLI runs as its own process,
 * with real signals; after each way out, the server and its child must be gone.
 */
checkForLeaks();

const STUBBORN = path.join(REPO, 'test/fixtures/stubborn-stdio-server.ts');
const READY_MS = 45_000;
const EXIT_MS = 20_000;
const GONE_MS = 3_000;

interface Stubborn {
  readonly dir: string;
  readonly cli: CliProcess;
  readonly pids: readonly number[];
}

function stubbornScenario(pidFile: string, mode: 'serve' | 'silent', extra: string[] = []): string {
  const options = JSON.stringify({ pidFile, mode, latencyUs: 5_000_000 });
  return [
    'name: stubborn',
    ...extra,
    'target:',
    '  stdio:',
    `    command: ${JSON.stringify(process.execPath)}`,
    `    args: ${JSON.stringify(['--import', TSX, STUBBORN, options])}`,
    'workloads:',
    '  - { name: first, type: concurrent, concurrency: 2, duration: 10m, operations: [ { tool: echo, args: { message: x } } ] }',
    '',
  ].join('\n');
}

/** Starts the CLI against the stubborn server and waits until the server is up (and, serving, calls are in flight). */
async function start(mode: 'serve' | 'silent', options: { args?: string[]; env?: Record<string, string>; extra?: string[] } = {}): Promise<Stubborn> {
  const dir = await tempDir();
  const pidFile = path.join(dir, 'pids.json');
  const file = await scenario(dir, 'stubborn.yaml', stubbornScenario(pidFile, mode, options.extra));
  const cli = startCli(['run', file, '-o', 'r.json', ...(options.args ?? [])], dir, options.env);
  try {
    const pids = await pidsFrom(pidFile, cli);
    expectGone(...pids);
    if (mode === 'serve') await cli.waitForStderr(/▶ first \(concurrent\)/, READY_MS);
    return { dir, cli, pids };
  } catch (error) {
    cli.child.kill('SIGKILL');
    throw error;
  }
}

async function pidsFrom(file: string, cli: CliProcess): Promise<number[]> {
  const deadline = Date.now() + READY_MS;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text) {
      const { pid, child } = JSON.parse(text) as { pid: number; child: number };
      assert.ok(isRunning(pid) && isRunning(child), 'the stubborn server and its child are running');
      return [pid, child];
    }
    if (Date.now() > deadline) throw new Error(`the stubborn server did not start; the CLI said:\n${cli.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The CLI's exit, bounded (exitWithin), with how long it took from `sinceMs`. */
async function exitOf(cli: CliProcess, sinceMs: number): Promise<{ code: number | null; ms: number }> {
  const { code } = await exitWithin(cli, EXIT_MS);
  return { code, ms: Math.round(performance.now() - sinceMs) };
}

/** The server and its child must be gone (a short poll: SIGKILL is delivered at once, reaping by PID 1 follows). */
async function assertGone(pids: readonly number[], label: string, sinceMs: number): Promise<void> {
  const left = await survivors(pids, GONE_MS);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  assert.deepEqual(left, [], `no server process survives ${label}`);
  process.stderr.write(`# ${label}: signal → exit and server gone ${Math.round(performance.now() - sinceMs)} ms\n`);
}

describe('no server process survives the CLI, however it ends (stubborn server)', { timeout: 240_000 }, () => {
  it('a double SIGINT: exit 130 at once, the server group SIGKILLed', async () => {
    const { cli, pids } = await start('serve');
    cli.child.kill('SIGINT');
    await cli.waitForStderr(/SIGINT: stopping/, EXIT_MS);
    const sent = performance.now();
    cli.child.kill('SIGINT');
    const { code, ms } = await exitOf(cli, sent);
    assert.equal(code, 130, cli.stderr());
    assert.match(cli.stderr(), /SIGINT again: exiting now, without a report/);
    process.stderr.write(`# double SIGINT: second SIGINT → exit ${ms} ms\n`);
    await assertGone(pids, 'a double SIGINT', sent);
  });

  it('a SIGINT during initialize: acted on, exit 130, a report of nothing measured, the server stopped', async () => {
    const { dir, cli, pids } = await start('silent');
    const sent = performance.now();
    cli.child.kill('SIGINT');
    const { code, ms } = await exitOf(cli, sent);
    assert.equal(code, 130, cli.stderr());
    assert.doesNotMatch(cli.stderr(), /exiting now, without a report/, 'the run ended by itself, not at the deadline');
    process.stderr.write(`# SIGINT during initialize: SIGINT → exit ${ms} ms\n`);
    await assertGone(pids, 'a SIGINT during initialize', sent);
    const report = JSON.parse(await readFile(path.join(dir, 'r.json'), 'utf8')) as RunSummary;
    assert.equal(report.interrupted, true);
    assert.equal(report.partial, true);
    assert.equal(report.workloads[0]!.status, 'interrupted');
    assert.equal(report.workloads[0]!.total.count, 0, 'nothing was measured');
    assert.equal(report.workloads[0]!.failure, null, 'an interrupt is not a target failure');
  });

  it('the deadline after the grace period: exit 130, the server group SIGKILLed', async () => {
    // Closing the stubborn server takes a stop step of 2 s (stdin end) plus 2 s (SIGTERM): past a 1 s deadline.
    const env = { MCP_BENCH_EXIT_DEADLINE: '1s' };
    const { cli, pids } = await start('serve', { args: ['--grace', '200ms'], env });
    const sent = performance.now();
    cli.child.kill('SIGINT');
    const { code, ms } = await exitOf(cli, sent);
    assert.equal(code, 130, cli.stderr());
    assert.match(cli.stderr(), /the run did not end within 1s after the grace period: exiting now, without a report/);
    process.stderr.write(`# deadline exit (grace 200ms, deadline 1s): SIGINT → exit ${ms} ms\n`);
    await assertGone(pids, 'the deadline exit', sent);
  });

  it("initialize waits for the scenario's timeout, not 30 s, then stops the server (exit 3)", async () => {
    const { cli, pids } = await start('silent', { extra: ['timeout: 3s'] });
    const { code } = await exitOf(cli, performance.now());
    assert.equal(code, 3, cli.stderr());
    assert.match(cli.stderr(), /could not connect to the target: no answer within 3\.00s/);
    await assertGone(pids, 'an initialize timeout', performance.now());
  });
});
