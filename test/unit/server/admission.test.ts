import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom, type Random } from '../../../src/random/seeded.js';
import { AdmissionGate, type Admission } from '../../../src/server/admission.js';

const call = (id: number): unknown => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'echo', arguments: { message: 'x' } },
});
const ping = (id: number): unknown => ({ jsonrpc: '2.0', id, method: 'ping' });
const INITIALIZE = { jsonrpc: '2.0', id: 0, method: 'initialize', params: {} };
const INITIALIZED = { jsonrpc: '2.0', method: 'notifications/initialized' };
const RESPONSE = { jsonrpc: '2.0', id: 'server-1', result: {} };

/** A random source that records how often it was drawn from. */
function counting(random: Random): { random: Random; draws: () => number } {
  let draws = 0;
  return {
    random: () => {
      draws += 1;
      return random();
    },
    draws: () => draws,
  };
}

const status = (admission: Admission): number => (admission.admitted ? 200 : admission.status);

test('unavailableRate: the same seed refuses the same POSTs, one draw per eligible POST', () => {
  const outcomes = (): number[] => {
    const gate = new AdmissionGate({ unavailableRate: 0.3 }, seededRandom(7, 'test'), () => 0);
    return Array.from({ length: 200 }, (_, i) => status(gate.admit(call(i))));
  };
  const first = outcomes();
  assert.deepEqual(outcomes(), first);
  const reference = seededRandom(7, 'test');
  assert.deepEqual(
    first,
    first.map(() => (reference() < 0.3 ? 503 : 200)),
    'draws come straight from the seeded source, in order',
  );
  const refused = first.filter((code) => code === 503).length;
  assert.ok(refused > 30 && refused < 90, `about 30% refused, got ${refused}/200`);
});

test('unavailableRate: initialize, notifications and responses always pass without drawing', () => {
  const source = counting(seededRandom(1, 'test'));
  const gate = new AdmissionGate({ unavailableRate: 1 }, source.random, () => 0);
  for (const body of [INITIALIZE, INITIALIZED, RESPONSE, [INITIALIZE, INITIALIZED], 'not json-rpc', null]) {
    assert.deepEqual(gate.admit(body), { admitted: true });
  }
  const refusal = gate.admit([INITIALIZED, ping(3)]);
  assert.equal(refusal.admitted, false);
  assert.deepEqual(refusal.admitted ? [] : [refusal.status, refusal.retryAfterSeconds, refusal.retryAfterMs], [
    503, 1, 1000,
  ]);
  assert.equal(source.draws(), 0, 'rate 1 refuses without drawing, as rate 0 admits without drawing');
});

test('unavailableRate 0 never draws, so it leaves the random sequence to the other knobs', () => {
  const source = counting(seededRandom(1, 'test'));
  const gate = new AdmissionGate({ unavailableRate: 0 }, source.random, () => 0);
  for (let i = 0; i < 20; i += 1) assert.equal(gate.admit(call(i)).admitted, true);
  assert.equal(source.draws(), 0);
});

test('rateLimitPerSec: only POSTs carrying a tools/call spend tokens; refusals say when to retry', () => {
  let now = 0;
  const gate = new AdmissionGate({ rateLimitPerSec: 2 }, seededRandom(1, 'test'), () => now);
  for (let i = 0; i < 10; i += 1) assert.equal(gate.admit(ping(i)).admitted, true);
  assert.equal(gate.admit(INITIALIZE).admitted, true);
  assert.deepEqual([call(1), call(2)].map((body) => gate.admit(body)), [{ admitted: true }, { admitted: true }]);
  const refusal = gate.admit(call(3));
  assert.equal(refusal.admitted, false);
  assert.deepEqual(refusal.admitted ? [] : [refusal.status, refusal.retryAfterSeconds, refusal.retryAfterMs], [
    429, 1, 500,
  ]);
  const message = refusal.admitted ? '' : refusal.message;
  assert.match(message, /^Rate limit exceeded: 2 tools\/call per second; retry after 1s/);
  now += 499_999;
  assert.equal(gate.admit([ping(4), call(4)]).admitted, false, 'a batch with a tools/call is limited too');
  now += 1;
  assert.equal(gate.admit(call(5)).admitted, true);
});

test('rateLimitPerSec below 1/s: Retry-After grows to the whole wait', () => {
  let now = 0;
  const gate = new AdmissionGate({ rateLimitPerSec: 0.2 }, seededRandom(1, 'test'), () => now);
  assert.equal(gate.admit(call(1)).admitted, true);
  const refusal = gate.admit(call(2));
  assert.deepEqual(!refusal.admitted && [refusal.status, refusal.retryAfterSeconds], [429, 5]);
  now += 3_500_000;
  const later = gate.admit(call(3));
  assert.deepEqual(!later.admitted && [later.retryAfterSeconds, later.retryAfterMs], [2, 1500]);
});

test('the unavailable draw comes first: a 503 spends no token', () => {
  const gate = new AdmissionGate({ rateLimitPerSec: 1, unavailableRate: 1 }, seededRandom(1, 'test'), () => 0);
  for (let i = 0; i < 5; i += 1) assert.equal(status(gate.admit(call(i))), 503);
  const admitsAgain = new AdmissionGate({ rateLimitPerSec: 1, unavailableRate: 0 }, seededRandom(1, 'test'), () => 0);
  assert.deepEqual([call(1), call(2)].map((body) => status(admitsAgain.admit(body))), [200, 429]);
});
