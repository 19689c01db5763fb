import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CreateMessageResultSchema, ErrorCode, McpError, RootsListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { capabilitiesField, capabilitiesPlanOf, overrideCapabilities, type CapabilitiesPlan } from '../../../../src/client/session/capability-plan.js';
import { capabilitiesOf, clientCapabilities, delayOf } from '../../../../src/client/session/capabilities.js';
import { elicitationAnswer, schemaDefaults } from '../../../../src/client/session/elicitation-answer.js';
import type { SessionEvents } from '../../../../src/client/session/feature.js';
import { declaredCapabilities, sessionFeatures } from '../../../../src/client/session/registry.js';
import type { TargetPlan } from '../../../../src/client/targets/registry.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';
import { seededRandom } from '../../../../src/random/seeded.js';

const FORM = {
  type: 'object',
  properties: { name: { type: 'string', default: 'bench' }, age: { type: 'number', default: 7 }, ok: { type: 'boolean' } },
};

test('schema defaults become the content; given values win; a field with neither is left out', () => {
  assert.deepEqual(schemaDefaults(FORM), { name: 'bench', age: 7 });
  assert.deepEqual(elicitationAnswer({ action: 'accept', delayUs: 0 }, FORM), { action: 'accept', content: { name: 'bench', age: 7 } });
  assert.deepEqual(elicitationAnswer({ action: 'accept', content: { age: 9, ok: true }, delayUs: 0 }, FORM), {
    action: 'accept',
    content: { name: 'bench', age: 9, ok: true },
  });
  assert.deepEqual(elicitationAnswer({ action: 'decline', content: { age: 9 }, delayUs: 0 }, FORM), { action: 'decline' });
  assert.deepEqual(schemaDefaults(undefined), {});
});

test('the capabilities mapping: delays in µs, exactly one of reply/error, unknown keys refused', () => {
  const parsed = capabilitiesField().parse({ sampling: { reply: 'hi', delay: '20ms' }, elicitation: { action: 'cancel' }, roots: { list: [{ uri: 'file:///w' }] } });
  const plan = capabilitiesPlanOf(parsed);
  assert.deepEqual(plan.sampling, { reply: 'hi', model: 'mcp-bench-scripted', delayUs: 20_000 });
  assert.deepEqual(plan.elicitation, { action: 'cancel', delayUs: 0 });
  assert.deepEqual(capabilitiesOf(plan), { sampling: {}, elicitation: { form: {} }, roots: { listChanged: true } });
  assert.equal(capabilitiesField().safeParse({ sampling: { reply: 'a', error: 'b' } }).success, false);
  assert.equal(capabilitiesField().safeParse({ sampling: {} }).success, false);
  assert.equal(capabilitiesField().safeParse({ sampling: { reply: 'a', delay: 20 } }).success, false);
  assert.equal(capabilitiesField().safeParse({ elicitation: { action: 'maybe' } }).success, false);
  assert.equal(capabilitiesField().safeParse({ smapling: {} }).success, false);
});

test('jitter draws each delay from delay ± jitter, never below 0, the same for the same seed; changeEvery is kept', () => {
  const plan = capabilitiesPlanOf(capabilitiesField().parse({ sampling: { reply: 'hi', delay: '20ms', jitter: '5ms' }, roots: { list: [], changeEvery: '2s' } }));
  assert.deepEqual(plan.sampling, { reply: 'hi', model: 'mcp-bench-scripted', delayUs: 20_000, jitterUs: 5_000 });
  assert.equal(plan.roots?.changeEveryUs, 2_000_000);
  const draws = (seed: number) => {
    const random = seededRandom(seed, 'capabilities');
    return Array.from({ length: 200 }, () => delayOf(plan.sampling!, random));
  };
  const first = draws(7);
  assert.ok(first.every((us) => us >= 15_000 && us <= 25_000), 'within delay ± jitter');
  assert.ok(new Set(first).size > 50, 'the draws vary');
  assert.deepEqual(draws(7), first, 'a seed repeats');
  assert.ok(Math.min(...first) < 17_000 && Math.max(...first) > 23_000, 'the range is used');
  const wide = seededRandom(1, 'capabilities');
  assert.ok(Array.from({ length: 100 }, () => delayOf({ delayUs: 1_000, jitterUs: 5_000 }, wide)).every((us) => us >= 0), 'never below 0');
  assert.equal(delayOf({ delayUs: 3 }, wide), 3, 'no jitter: exactly the delay');
});

test('a workload key replaces the scenario key whole; others are kept', () => {
  const scenario: CapabilitiesPlan = { sampling: { reply: 'a', model: 'm', delayUs: 5 }, roots: { list: [] } };
  const merged = overrideCapabilities(scenario, { sampling: { error: 'no', model: 'm', delayUs: 0 } });
  assert.deepEqual(merged, { sampling: { error: 'no', model: 'm', delayUs: 0 }, roots: { list: [] } });
  assert.equal(overrideCapabilities(scenario, undefined), scenario);
});

