import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { runAutocannon, type AutocannonEngineResult } from '../../../src/engines/autocannon.js';
import type { ConcurrentWorkloadPlan } from '../../../src/workloads/concurrent.js';
import type { ConstantRateWorkloadPlan } from '../../../src/workloads/constant-rate.js';
import { workloadType } from '../../../src/workloads/registry.js';
import { latencyStats } from '../../../src/stats/histogram.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import type { Bound } from '../../../src/schedule/bound.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { systemClock } from '../../../src/time/clock.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';

const call = (tool: string, args: Record<string, unknown> = {}, weight = 1): OperationPlan => ({
  name: `tools/call ${tool}`,
  weight,
  timeoutUs: 5_000_000,
  request: { method: 'tools/call', tool, args },
});
const echo = call('echo', { message: 'hi' });
const ms = (n: number): Bound => ({ kind: 'duration', us: n * 1000 });
const calls = (count: number): Bound => ({ kind: 'iterations', count });

interface Shape {
  readonly operations?: readonly OperationPlan[];
  readonly warmup?: Bound | null;
  readonly measure: Bound;
  readonly concurrency?: number;
  readonly pipelining?: number;
  readonly rate?: { readonly perSec: number; readonly maxInFlight: number };
}

function workload(shape: Shape): ConcurrentWorkloadPlan | ConstantRateWorkloadPlan {
  const base = {
    name: 'w',
    operations: shape.operations ?? [echo],
    warmup: shape.warmup ?? null,
    measure: shape.measure,
    seed: 1,
    shard: WHOLE_RUN,
    client: PLAIN_CLIENT,
    endpoints: [],
    engine: { kind: 'autocannon', pipelining: shape.pipelining ?? 1 } as const,
  };
  if (shape.rate) return { ...base, type: 'constant-rate', ratePerSec: shape.rate.perSec, maxInFlight: shape.rate.maxInFlight };
  return { ...base, type: 'concurrent', concurrency: shape.concurrency ?? 8 };
}

async function run(url: string, shape: Shape, stop?: AbortSignal): Promise<{ result: AutocannonEngineResult; recorder: WorkloadRecorder }> {
  const w = workload(shape);
  const recorder = new WorkloadRecorder(w.operations.map((op) => op.name));
  const result = await runAutocannon(w, workloadType(w.type).autocannon!(w), url, {}, { recorder, clock: systemClock, stopSignal: stop ?? new AbortController().signal });
  return { result, recorder };
}

const serverOptions = { host: '127.0.0.1', port: 0, latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 } as const;

