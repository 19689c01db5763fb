import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import type { CapacityReport } from '../../../src/capacity/report.js';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { captureIo } from '../../fixtures/io.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

/**
 * `mcp-bench capacity` against the reference server over real HTTP with a server-side rate limit of 40/s (429s above
 * it, one second's burst): the knee must sit at the limit, within the step's burst allowance. Steps are short (300 ms
 * measured after 100 ms of warmup) and the precision coarse, so the whole search takes a few seconds.
 */
describe('capacity against a rate-limited reference server', { timeout: 60_000 }, () => {
  let server: HttpServerHandle;
  let dir = '';
  before(async () => {
    server = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, latencyUs: 1000, rateLimitPerSec: 40, host: '127.0.0.1', port: 0 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-capacity-'));
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('brackets and bisects to a knee at the server limit; every step is in the JSON and the HTML plot', async () => {
    const io = captureIo({ cwd: dir });
    const args = ['capacity', '--http', server.url, '--tool', 'echo', '--args', '{"message":"x"}', '--slo', 'error_rate<5%'];
    const code = await runCli([...args, '--start', '10/s', '--step', '300ms', '--warmup', '100ms', '--precision', '30%', '-q', '-o', 'c.json', '-o', 'c.html'], io);
    assert.equal(code, 0, io.err());
    const report = JSON.parse(await readFile(path.join(dir, 'c.json'), 'utf8')) as CapacityReport;
    const { lastPassPerSec, firstFailPerSec } = report.result;
    assert.ok(lastPassPerSec !== null && firstFailPerSec !== null, report.result.line);
    // 40/s sustained; a step of 0.4 s may borrow up to the 40-call burst, so a rate up to ~40 + 40/0.4 can pass.
    assert.ok(lastPassPerSec >= 20 && lastPassPerSec < 160, `knee ${lastPassPerSec}/s for a 40/s limit`);
    assert.ok(firstFailPerSec > lastPassPerSec && firstFailPerSec <= 2 * lastPassPerSec, report.result.line);
    assert.ok(report.steps.some((s) => s.verdict === 'fail' && s.errorRate > 0.05), 'a failing step failed on its errors (429s)');
    assert.deepEqual(report.steps.slice(0, 2).map((s) => s.targetRatePerSec), [10, 20], 'brackets by doubling from --start');
    assert.match(io.out(), new RegExp(`knee ${lastPassPerSec}`));
    const html = await readFile(path.join(dir, 'c.html'), 'utf8');
    assert.match(html, /<svg/);
    assert.doesNotMatch(html, /<script[^>]+src=/, 'nothing fetched');
  });

  it('bad flags are one exit-2 list before anything runs', async () => {
    const io = captureIo({ cwd: dir });
    const code = await runCli(['capacity', '--http', server.url, '--slo', 'p99<', '--step', 'soon', '-o', 'c.pdf'], io);
    assert.equal(code, 2);
    assert.match(io.err(), /--slo/);
    assert.match(io.err(), /--step/);
    assert.match(io.err(), /c\.pdf/);
  });
});