test('no plan and no listener: the feature is off and nothing is declared', () => {
  const context = { target: {} as TargetPlan, clock: new FakeClock(), setup: {} };
  assert.equal(clientCapabilities.build(context), null);
  assert.deepEqual(declaredCapabilities(sessionFeatures(context)), {});
});

/** A client with the feature and an SDK server, wired in memory; returns the server and what events saw. */
async function pair(plan: CapabilitiesPlan, clock: FakeClock) {
  const seen: [string, number, string][] = [];
  const events: SessionEvents = { serverRequest: (method, us, outcome) => seen.push([method, us, outcome]) };
  const feature = clientCapabilities.build({ target: {} as TargetPlan, clock, setup: { capabilities: plan, events } });
  assert.ok(feature);
  const client = new Client({ name: 't', version: '1' }, { capabilities: declaredCapabilities([feature]) });
  const server = new Server({ name: 's', version: '1' }, { capabilities: {} });
  const [a, b] = InMemoryTransport.createLinkedPair();
  feature.beforeInitialize?.(client, a);
  await Promise.all([server.connect(b), client.connect(a)]);
  return { server, seen };
}

test('sampling is answered after its delay on the injected clock, and counted with that time', async () => {
  const clock = new FakeClock();
  const { server, seen } = await pair({ sampling: { reply: 'pong', model: 'm', delayUs: 20_000 } }, clock);
  const result = await clock.run(server.createMessage({ messages: [{ role: 'user', content: { type: 'text', text: 'ping' } }], maxTokens: 5 }));
  assert.deepEqual(result.content, { type: 'text', text: 'pong' });
  assert.equal(result.model, 'm');
  assert.deepEqual(seen, [['sampling/createMessage', 20_000, 'ok']]);
});

test('a scripted error is answered as an error and counted under its code', async () => {
  const clock = new FakeClock();
  const { server, seen } = await pair({ sampling: { error: 'no model here', model: 'm', delayUs: 0 } }, clock);
  await assert.rejects(server.createMessage({ messages: [], maxTokens: 5 }), /no model here/);
  assert.deepEqual(seen, [['sampling/createMessage', 0, `rpc-error:${ErrorCode.InternalError}`]]);
});

test('elicitation gets the schema defaults; roots the list; an undeclared capability is method-not-found, counted', async () => {
  const clock = new FakeClock();
  const { server, seen } = await pair({ elicitation: { action: 'accept', delayUs: 0 }, roots: { list: [{ uri: 'file:///w', name: 'w' }] } }, clock);
  const elicited = await server.elicitInput({ message: 'who?', requestedSchema: FORM as never });
  assert.deepEqual(elicited, { action: 'accept', content: { name: 'bench', age: 7 } });
  assert.deepEqual((await server.listRoots()).roots, [{ uri: 'file:///w', name: 'w' }]);
  // Sampling was not declared: a raw request (the SDK's createMessage would refuse to send it) gets method-not-found.
  const raw = server.request({ method: 'sampling/createMessage', params: { messages: [], maxTokens: 1 } }, CreateMessageResultSchema);
  await assert.rejects(raw, (error: unknown) => error instanceof McpError && error.code === ErrorCode.MethodNotFound);
  assert.deepEqual(
    seen.map(([method, , outcome]) => [method, outcome]),
    [['elicitation/create', 'ok'], ['roots/list', 'ok'], ['sampling/createMessage', 'rpc-error:-32601']],
  );
});

test('roots.changeEvery sends roots/list_changed at that interval on the injected clock, and stops when the session closes', async () => {
  const clock = new FakeClock();
  const plan: CapabilitiesPlan = { roots: { list: [], changeEveryUs: 1_000_000 } };
  const feature = clientCapabilities.build({ target: {} as TargetPlan, clock, setup: { capabilities: plan } });
  assert.ok(feature?.afterInitialize);
  const client = new Client({ name: 't', version: '1' }, { capabilities: declaredCapabilities([feature]) });
  const server = new Server({ name: 's', version: '1' }, { capabilities: {} });
  let changes = 0;
  server.setNotificationHandler(RootsListChangedNotificationSchema, () => {
    changes += 1;
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  feature.beforeInitialize?.(client, a);
  await Promise.all([server.connect(b), client.connect(a)]);
  await feature.afterInitialize(client);
  await clock.advanceUs(999_999);
  assert.equal(changes, 0, 'not before the first interval');
  await clock.advanceUs(1);
  await clock.advanceUs(2_000_000);
  assert.equal(changes, 3);
  await client.close();
  await clock.advanceUs(5_000_000);
  assert.equal(changes, 3, 'none after close');
});