describe('autocannon engine against the reference server on 127.0.0.1', { timeout: 60_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer(serverOptions);
  });
  after(() => server.close());

  it('every request the server received is recorded once (measured or warmup), with µs latencies', async () => {
    server.resetCounts();
    const { result, recorder } = await run(server.url, { warmup: ms(200), measure: ms(800) });
    const op = recorder.operations[0]!;
    assert.equal(result.fatal, null);
    assert.equal(result.interrupted, false);
    assert.ok(op.count > 0 && op.warmupCalls > 0, `count ${op.count}, warmup ${op.warmupCalls}`);
    assert.equal(server.counts().tools['echo'], op.count + op.warmupCalls);
    assert.equal(op.ok, op.count);
    assert.equal(server.counts().requests['initialize'], 1, 'one session');
    assert.equal(server.counts().notifications['notifications/initialized'], 1);
    assert.equal(server.sessionCount().streamable, 0, 'the session was deleted');
    const stats = latencyStats(op.histogram);
    assert.ok(stats.p50 > 0 && stats.p50 < 1_000_000, `p50 ${stats.p50} µs`);
    assert.ok(result.measureStartUs !== null && result.measureEndUs !== null);
    assert.ok(result.measureEndUs - result.measureStartUs >= 750_000);
    assert.equal(result.engineStats['connections'], 8);
    assert.equal(result.engineStats['requestsSent'], op.count + op.warmupCalls);
    assert.equal(result.engineStats['autocannonCompleted'], op.count + op.warmupCalls, 'autocannon saw the same answers');
  });

  it('iterations are exact; the mix follows its weights; tool errors are counted as tool-error', async () => {
    server.resetCounts();
    const operations = [echo, call('fail')];
    const { recorder } = await run(server.url, { operations, warmup: calls(20), measure: calls(300) });
    const [ok, fail] = recorder.operations;
    assert.equal(ok!.count + fail!.count, 300);
    assert.equal(ok!.warmupCalls + fail!.warmupCalls, 20);
    assert.ok(ok!.count > 100 && fail!.count > 100, `echo ${ok!.count}, fail ${fail!.count}`);
    assert.equal(ok!.ok, ok!.count);
    assert.deepEqual([...fail!.errors], [['tool-error', fail!.count]]);
    assert.deepEqual(server.counts().tools, { echo: ok!.count + ok!.warmupCalls, fail: fail!.count + fail!.warmupCalls });
  });

  it('a JSON-RPC error inside an HTTP 200 is counted by its code', async () => {
    server.resetCounts();
    // A plan never holds this: a tools/call without a name, which the server rejects with a JSON-RPC error.
    const nameless: OperationPlan = { ...call('echo'), name: 'nameless', request: { method: 'tools/call', tool: undefined as unknown as string, args: {} } };
    const { recorder } = await run(server.url, { operations: [nameless], measure: calls(50), concurrency: 4 });
    const op = recorder.operations[0]!;
    assert.deepEqual([...op.errors], [['rpc-error:-32603', 50]]);
    assert.equal(server.counts().tools['(invalid)'], 50);
  });

  it('pipelining: requests in flight per connection are matched to their answers', async () => {
    server.resetCounts();
    const { recorder, result } = await run(server.url, { concurrency: 2, pipelining: 4, measure: calls(400) });
    const op = recorder.operations[0]!;
    assert.equal(op.count, 400);
    assert.equal(op.ok, 400);
    assert.equal(server.counts().tools['echo'], 400);
    assert.equal(result.engineStats['pipelining'], 4);
  });

  it('constant rate: autocannon paces by per-connection quota, and the result says latency is service time', async () => {
    server.resetCounts();
    const { recorder, result } = await run(server.url, { rate: { perSec: 200, maxInFlight: 4 }, measure: ms(1_500) });
    const op = recorder.operations[0]!;
    assert.ok(op.count >= 250 && op.count <= 400, `${op.count} calls in 1.5 s at 200/s (1-second windows)`);
    assert.equal(server.counts().tools['echo'], op.count);
    assert.equal(result.engineStats['connections'], 4);
    assert.equal(result.engineStats['latencyFromScheduledStart'], 0);
    assert.match(result.engineNotes.join(' '), /service time/);
  });

  it('the stop signal ends the run early; answers in flight are still recorded', async () => {
    server.resetCounts();
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    const started = performance.now();
    const { recorder, result } = await run(server.url, { measure: ms(30_000) }, stop.signal);
    assert.ok(performance.now() - started < 5_000);
    assert.equal(result.interrupted, true);
    const op = recorder.operations[0]!;
    assert.ok(op.count > 0);
    assert.equal(server.counts().tools['echo'], op.count);
  });
});

describe('autocannon engine when the server goes away', { timeout: 60_000 }, () => {
  it('a server stopped mid-run: transport errors are recorded and the run still finishes', async () => {
    const server = await startHttpServer(serverOptions);
    const watch = setInterval(() => {
      if ((server.counts().tools['echo'] ?? 0) < 50) return;
      clearInterval(watch);
      void server.close();
    }, 5);
    const { recorder, result } = await run(server.url, { measure: ms(1_500), concurrency: 4 });
    clearInterval(watch);
    const op = recorder.operations[0]!;
    assert.ok(op.ok > 0, 'calls succeeded before the stop');
    const transport = [...op.errors].filter(([key]) => key.startsWith('transport:'));
    assert.ok(transport.length > 0, `errors: ${JSON.stringify([...op.errors])}`);
    assert.ok(op.errors.has('transport:ECONNREFUSED'), 'reconnecting to the stopped server is refused');
    assert.equal(result.fatal, null, 'some calls were answered');
    assert.ok(server.counts().tools['echo']! <= op.count, 'nothing the server received went unrecorded');
  });

  it('nothing listening: the session cannot open, and the result is fatal ECONNREFUSED', async () => {
    const server = await startHttpServer(serverOptions);
    await server.close();
    const { recorder, result } = await run(server.url, { measure: ms(500) });
    assert.deepEqual(result.fatal, { kind: 'transport', code: 'ECONNREFUSED' });
    assert.equal(result.measureStartUs, null);
    assert.equal(recorder.operations[0]!.count, 0);
  });

  it('a server answering plain JSON (no event stream) is read the same way', async () => {
    const server = await startHttpServer({ ...serverOptions, jsonResponse: true });
    try {
      const { recorder } = await run(server.url, { operations: [echo, call('fail')], measure: calls(200) });
      const [ok, fail] = recorder.operations;
      assert.equal(ok!.ok + fail!.errors.get('tool-error')!, 200);
      assert.equal(server.counts().tools['echo'], ok!.count);
    } finally {
      await server.close();
    }
  });
});
