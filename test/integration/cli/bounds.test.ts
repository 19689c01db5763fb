import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import { captureIo } from '../../fixtures/io.js';
import { scenario, tempDir } from './helpers.js';

/** The audit's overload inputs (issue 11): refused before anything runs, exit 2, nothing written, no stack. */
const ABOVE_BOUNDS = `
name: above-bounds
target: { builtin: { latency: 1ms } }
timeout: 600h
workloads:
  - { name: c, type: concurrent, concurrency: 100000000, duration: 1s, operations: [ { tool: echo } ] }
  - { name: r, type: constant-rate, rate: 1000000000000/s, duration: 1s, operations: [ { tool: echo } ] }
`;

async function cli(args: string[], cwd: string) {
  const io = captureIo({ cwd, env: {} });
  const code = await runCli(args, io);
  return { code, err: io.err() };
}

it('run refuses concurrency 100000000, rate 1000000000000/s and timeout 600h at validation: exit 2, paths, no report', async () => {
  const dir = await tempDir();
  const file = await scenario(dir, 'above.yaml', ABOVE_BOUNDS);
  const { code, err } = await cli(['run', file, '-o', path.join(dir, 'report.json'), '--quiet'], dir);
  assert.equal(code, 2);
  assert.match(err, /3 problems/);
  assert.match(err, /✗ timeout \(line 4, column 1\): expected a duration of at most 24h; got "600h"/);
  assert.match(err, /✗ workloads\[0\]\.concurrency \(line 6, column \d+\): expected a whole number from 1 to 100,000; got 100000000/);
  assert.match(err, /✗ workloads\[1\]\.rate \(line 7, column \d+\): expected a rate of at most 1,000,000\/s; got "1000000000000\/s"/);
  assert.doesNotMatch(err, /\n\s+at .+:\d+:\d+/, 'no stack trace');
  assert.equal(existsSync(path.join(dir, 'report.json')), false);
});

it('--grace 600h is refused (it used to end the grace 49 ms after the interrupt); 24h is the most', async () => {
  const dir = await tempDir();
  const { code, err } = await cli(['run', 'missing.yaml', '--grace', '600h'], dir);
  assert.equal(code, 2);
  assert.equal(
    err,
    'mcp-bench: --grace expects a duration of at most 24h; got "600h" (hint: durations are capped at 24h, longer than any benchmark needs; for a longer soak, run the scenario again)\n',
  );
  const atBound = await cli(['run', 'missing.yaml', '--grace', '24h'], dir);
  assert.equal(atBound.code, 2);
  assert.doesNotMatch(atBound.err, /--grace/, 'the flag is fine; the missing file is the problem');
});
