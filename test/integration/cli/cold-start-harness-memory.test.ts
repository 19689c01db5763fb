import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

/**
 * One short run against the built-in stdio server (~0.3 s measured, plus the server's spawn): the cold start judged
 * as a threshold both ways, and mcp-bench's own memory in the report and its harness line.
 */
describe('cold_start_p99 as a threshold, and the harness memory, through the CLI', { timeout: 60_000 }, () => {
  it('cold_start_p99<1ms fails (exit 1) while <60s passes; the harness memory is in the JSON and the table', async () => {
    const dir = await tempDir();
    const table = path.join(dir, 'report.txt');
    const { code, io, report } = await runInProcess(dir, ['run', '-d', '300ms', '--threshold', 'cold_start_p99<1ms', '--threshold', 'cold_start_p99<60s', '--threshold', 'cold_start_max<60s', '-o', table]);
    assert.equal(code, 1, io.err());
    assert.match(io.err(), /1 of 3 thresholds failed/);
    const workload = report!.workloads[0]!;
    const coldStart = workload.coldStart!;
    assert.equal(coldStart.sessions, 1);
    assert.ok(coldStart.totalUs.p99 >= 1_000 && coldStart.totalUs.p99 < 60_000_000, `cold start ${coldStart.totalUs.p99}µs`);
    assert.deepEqual(workload.thresholds.map((t) => [t.threshold, t.passed, t.measured, t.samples]), [
      ['cold_start_p99<1ms', false, coldStart.totalUs.p99, 1],
      ['cold_start_p99<60s', true, coldStart.totalUs.p99, 1],
      ['cold_start_max<60s', true, coldStart.totalUs.max, 1],
    ]);

    const memory = workload.harness?.memory;
    assert.ok(memory, 'the harness memory is reported');
    assert.ok(memory.startRssBytes > memory.peakHeapUsedBytes && memory.peakHeapUsedBytes > 0, JSON.stringify(memory));
    assert.ok(memory.peakRssBytes >= memory.startRssBytes && memory.peakRssBytes >= memory.endRssBytes, JSON.stringify(memory));
    assert.ok(memory.peakHeapTotalBytes >= memory.peakHeapUsedBytes);
    // A Node process running mcp-bench: tens of MB at least, and far from gigabytes in a 0.3 s run.
    assert.ok(memory.startRssBytes > 20e6 && memory.peakRssBytes < 2e9, JSON.stringify(memory));

    const text = await readFile(table, 'utf8');
    assert.match(text, /harness: CPU \d+% of a core · event-loop delay p99 \S+ · RSS [\d.]+ → [\d.]+ MB \(peak [\d.]+\) · heap [\d.]+ MB/);
    assert.match(text, /✗ cold_start_p99<1ms/);
    assert.match(text, /✓ cold_start_p99<60s/);
  });
});
