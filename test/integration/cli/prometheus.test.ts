import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { captureIo } from '../../fixtures/io.js';
import { checkForLeaks } from '../leak-check.js';
import { scenario, tempDir } from './helpers.js';

checkForLeaks();

/** `name{labels} value` lines of one scrape, keyed by the text before the value. */
function samples(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    map.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return map;
}

async function scrape(url: string): Promise<{ contentType: string | null; text: string }> {
  const response = await fetch(url);
  assert.equal(response.status, 200);
  return { contentType: response.headers.get('content-type'), text: await response.text() };
}

/** Resolves with the first match of `pattern` in what `read()` returns, checking every 20 ms (no timing asserted). */
async function waitFor(read: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  for (;;) {
    const match = pattern.exec(read());
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('run --prometheus', { timeout: 60_000 }, () => {
  it('is scraped during the run and its final counts equal the report', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'prom.yaml', `
name: prom
target:
  builtin: { latency: 2ms, failRate: 0.2, seed: 7 }
workloads:
  - name: "seq \\"quoted\\""
    type: concurrent
    concurrency: 2
    duration: 800ms
    warmup: 5
    operations:
      - { tool: echo, args: { message: hi }, weight: 2 }
      - { method: ping }
`);
    const io = captureIo({ cwd: dir });
    const reportPath = path.join(dir, 'report.json');
    const running = runCli(['run', file, '-o', reportPath, '--quiet', '--prometheus', ':0', '--prometheus-linger', '2s'], io);
    const url = (await waitFor(io.err, /serving live metrics at (http:\/\/127\.0\.0\.1:\d+\/metrics)/))[1]!;

    // Mid-run: some calls counted before the run has ended.
    let mid: Map<string, number> | null = null;
    while (mid === null) {
      const ended = io.err().includes('the run ended');
      const { text } = await scrape(url);
      const calls = samples(text).get('mcp_bench_calls_total{workload="seq \\"quoted\\"",operation="tools/call echo"}') ?? 0;
      if (calls > 0 && !ended && !io.err().includes('the run ended')) mid = samples(text);
      assert.ok(!ended, `no scrape counted a call before the run ended:\n${text}`);
      if (mid === null) await new Promise((resolve) => setTimeout(resolve, 20));
    }

    await waitFor(io.err, /the run ended; serving its final values/);
    const final = await scrape(url);
    assert.equal(final.contentType, 'text/plain; version=0.0.4; charset=utf-8');
    const code = await running;
    assert.equal(code, 0, io.err());
    await assert.rejects(fetch(url), 'the endpoint closes when the command ends');

    const report = JSON.parse(await readFile(reportPath, 'utf8')) as RunSummary;
    const workload = report.workloads[0]!;
    const got = samples(final.text);
    const labels = (op: string): string => `workload="seq \\"quoted\\"",operation="${op}"`;
    let errorsSeen = 0;
    for (const op of workload.operations) {
      assert.equal(got.get(`mcp_bench_calls_total{${labels(op.name)}}`), op.count, op.name);
      assert.equal(got.get(`mcp_bench_calls_ok_total{${labels(op.name)}}`), op.ok, op.name);
      assert.equal(got.get(`mcp_bench_call_duration_seconds_count{${labels(op.name)}}`), op.count, op.name);
      assert.equal(got.get(`mcp_bench_call_duration_seconds_bucket{${labels(op.name)},le="+Inf"}`), op.count, op.name);
      for (const [code, n] of Object.entries(op.errors)) {
        assert.equal(got.get(`mcp_bench_errors_total{${labels(op.name)},code="${code}"}`), n, `${op.name} ${code}`);
        errorsSeen += n;
      }
      const scrapedErrors = [...got].filter(([key]) => key.startsWith(`mcp_bench_errors_total{${labels(op.name)},`)).reduce((sum, [, n]) => sum + n, 0);
      assert.equal(scrapedErrors, op.count - op.ok, `${op.name}: every error is counted by its code`);
      // Counters only grow: the mid-run scrape never exceeds the final one.
      assert.ok((mid.get(`mcp_bench_calls_total{${labels(op.name)}}`) ?? 0) <= op.count);
    }
    assert.ok(errorsSeen > 0, 'failRate 0.2 gave some errors to count');
    assert.ok(workload.operations.every((op) => op.warmupCalls > 0), 'warmup ran and is not in the counts');
  });

  it('refuses a port already in use before the run starts (exit 3)', async () => {
    const dir = await tempDir();
    const first = captureIo({ cwd: dir });
    const holder = await import('node:http').then((http) => http.createServer());
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const code = await runCli(['run', '--prometheus', `127.0.0.1:${port}`, '--quiet'], first);
      assert.equal(code, 3);
      assert.match(first.err(), new RegExp(`--prometheus cannot listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)`));
      assert.doesNotMatch(first.err(), /calls in/);
    } finally {
      holder.close();
    }
  });

  it('says what a bad address is (exit 2)', async () => {
    const io = captureIo({ cwd: await tempDir() });
    assert.equal(await runCli(['run', '--prometheus', '9464x', '--quiet'], io), 2);
    assert.match(io.err(), /--prometheus expects \[host\]:port with a port from 0 to 65535; got "9464x"\n  hint: /);
  });
});
