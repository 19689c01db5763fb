import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildClient } from '../../../src/client/options/build.js';
import { clientSchema } from '../../../src/client/options/schema.js';
import { errorKey } from '../../../src/client/outcome.js';
import { composeStack, openEndpoints } from '../../../src/client/stack.js';
import { CallTrace } from '../../../src/client/trace.js';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import { seededRandom } from '../../../src/random/seeded.js';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { systemClock } from '../../../src/time/clock.js';
import { runInProcess, scenario, tempDir } from '../cli/helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

describe('pools against the reference server over real HTTP on 127.0.0.1', { timeout: 60_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, latencyUs: 10_000, host: '127.0.0.1', port: 0 });
  });
  after(() => server.close());

  it('a session that stops answering ping is out after `failures` checks; calls go on on the others, none lost', async () => {
    server.resetCounts();
    // A generous ping timeout: on a loaded machine a healthy session must never miss one (it would be taken out too).
    const block = clientSchema.parse({ pool: { min: 3, max: 3, health: { every: '100ms', timeout: '500ms', failures: 2 } }, timeout: '5s' });
    const policies = buildClient(block);
    const deps = { clock: systemClock, random: seededRandom(1, 'client'), log: new ServerLog() };
    const endpoints = await openEndpoints([{ kind: 'http', url: server.url, headers: {} }], policies, deps);
    const stack = composeStack(policies, endpoints, new Set(), deps);
    const pool = endpoints.pools[0]!;
    try {
      const silenced = pool.connections[1]!;
      await silenced.client.callTool({ name: 'stop_pinging', arguments: {} });
      const outcomes: Record<string, number> = {};
      const bySession: number[] = [0, 0, 0];
      let calls = 0;
      // Calls one after another until the silent session has been taken out and its slot revived (bounded: 2,000).
      for (; calls < 2_000 && Number(pool.stats()['reconnects'] ?? 0) < 1; calls++) {
        const trace = new CallTrace();
        const key = errorKey(await stack.caller.call({ method: 'tools/call', tool: 'echo', args: { message: 'x' } }, { timeoutUs: 2_000_000, trace }));
        outcomes[key] = (outcomes[key] ?? 0) + 1;
        bySession[trace.session]!++;
      }
      for (let i = 0; i < 30; i++, calls++) {
        const key = errorKey(await stack.caller.call({ method: 'tools/call', tool: 'echo', args: { message: 'x' } }, { timeoutUs: 2_000_000, trace: new CallTrace() }));
        outcomes[key] = (outcomes[key] ?? 0) + 1;
      }
      const stats = pool.stats();
      assert.deepEqual(outcomes, { ok: calls }, 'every call succeeded');
      assert.equal(server.counts().tools['echo'], calls, 'the server received every call: none lost');
      assert.equal(stats['unhealthy'], 1, 'the silent session was taken out');
      assert.equal(stats['pingFailures'], 2, 'after exactly the configured number of failed checks');
      assert.equal(stats['reconnects'], 1, 'and its slot revived with a new session');
      assert.equal(stats['live'], 3);
      assert.ok(bySession[0]! > 0 && bySession[2]! > 0, 'the others kept taking calls');
    } finally {
      await stack.close();
    }
  });

  it('min/max under a ramp: grows to max as calls in flight rise, shrinks back to min once idle; counts reconcile', async () => {
    server.resetCounts();
    const dir = await tempDir();
    const file = await scenario(dir, 'pool.yaml', `name: pool-ramp
target: { builtin: {} }
client:
  pool: { min: 1, max: 4, perSession: 1, idle: 150ms }
workloads:
  - name: ramp
    type: ramping-concurrency
    startConcurrency: 1
    stages:
      - { target: 4, duration: 300ms }
      - { target: 4, duration: 200ms }
      - { target: 1, duration: 50ms }
      - { target: 1, duration: 600ms }
    operations:
      - { tool: echo, args: { message: hi } }
`);
    const gate = ['--threshold', 'pool_utilization<0.9', '--threshold', 'cold_start_p99<60s'];
    const { code, io, report } = await runInProcess(dir, ['run', file, '--http', server.url, ...gate]);
    assert.equal(code, 1, `the pool ran full, so pool_utilization<0.9 fails the gate: ${io.err()}`);
    const workload = report!.workloads[0]!;
    assert.deepEqual(workload.thresholds.map((t) => [t.threshold, t.measured, t.passed]), [
      ['pool_utilization<0.9', 1, false],
      ['cold_start_p99<60s', workload.coldStart!.totalUs.p99, true],
    ]);
    const pool = workload.client!.layers['pool']!;
    const op = workload.operations[0]!;
    assert.equal(server.counts().tools['echo'], op.count + op.warmupCalls, 'the server received what the report counts');
    assert.deepEqual(op.errors, {});
    assert.equal(op.ok, op.count);
    assert.equal(pool['grown'], 3, 'grew from 1 to 4 sessions');
    assert.equal(pool['peakBusy'], 4);
    assert.equal(pool['utilization'], 1);
    assert.equal(pool['shrunk'], 3, 'closed the 3 extra sessions once the ramp came down');
    assert.equal(pool['sessions'], 1);
    assert.ok(op.client?.poolWaitUs, 'the time calls waited for a session is reported per operation');
    assert.equal(workload.coldStart?.sessions, 4, 'cold start counts every session the pool opened');
    assert.match(io.out(), /pool: 1–4 sessions, peak 4 busy \(100(\.0)?% of max, mean [\d.]+%\) · 3 grown, 3 closed idle/);
  });
});
