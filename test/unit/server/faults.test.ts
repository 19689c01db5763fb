import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReferenceServerOptions } from '../../../src/server/options.js';
import { FaultInjector } from '../../../src/server/faults.js';
import { seededRandom } from '../../../src/random/seeded.js';

const BASE: ReferenceServerOptions = { latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 };

function injector(options: Partial<ReferenceServerOptions>, sleeps: number[] = []): FaultInjector {
  const merged = { ...BASE, ...options };
  return new FaultInjector(merged, seededRandom(merged.seed, 'test'), async (us) => {
    sleeps.push(us);
  });
}

test('jitter stays within [latency - jitter, latency + jitter]', () => {
  const faults = injector({ latencyUs: 1_000, jitterUs: 300 });
  const delays = Array.from({ length: 10_000 }, () => faults.nextDelayUs());
  assert.ok(delays.every((us) => us >= 700 && us <= 1_300));
  assert.ok(Math.min(...delays) < 710 && Math.max(...delays) > 1_290, 'covers the whole range');
});

test('jitter larger than the latency is clamped at 0', () => {
  const faults = injector({ latencyUs: 100, jitterUs: 1_000 });
  const delays = Array.from({ length: 1_000 }, () => faults.nextDelayUs());
  assert.ok(delays.every((us) => us >= 0 && us <= 1_100));
  assert.ok(delays.some((us) => us === 0));
});

test('no jitter gives exactly the latency', () => {
  const faults = injector({ latencyUs: 2_500 });
  assert.deepEqual([faults.nextDelayUs(), faults.nextDelayUs()], [2_500, 2_500]);
});

test('failRate 0 never fails and failRate 1 always fails', () => {
  const never = injector({ failRate: 0 });
  const always = injector({ failRate: 1 });
  for (let i = 0; i < 1_000; i += 1) {
    assert.equal(never.nextFails(), false);
    assert.equal(always.nextFails(), true);
  }
});

test('failRate 0.3 fails about 30% of calls', () => {
  const faults = injector({ failRate: 0.3, seed: 9 });
  let failures = 0;
  for (let i = 0; i < 10_000; i += 1) if (faults.nextFails()) failures += 1;
  assert.ok(failures > 2_800 && failures < 3_200, `${failures} failures`);
});

test('the same seed repeats delays and failures', () => {
  const draw = (faults: FaultInjector): string[] =>
    Array.from({ length: 50 }, () => `${faults.nextDelayUs()}/${faults.nextFails()}`);
  const options = { latencyUs: 500, jitterUs: 200, failRate: 0.5, seed: 1234 };
  assert.deepEqual(draw(injector(options)), draw(injector(options)));
  assert.notDeepEqual(draw(injector(options)), draw(injector({ ...options, seed: 4321 })));
});

test('applyToCall sleeps the drawn delay and reports the drawn failure', async () => {
  const sleeps: number[] = [];
  const faults = injector({ latencyUs: 1_000, failRate: 1 }, sleeps);
  assert.equal(await faults.applyToCall(), true);
  assert.deepEqual(sleeps, [1_000]);
});

test('applyToCall does not sleep at all when the delay is 0', async () => {
  const sleeps: number[] = [];
  const faults = injector({}, sleeps);
  assert.equal(await faults.applyToCall(), false);
  assert.deepEqual(sleeps, []);
});
