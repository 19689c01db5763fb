import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveScenario, type Plan } from '../../../src/scenario/index.js';
import { plannedLengthUs, SLOT_GAP_US, startSlots } from '../../../src/runner/start-slots.js';

const PING = [{ method: 'ping' }];

function plan(workloads: Record<string, unknown>[], more: Record<string, unknown> = {}): Plan {
  const raw = { name: 'slots', target: { builtin: {} }, workloads: workloads.map((w) => ({ operations: PING, ...w })), ...more };
  const result = resolveScenario(raw, { file: null, env: {}, baseDir: '/srv' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.plan;
}

const rate = (name: string, duration: string, warmup?: string) => ({ name, type: 'constant-rate', rate: '10/s', duration, ...(warmup && { warmup }) });

describe('start slots', () => {
  it('slot 0 is the start; each next one adds the previous workload\'s warmup + measured length and the gap', () => {
    const slots = startSlots(plan([rate('a', '3s', '1s'), rate('b', '500ms'), rate('c', '2s')]));
    assert.deepEqual(slots.slots, [
      { label: 'a', offsetUs: 0 },
      { label: 'b', offsetUs: 4_000_000 + SLOT_GAP_US },
      { label: 'c', offsetUs: 4_000_000 + SLOT_GAP_US + 500_000 + SLOT_GAP_US },
    ]);
    assert.equal(slots.whenReady, null);
  });

  it('a ramp\'s length is its stages\'', () => {
    const ramp = { name: 'ramp', type: 'ramping-rate', startRate: '0/s', stages: [{ target: '10/s', duration: '2s' }, { target: '20/s', duration: '1s' }] };
    const slots = startSlots(plan([ramp, rate('after', '1s')]));
    assert.equal(slots.slots[1]?.offsetUs, 3_000_000 + SLOT_GAP_US);
  });

  it('a workload bounded by a count has no planned length: every later slot is "when ready", said once', () => {
    const counted = { name: 'counted', type: 'sequential', iterations: 100 };
    const slots = startSlots(plan([rate('a', '1s'), counted, rate('b', '1s'), rate('c', '1s')]));
    assert.deepEqual(slots.slots.map((slot) => slot.offsetUs), [0, 1_000_000 + SLOT_GAP_US, null, null]);
    assert.match(slots.whenReady ?? '', /^counted is bounded by a number of calls, so its length is not planned: the workloads after it start when ready/);
  });

  it('a count-bounded warmup counts too, and a count-bounded last workload leaves every slot timed', () => {
    assert.equal(plannedLengthUs(plan([rate('a', '1s', '50')]).workloads[0]!), null);
    const slots = startSlots(plan([rate('a', '1s'), { name: 'last', type: 'sequential', iterations: 5 }]));
    assert.deepEqual(slots.slots.map((slot) => slot.offsetUs), [0, 1_000_000 + SLOT_GAP_US]);
    assert.equal(slots.whenReady, null);
  });

  it('variants\' rounds continue the sequence in the order they run: round 1 A B, round 2 A B', () => {
    const variants = { variants: [{ name: 'A' }, { name: 'B', workload: { rate: '20/s' } }], compare: { rounds: 2 } };
    const slots = startSlots(plan([rate('x', '1s'), rate('y', '2s')], variants));
    const step = (lengthUs: number): number => lengthUs + SLOT_GAP_US;
    const perVariant = step(1_000_000) + step(2_000_000);
    assert.deepEqual(slots.slots, [
      { label: 'x (variant A, round 1)', offsetUs: 0 },
      { label: 'y (variant A, round 1)', offsetUs: step(1_000_000) },
      { label: 'x (variant B, round 1)', offsetUs: perVariant },
      { label: 'y (variant B, round 1)', offsetUs: perVariant + step(1_000_000) },
      { label: 'x (variant A, round 2)', offsetUs: 2 * perVariant },
      { label: 'y (variant A, round 2)', offsetUs: 2 * perVariant + step(1_000_000) },
      { label: 'x (variant B, round 2)', offsetUs: 3 * perVariant },
      { label: 'y (variant B, round 2)', offsetUs: 3 * perVariant + step(1_000_000) },
    ]);
  });
});
