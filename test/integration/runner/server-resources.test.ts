import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import { summarize } from '../../../src/summary/summarize.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { reportSchema } from '../../../src/report/report-schema.js';
import { renderTable } from '../../../src/report/table.js';
import { runPlan } from '../../../src/runner/run.js';
import { resolveScenario } from '../../../src/scenario/index.js';
import { systemClock } from '../../../src/time/clock.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const ENVIRONMENT = { node: process.version, platform: 'test', arch: 'test', osRelease: '', cpus: { count: 1, model: '' }, memoryBytes: 0 };
const LINUX = process.platform === 'linux';
const MB = 1_000_000;

async function run(scenario: Record<string, unknown>): Promise<RunSummary> {
  const resolved = resolveScenario(scenario, { file: null, env: {}, baseDir: process.cwd() });
  assert.ok(resolved.ok, JSON.stringify(!resolved.ok && resolved.issues));
  const result = await runPlan(resolved.plan, { clock: systemClock, serverLog: new ServerLog(null), stopSignal: new AbortController().signal, now: () => new Date() });
  const summary = summarize(result, ENVIRONMENT, '0.0.0-test');
  const checked = reportSchema.safeParse(JSON.parse(JSON.stringify(summary)));
  assert.ok(checked.success, checked.success ? '' : JSON.stringify(checked.error.issues.slice(0, 3)));
  return summary;
}

/**
 * A stdio MCP server that keeps 256 KiB (written, so resident) per tools/call and never frees it: a leak, answered
 * 5 ms later so a 2 s run makes a few hundred calls (~60-100 MB), not gigabytes.
 */
const LEAKY_SERVER = `
const kept = [];
const send = (m) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...m }) + '\\n');
const lines = require('node:readline').createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const m = JSON.parse(line);
  if (m.id === undefined) return;
  if (m.method === 'initialize') return send({ id: m.id, result: { protocolVersion: m.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'leaky', version: '0' } } });
  if (m.method === 'tools/list') return send({ id: m.id, result: { tools: [{ name: 'grow', inputSchema: { type: 'object' } }] } });
  if (m.method === 'tools/call') {
    kept.push(Buffer.alloc(256 * 1024, 1));
    return setTimeout(() => send({ id: m.id, result: { content: [{ type: 'text', text: String(kept.length) }] } }), 5);
  }
  send({ id: m.id, error: { code: -32601, message: 'not here' } });
});
lines.on('close', () => process.exit(0));
`;

describe('cold start and spawned-server resources, against real servers', { timeout: 120_000 }, () => {
  it('a pool of 4 stdio sessions to the built-in server: cold start over the 4, their CPU and RSS summed', async () => {
    const summary = await run({
      name: 'server-resources-it',
      target: { builtin: { transport: 'stdio' } },
      workloads: [
        { name: 'pooled', type: 'concurrent', concurrency: 8, duration: '1500ms', client: { sessions: 4 }, operations: [{ tool: 'echo', args: { message: 'hi' } }] },
      ],
    });
    const workload = summary.workloads[0]!;
    assert.equal(workload.status, 'completed');
    assert.ok(workload.total.count > 0);

    const coldStart = workload.coldStart!;
    assert.equal(coldStart.sessions, 4);
    assert.equal(workload.sessions.length, 4);
    const totals = workload.sessions.map((s) => s.connectUs + s.initializeUs).sort((a, b) => a - b);
    assert.ok(Math.abs(coldStart.totalUs.max - totals[3]!) <= 2, 'max: the slowest session, spawn through initialized');
    assert.ok(Math.abs(coldStart.totalUs.p50 - totals[1]!) <= 2, 'p50: the 2nd of 4 (nearest rank)');
    assert.ok(coldStart.totalUs.p50 > coldStart.initializeUs.p50 - 2, 'the total holds the spawn too');
    assert.ok(coldStart.totalUs.p50 > 10_000, `a node process does not start in under 10 ms (${coldStart.totalUs.p50} µs)`);

    const table = renderTable(summary, { color: false });
    assert.match(table, /cold start over 4 sessions: p50 \S+ · p99 \S+ \(spawn → initialized\)/);

    if (!LINUX) return;
    const resources = workload.serverResources!;
    assert.ok(resources, 'sampled on Linux');
    assert.equal(resources.intervalUs, 1_000_000);
    assert.ok(resources.samples.length >= 2, `${resources.samples.length} samples over 1.5 s`);
    for (const sample of resources.samples) assert.ok(sample.rssBytes > 4 * 20 * MB, `four node servers hold more than 80 MB (${sample.rssBytes})`);
    assert.ok(resources.samples[0]!.tUs <= 0, 'the first sample when the executor starts, at or before the measured phase');
    assert.ok(resources.meanCpuPercent > 0, 'the servers answered thousands of calls: they used CPU');
    assert.ok(resources.peakRssBytes >= Math.max(resources.firstRssBytes, resources.lastRssBytes));
    assert.match(table, /servers \(summed\): CPU \d+% of a core \(mean\) · RSS [\d.]+ MB → [\d.]+ MB \(peak [\d.]+ MB\)/);
  });

  it('a leaking stdio server: RSS climbs from sample to sample', { skip: !LINUX && 'reads /proc' }, async () => {
    const summary = await run({
      name: 'leak-it',
      target: { stdio: { command: process.execPath, args: ['-e', LEAKY_SERVER] } },
      workloads: [{ name: 'leak', type: 'sequential', duration: '2s', operations: [{ tool: 'grow' }] }],
    });
    const workload = summary.workloads[0]!;
    assert.equal(workload.status, 'completed', JSON.stringify(workload.failure));
    const resources = workload.serverResources!;
    const rss = resources.samples.map((s) => s.rssBytes);
    assert.ok(rss.length >= 3, `samples at 0, 1 s and the end (${rss.length})`);
    const leakedMb = (workload.total.count * 256 * 1024) / MB;
    const grownMb = (resources.lastRssBytes - resources.firstRssBytes) / MB;
    assert.ok(grownMb > leakedMb * 0.5, `RSS grew ${grownMb.toFixed(1)} MB for ${leakedMb.toFixed(1)} MB kept`);
    rss.slice(1).forEach((bytes, i) => assert.ok(bytes > rss[i]!, `sample ${i + 1} above sample ${i}: ${rss.join(', ')}`));
    assert.equal(resources.peakRssBytes, resources.lastRssBytes, 'a leak peaks at the end');
    assert.equal(workload.coldStart?.sessions, 1);
  });
});
