import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { midpoint, searchCapacity, withinPrecision, type SearchSettings, type StepRunner } from '../../../src/capacity/search.js';
import type { Verdict } from '../../../src/capacity/slo.js';

interface FakeStep {
  readonly rate: number;
  readonly verdict: Verdict;
}

const SETTINGS: SearchSettings = { startPerSec: 10, maxPerSec: 10_000, precision: 0.05, maxSteps: 30 };

/** A server that passes below `knee` and fails at or above it; `noisy` rates straddle. */
function server(knee: number, noisy: (rate: number) => boolean = () => false): StepRunner<FakeStep> & { asked: number[] } {
  const asked: number[] = [];
  const run = async (rate: number) => {
    asked.push(rate);
    const verdict: Verdict = noisy(rate) ? 'inconclusive' : rate < knee ? 'pass' : 'fail';
    return { rate, verdict };
  };
  return Object.assign(run, { asked });
}

describe('searchCapacity', () => {
  it('brackets by doubling from the start rate, then bisects to within the precision', async () => {
    const runner = server(300);
    const result = await searchCapacity(SETTINGS, runner);
    assert.deepEqual(runner.asked.slice(0, 6), [10, 20, 40, 80, 160, 320]);
    assert.equal(result.stop, 'bracketed');
    assert.ok(result.lastPassPerSec !== null && result.firstFailPerSec !== null);
    assert.ok(result.lastPassPerSec < 300 && result.firstFailPerSec >= 300, `${result.lastPassPerSec}..${result.firstFailPerSec}`);
    assert.ok(withinPrecision(result.lastPassPerSec, result.firstFailPerSec, 0.05));
    // Every bisecting step lies strictly inside the bracket of its time.
    assert.deepEqual(runner.asked.slice(6), [240, 280, 300, 290]);
    assert.equal(result.steps.length, runner.asked.length);
  });

  it('a coarser precision takes fewer steps', async () => {
    const coarse = await searchCapacity({ ...SETTINGS, precision: 0.5 }, server(300));
    assert.deepEqual(coarse.steps.map((s) => s.rate), [10, 20, 40, 80, 160, 320, 240]);
    assert.equal(coarse.lastPassPerSec, 240);
    assert.equal(coarse.firstFailPerSec, 320);
  });

  it('stops at a step whose noise straddles the limit: the knee is about that rate', async () => {
    const result = await searchCapacity(SETTINGS, server(300, (rate) => rate === 280));
    assert.equal(result.stop, 'inconclusive');
    assert.equal(result.aboutPerSec, 280);
    assert.equal(result.lastPassPerSec, 240);
    assert.equal(result.firstFailPerSec, 320);
    assert.equal(result.steps.at(-1)?.rate, 280);
  });

  it('stops at the step budget with the bracket found so far', async () => {
    const result = await searchCapacity({ ...SETTINGS, maxSteps: 7 }, server(300));
    assert.equal(result.stop, 'step-budget');
    assert.equal(result.steps.length, 7);
    assert.equal(result.lastPassPerSec, 240);
    assert.equal(result.firstFailPerSec, 320);
  });

  it('a budget spent while bracketing leaves no failing rate', async () => {
    const result = await searchCapacity({ ...SETTINGS, maxSteps: 3 }, server(300));
    assert.equal(result.stop, 'step-budget');
    assert.equal(result.lastPassPerSec, 40);
    assert.equal(result.firstFailPerSec, null);
  });

  it('never asks above --max, and says so when the ceiling passes', async () => {
    const runner = server(1e9);
    const result = await searchCapacity({ ...SETTINGS, maxPerSec: 100 }, runner);
    assert.deepEqual(runner.asked, [10, 20, 40, 80, 100]);
    assert.equal(result.stop, 'max-reached');
    assert.equal(result.lastPassPerSec, 100);
    assert.equal(result.firstFailPerSec, null);
  });

  it('a failing ceiling is bisected like any failing step', async () => {
    const result = await searchCapacity({ ...SETTINGS, maxPerSec: 100, precision: 0.1 }, server(90));
    assert.equal(result.stop, 'bracketed');
    assert.deepEqual(result.steps.map((s) => s.rate), [10, 20, 40, 80, 100, 90, 85]);
    assert.equal(result.lastPassPerSec, 85);
    assert.equal(result.firstFailPerSec, 90);
  });

  it('stops at once when the start rate fails', async () => {
    const runner = server(5);
    const result = await searchCapacity(SETTINGS, runner);
    assert.equal(result.stop, 'first-step-failed');
    assert.deepEqual(runner.asked, [10]);
    assert.equal(result.lastPassPerSec, null);
    assert.equal(result.firstFailPerSec, 10);
  });

  it('stops when a step cannot run, keeping the steps before it', async () => {
    const result = await searchCapacity<FakeStep>(SETTINGS, async (rate) => (rate >= 40 ? { aborted: 'connection refused' } : { rate, verdict: 'pass' as const }));
    assert.equal(result.stop, 'aborted');
    assert.equal(result.aborted, 'connection refused');
    assert.deepEqual(result.steps.map((s) => s.rate), [10, 20]);
  });
});

describe('midpoint', () => {
  it('rounds to three significant figures, never onto an end of the bracket', () => {
    assert.equal(midpoint(240, 335), 288);
    assert.equal(midpoint(10, 12.5), 11.3);
    assert.equal(midpoint(1000, 1001), 1000.5);
  });
});
