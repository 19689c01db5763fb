import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { captureIo } from '../../fixtures/io.js';
import { scenario, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const LONG = `name: long\ntarget:\n  builtin: {}\nworkloads:\n  - { name: first, type: concurrent, concurrency: 4, duration: 10m, operations: [ { tool: echo, args: { message: x } } ] }\n  - { name: second, type: sequential, iterations: 10, operations: [ { method: ping } ] }\n`;

describe('interrupting a run (in-process, signals delivered through the injected io)', { timeout: 60_000 }, () => {
  it('first signal: stops scheduling, reports what was measured as partial, exit 130', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'long.yaml', LONG);
    const io = captureIo({ cwd: dir });
    const running = runCli(['run', file, '-o', 'r.json'], io);
    // Interrupt once the first workload has been measuring for a moment (its start line is on stderr).
    while (!io.err().includes('▶ first')) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    io.raise('SIGINT');
    assert.equal(await running, 130);
    assert.deepEqual(io.exits, []);
    const report = JSON.parse(await readFile(path.join(dir, 'r.json'), 'utf8')) as RunSummary;
    assert.equal(report.partial, true);
    assert.equal(report.interrupted, true);
    assert.equal(report.workloads[0]!.status, 'interrupted');
    assert.ok(report.workloads[0]!.total.count > 0, 'calls measured before the stop are kept');
    assert.equal(report.workloads[0]!.total.count, report.workloads[0]!.total.ok, 'calls in flight finished normally');
    assert.equal(report.workloads[1]!.status, 'not-run');
    assert.match(io.out(), /interrupted: figures cover the calls made before the stop/);
  });

  it('second signal: exits at once with 130', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'long.yaml', LONG);
    const io = captureIo({ cwd: dir });
    const running = runCli(['run', file, '-o', 'r.json'], io);
    while (!io.err().includes('▶ first')) await new Promise((resolve) => setTimeout(resolve, 20));
    io.raise('SIGINT');
    io.raise('SIGINT');
    assert.deepEqual(io.exits, [130]);
    assert.equal(await running, 130);
  });

  it('a bad MCP_BENCH_EXIT_DEADLINE is refused before anything runs (exit 2)', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'long.yaml', LONG);
    const io = captureIo({ cwd: dir, env: { MCP_BENCH_EXIT_DEADLINE: 'soon' } });
    assert.equal(await runCli(['run', file, '-o', 'r.json'], io), 2);
    assert.match(io.err(), /^mcp-bench: MCP_BENCH_EXIT_DEADLINE expects .+; got "soon"\n$/);
  });
});
