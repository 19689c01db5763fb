import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import { captureIo } from '../../fixtures/io.js';
import { scenario, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const SHORT = `name: short\ntarget:\n  builtin: {}\nworkloads:\n  - { name: w, type: sequential, duration: 1200ms, warmup: 300ms, operations: [ { method: ping } ] }\n`;

/** Runs the short scenario in-process, with stderr a terminal or not, and returns the exit code and stderr. */
async function run(options: { tty: boolean; env?: Record<string, string>; args?: string[] }): Promise<{ code: number | null; err: string; out: string; seconds: number }> {
  const dir = await tempDir();
  const file = await scenario(dir, 'short.yaml', SHORT);
  const io = captureIo({ cwd: dir, tty: options.tty, env: { NO_COLOR: '1', ...options.env } });
  const started = performance.now();
  const code = await runCli(['run', file, '-o', path.join(dir, 'r.json'), ...(options.args ?? [])], io);
  return { code, err: io.err(), out: io.out(), seconds: (performance.now() - started) / 1000 };
}

describe('progress on stderr', { timeout: 90_000 }, () => {
  it('a terminal gets one line redrawn in place, at most 4 times a second, cleared at the end', async () => {
    const { code, err, seconds } = await run({ tty: true });
    assert.equal(code, 0);
    const frames = err.split('\r\x1b[2K');
    assert.equal(frames[1], 'w connecting…');
    assert.ok(frames.some((f) => /^w warmup [█░]+ 0\.\ds\/1\.5s · [\d,]+ calls · [\d,.]+\/s · 0 errors · p99 —$/.test(f)), err);
    assert.ok(frames.some((f) => /^w [█░]+ 1\.\ds\/1\.5s · [\d,]+ calls · [\d,.]+\/s · 0 errors · p99 \S+$/.test(f)), err);
    const drawn = frames.filter((f) => f.includes(' calls · ')).length;
    assert.ok(drawn <= seconds * 4 + 2, `${drawn} redraws in ${seconds.toFixed(1)} s`);
    assert.ok(err.endsWith('\r\x1b[2Kreport: r.json\n'), 'the line is cleared before anything else is written');
    assert.doesNotMatch(err, /▶/);
  });

  it('piped: a line when the workload starts calling, one when it ends, no redraws', async () => {
    const { code, err } = await run({ tty: false });
    assert.equal(code, 0);
    assert.match(err, /^▶ w \(sequential\)\n✓ w completed · [\d,]+ calls in 1\.\d\ds · 0 errors\nreport: r\.json\n$/);
  });

  it('CI=true: the same lines, even on a terminal', async () => {
    const { err } = await run({ tty: true, env: { CI: 'true' } });
    assert.doesNotMatch(err, /\r/);
    assert.match(err, /^▶ w \(sequential\)\n✓ w completed · /);
  });

  it('--quiet: no progress, only where the report went (a result, not progress)', async () => {
    const { code, err } = await run({ tty: true, args: ['--quiet'] });
    assert.equal(code, 0);
    assert.equal(err, 'report: r.json\n');
  });

  it('--json: the report on stdout, progress still on stderr', async () => {
    const { out, err } = await run({ tty: false, args: ['--json'] });
    assert.equal((JSON.parse(out) as { partial: boolean }).partial, false);
    assert.match(err, /✓ w completed/);
  });
});

describe('--grace', () => {
  it('a value that is not a duration is bad input, exit 2, before anything runs', async () => {
    const dir = await tempDir();
    for (const bad of ['2', 'soon', '-1s']) {
      const io = captureIo({ cwd: dir });
      assert.equal(await runCli(['run', 'missing.yaml', '--grace', bad], io), 2);
      assert.equal(io.err(), `mcp-bench: --grace expects a duration with a unit, like 500us, 250ms, 10s, 2m or 1h; got "${bad}"\n`);
    }
  });
});
