import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import type { SentCounts } from '../../../src/server/sent-notifications.js';
import type { RunSummary, WorkloadSummary } from '../../../src/summary/summary.js';
import path from 'node:path';
import { REPO, runInProcess, scenario, tempDir, TSX } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

/** Progress 5 × 10ms, info logs (filtered at warning), warning logs, a list change: 40 calls, one session. */
const workloads = `
workloads:
  - name: notify
    type: sequential
    iterations: 40
    warmup: 0
    operations:
      - { tool: progress, args: { steps: 5, intervalMs: 10 }, progress: true }
      - { tool: log, args: { level: info, count: 2 }, name: log info }
      - { tool: log, args: { level: warning, count: 3 }, name: log warning }
      - { tool: toggle_tool }
`;

const opCount = (w: WorkloadSummary, name: string): number => w.operations.find((op) => op.name === name)!.count;

/** What every transport must show: progress timed per call, logs filtered by setLevel, list changes counted. */
function assertFigures(report: RunSummary): void {
  const w = report.workloads[0]!;
  assert.equal(w.total.count, 40);
  const progress = w.operations.find((op) => op.name === 'tools/call progress')!.progress!;
  const progressCalls = opCount(w, 'tools/call progress');
  assert.ok(progressCalls > 0, 'the seeded mix drew the progress tool');
  assert.equal(progress.calls, progressCalls);
  assert.equal(progress.notifications, 5 * progressCalls);
  assert.equal(progress.perCall, 5);
  assert.equal(progress.callsWithProgress, progressCalls);
  // The server waits 10ms before each notification: the first comes no sooner, and neither does a typical gap.
  assert.ok(progress.firstProgressUs.min >= 9_000, `first progress ${progress.firstProgressUs.min}µs`);
  assert.equal(progress.gaps, 4 * progressCalls);
  assert.ok(progress.gapUs.p50 >= 8_000, `gap p50 ${progress.gapUs.p50}µs`); // 10ms apart when sent; arrival jitter aside
  assert.equal(w.operations.find((op) => op.name === 'log info')!.progress, undefined, 'no token asked, no figures');

  const n = w.notifications!;
  const warnings = 3 * opCount(w, 'log warning');
  assert.deepEqual(n.logLevels, warnings > 0 ? { warning: warnings } : {}, 'info messages are filtered out by setLevel warning');
  assert.equal(n.byMethod['notifications/message'] ?? 0, warnings);
  assert.equal(n.byMethod['notifications/progress'], 5 * progressCalls);
  assert.equal(n.listChanged, opCount(w, 'tools/call toggle_tool'));
  assert.equal(n.byMethod['notifications/tools/list_changed'] ?? 0, n.listChanged);
  assert.deepEqual(n.setLevel, { level: 'warning', sent: 1, skipped: 0, failed: 0 });
  assert.equal(n.total, Object.values(n.byMethod).reduce((a, b) => a + b, 0));
}

describe('progress, logging and list_changed notifications', { timeout: 120_000 }, () => {
  it('over stdio (built-in server)', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', `name: notify\ntarget:\n  builtin: { logLevel: warning }\n${workloads}`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 0, io.err());
    assertFigures(report!);
  });

  it('a server without the logging capability: setLevel skipped with a warning, the run goes on', async () => {
    const dir = await tempDir();
    const server = JSON.stringify(path.join(REPO, 'test/fixtures/no-logging-server.ts'));
    const target = `stdio: { command: ${JSON.stringify(process.execPath)}, args: ["--import", ${JSON.stringify(TSX)}, ${server}], logLevel: info }`;
    const file = await scenario(dir, 's.yaml', `name: nolog\ntarget:\n  ${target}\nworkloads:\n  - { name: w, type: sequential, iterations: 5, operations: [{ tool: echo, args: { message: hi } }] }\n`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 0, io.err());
    assert.equal(report!.workloads[0]!.total.ok, 5);
    assert.deepEqual(report!.workloads[0]!.notifications, { total: 0, byMethod: {}, logLevels: {}, listChanged: 0, setLevel: { level: 'info', sent: 0, skipped: 1, failed: 0 } });
    assert.ok(report!.warnings.some((w) => /logLevel info: the server declares no logging capability/.test(w)), report!.warnings.join('\n'));
  });

  describe('over Streamable HTTP', () => {
    let server: HttpServerHandle;
    before(async () => {
      server = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, host: '127.0.0.1', port: 0 });
    });
    after(() => server.close());

    it('counts equal what the server sent', async () => {
      const dir = await tempDir();
      const file = await scenario(dir, 's.yaml', `name: notify\ntarget:\n  http: { url: '${server.url}', logLevel: warning }\n${workloads}`);
      const { code, io, report } = await runInProcess(dir, ['run', file]);
      assert.equal(code, 0, io.err());
      assertFigures(report!);
      const sent = await sentBy(server.url);
      const n = report!.workloads[0]!.notifications!;
      assert.deepEqual(n.logLevels, sent.logLevels);
      for (const [method, count] of Object.entries(sent.byMethod)) assert.equal(n.byMethod[method], count, method);
    });

    it('logLevel debug lets every level through', async () => {
      const dir = await tempDir();
      const file = await scenario(dir, 's.yaml', `name: notify\ntarget:\n  http: { url: '${server.url}', logLevel: debug }\n${workloads}`);
      const { code, io, report } = await runInProcess(dir, ['run', file]);
      assert.equal(code, 0, io.err());
      const w = report!.workloads[0]!;
      const expected = { ...(opCount(w, 'log info') > 0 && { info: 2 * opCount(w, 'log info') }), ...(opCount(w, 'log warning') > 0 && { warning: 3 * opCount(w, 'log warning') }) };
      assert.deepEqual(w.notifications!.logLevels, expected, 'debug lets info and warning through');
    });
  });
});

/** The server's own count of what its notifying tools sent (the notifications_sent tool), read over a fresh session. */
async function sentBy(url: string): Promise<SentCounts> {
  const client = new Client({ name: 'test', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  try {
    const result = await client.callTool({ name: 'notifications_sent', arguments: {} });
    return JSON.parse((result.content as [{ text: string }])[0].text) as SentCounts;
  } finally {
    await client.close();
  }
}
