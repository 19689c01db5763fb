import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REPO, TSX } from './cli/helpers.js';

/** The process-leak check itself: run over tests that leak on purpose (test/fixtures/leaky-tests.ts), it fails them. */
describe('the process-leak check', { timeout: 90_000 }, () => {
  it('fails a test that leaves a child or an orphan running, kills them, and passes a test that stops its own', async () => {
    const file = path.join(REPO, 'test/fixtures/leaky-tests.ts');
    // A test runner of its own (NODE_TEST_CONTEXT would make it report into this one instead).
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const args = ['--import', TSX, '--test', '--test-reporter=spec', file];
      const child = execFile(process.execPath, args, { cwd: REPO, env, timeout: 60_000 }, (_error, stdout, stderr) =>
        resolve({ code: child.exitCode, output: stdout + stderr }),
      );
    });
    assert.equal(code, 1, output);
    assert.match(output, /✖ leaves a child running[^]*processes left running after the test \(killed now\):\n\s+pid \d+ \(group \d+\): sleep 31/);
    assert.match(output, /✖ leaves an orphan in a process group of its own[^]*processes left running after the test \(killed now\):\n\s+pid \d+ \(group \d+\): sleep 32/);
    assert.match(output, /✔ stops what it started/);
    assert.doesNotMatch(output, /sleep 33/);
  });
});
