import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { runInProcess, scenario, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const churn = (fields: string) => `
workloads:
  - name: churn
    type: session-churn
${fields}
    operations:
      - { tool: echo, args: { message: hi } }
`;

describe('session-churn over Streamable HTTP', { timeout: 120_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, host: '127.0.0.1', port: 0 });
  });
  after(() => server.close());

  for (const close of [true, false]) {
    it(`close: ${close} — every session initialized, its calls made, and DELETEd (${close ? 'at once' : 'when the workload ends'})`, async () => {
      server.resetCounts();
      const dir = await tempDir();
      const file = await scenario(dir, 's.yaml', `name: churn\ntarget:\n  builtin: {}\n${churn(`    concurrency: 3\n    callsPerSession: 2\n    iterations: 12\n    warmup: 3\n    close: ${close}`)}`);
      const { code, io, report } = await runInProcess(dir, ['run', file, '--http', server.url]);
      assert.equal(code, 0, io.err());
      const block = report!.workloads[0]!.sessionChurn!;
      assert.equal(block.opened, 12);
      assert.equal(block.warmupSessions, 3);
      assert.equal(block.closed, close ? 12 : 0);
      assert.equal(block.leftOpen, close ? 0 : 12);
      assert.equal(block.callsPerSession, 2);
      assert.equal(report!.workloads[0]!.total.count, 24);
      assert.equal(block.rssGrowth, null, 'a remote server: no process to read');
      // The runner's own session (preflight) and one per churned session, warmup included.
      assert.equal(server.counts().requests['initialize'], 1 + 15);
      assert.equal(server.counts().tools['echo'], 30);
      assert.equal(server.sessionCount().streamable, 0, 'every session was closed with DELETE');
    });
  }
});

describe('session-churn against the built-in server: RSS growth per 1,000 sessions', { timeout: 120_000 }, () => {
  it('near zero without a leak, near the injected 200 KB a session with --leak-per-session', async () => {
    const dir = await tempDir();
    const file = await scenario(
      dir,
      's.yaml',
      `name: leak\ntarget:\n  builtin: { transport: http, compactHeap: true }\n${churn('    concurrency: 4\n    callsPerSession: 1\n    iterations: 250\n    warmup: 50')}` +
        `variants:\n  - name: no-leak\n  - name: leak\n    target: { builtin: { transport: http, compactHeap: true, leakPerSession: 200KB } }\ncompare: { rounds: 1 }\n`,
    );
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 0, io.err());
    const growth = (variant: string) => report!.workloads.find((w) => w.variant === variant)!.sessionChurn!.rssGrowth!;
    const injected = 200_000 * 1000;
    const [clean, leaking] = [growth('no-leak'), growth('leak')];
    process.stderr.write(`RSS growth per 1,000 sessions: no leak ${clean.bytesPer1000Sessions} B, leak ${leaking.bytesPer1000Sessions} B\n`);
    assert.ok(Math.abs(clean.bytesPer1000Sessions) < 0.2 * injected, `no leak: ${clean.bytesPer1000Sessions} B per 1,000 sessions`);
    assert.ok(leaking.bytesPer1000Sessions > 0.5 * injected, `leak: ${leaking.bytesPer1000Sessions} B per 1,000 sessions`);
    assert.ok(clean.samples >= 100 && leaking.samples >= 100);
  });
});
