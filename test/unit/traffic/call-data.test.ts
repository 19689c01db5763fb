import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallData } from '../../../src/traffic/call-data.js';
import { createPerformer } from '../../../src/traffic/create.js';
import { tenantPicker, type RouteCallers } from '../../../src/traffic/routes.js';
import type { DataPlan } from '../../../src/traffic/data-block.js';
import type { TenantPlan } from '../../../src/traffic/tenants.js';
import { compileRequest } from '../../../src/operations/template.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import type { Caller } from '../../../src/client/caller.js';
import type { McpRequest } from '../../../src/client/request.js';
import { OK } from '../../../src/client/outcome.js';
import { CallTrace } from '../../../src/client/trace.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { FakeClock } from '../../../src/time/fake-clock.js';

function data(file: string, prefix: string, count: number, order: DataPlan['order'] = 'sequential'): DataPlan {
  const rows = Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}` }));
  return { file, order, exhausted: 'stop', rows, columns: ['id'], sha256: 'x', seed: 3 };
}

const tenant = (name: string, own?: DataPlan): TenantPlan => ({ name, weight: 1, headers: {}, route: null, ...(own && { data: own }) });
const SEED = 5;
const seqs = Array.from({ length: 60 }, (_, seq) => seq);

test("a call's row comes from its tenant's own file, else the workload's; pure in (seed, seq)", () => {
  const tenants = [tenant('acme', data('acme.csv', 'a', 100)), tenant('globex')];
  const calls = CallData.of(data('items.csv', 'w', 100), tenants, SEED)!;
  const tenantOf = tenantPicker(tenants, SEED);
  const rows = seqs.map((seq) => calls.rowAt(seq)!.id);
  assert.deepEqual(rows, seqs.map((seq) => `${tenantOf(seq) === 0 ? 'a' : 'w'}${seq}`));
  assert.ok(rows.some((id) => String(id).startsWith('a')) && rows.some((id) => String(id).startsWith('w')), 'both files were read');
  const backward = CallData.of(data('items.csv', 'w', 100), tenants, SEED)!;
  assert.deepEqual([...seqs].reverse().map((seq) => backward.rowAt(seq)!.id).reverse(), rows);
  const [own, acme] = calls.use();
  assert.equal(calls.use().length, 2, "the workload's file, then each tenant's own");
  assert.equal(own!.tenant, undefined);
  assert.equal(acme!.tenant, 'acme');
  assert.equal(own!.calls + acme!.calls, seqs.length);
});

test("without a workload file a tenant without one gets no row; once order stops at the first call past its tenant's file", () => {
  const tenants = [tenant('acme', data('acme.csv', 'a', 10, 'once')), tenant('globex')];
  const calls = CallData.of(undefined, tenants, SEED)!;
  const tenantOf = tenantPicker(tenants, SEED);
  for (const seq of seqs.slice(0, 10)) assert.equal(calls.rowAt(seq)?.id ?? null, tenantOf(seq) === 0 ? `a${seq}` : null);
  const firstAcmePast = seqs.find((seq) => seq >= 10 && tenantOf(seq) === 0)!;
  const firstGlobexPast = seqs.find((seq) => seq >= 10 && tenantOf(seq) === 1)!;
  assert.equal(calls.ended(firstGlobexPast), false, 'globex reads no file: it never runs out');
  assert.equal(calls.ended(firstAcmePast), true);
  assert.deepEqual(calls.use().map((use) => [use.tenant, use.stoppedEarly]), [['acme', true]]);
});

test('no file anywhere: no call data', () => {
  assert.equal(CallData.of(undefined, [tenant('acme')], SEED), null);
});

function recordingCaller(): Caller & { sent: McpRequest[] } {
  const sent: McpRequest[] = [];
  return { sent, call: async (request) => (sent.push(request), OK), close: async () => {} };
}

test("the performer sends each tenant's call with a row of that tenant's file, through that tenant's stack", async () => {
  const request: McpRequest = { method: 'tools/call', tool: 'lookup', args: { id: '{{row.id}}' } };
  const { template } = compileRequest(request, { columns: ['id'], vars: [], seed: 1 });
  const operations: OperationPlan[] = [{ name: 'lookup', weight: 1, timeoutUs: 1_000_000, request, template: template! }];
  const tenants = [tenant('acme', data('acme.csv', 'a', 100)), tenant('globex', data('globex.csv', 'g', 100))];
  const stacks = [recordingCaller(), recordingCaller()];
  const routes: RouteCallers = { tenants, groupTimeoutUs: () => null, caller: (route) => stacks[route.tenant]! };
  const recorder = new WorkloadRecorder(['lookup'], null, { tenants: ['acme', 'globex'] });
  const performer = createPerformer({ operations, seed: SEED, shard: { index: 0, count: 1 }, caller: stacks[0]!, recorder, clock: new FakeClock(), routes });
  for (const seq of seqs) await performer.perform(0, seq, { timeoutUs: 1_000_000, trace: new CallTrace() }, true);
  const ids = (caller: { sent: McpRequest[] }) => caller.sent.map((sent) => String((sent as unknown as { args: { id: unknown } }).args.id));
  assert.ok(stacks.every((stack) => stack.sent.length > 0));
  assert.ok(ids(stacks[0]!).every((id) => id.startsWith('a')), ids(stacks[0]!).join());
  assert.ok(ids(stacks[1]!).every((id) => id.startsWith('g')), ids(stacks[1]!).join());
  assert.deepEqual(performer.dataUse?.().map((use) => [use.tenant, use.calls]), [['acme', stacks[0]!.sent.length], ['globex', stacks[1]!.sent.length]]);
});
