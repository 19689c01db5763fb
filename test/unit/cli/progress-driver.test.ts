import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endLine, isCi, ProgressDriver, progressMode, type ProgressMode, type Ticker } from '../../../src/cli/progress-driver.js';
import { OK, TIMEOUT } from '../../../src/client/outcome.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { notRun, type WorkloadRun } from '../../../src/runner/run.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import { FakeClock } from '../../../src/time/fake-clock.js';
import { captureIo } from '../../fixtures/io.js';

const WORKLOAD = {
  type: 'concurrent',
  name: 'echo',
  concurrency: 4,
  warmup: { kind: 'duration', us: 1_000_000 },
  measure: { kind: 'duration', us: 4_000_000 },
} as unknown as WorkloadPlan;

/** A ticker the test drives by hand; counts how many are running. */
function manualTicker(): { ticker: Ticker; tick: () => void; running: () => number; periods: number[] } {
  const ticks = new Set<() => void>();
  const periods: number[] = [];
  return {
    ticker: (ms, tick) => {
      periods.push(ms);
      ticks.add(tick);
      return () => ticks.delete(tick);
    },
    tick: () => ticks.forEach((tick) => tick()),
    running: () => ticks.size,
    periods,
  };
}

function setUp(mode: ProgressMode, columns?: number) {
  const clock = new FakeClock(10_000_000);
  const manual = manualTicker();
  let text = '';
  const stream = { write: (chunk: string) => (text += chunk), isTTY: mode === 'live', columns };
  const driver = new ProgressDriver({ stream, clock, mode, color: false, ticker: manual.ticker });
  const recorder = new WorkloadRecorder(['echo']);
  const live = { startedUs: clock.nowUs(), snapshot: () => recorder.snapshotLive() };
  return { clock, manual, driver, recorder, live, out: () => text, reset: () => (text = '') };
}

function completedRun(recorder: WorkloadRecorder, status: WorkloadRun['status'] = 'completed'): WorkloadRun {
  return {
    ...notRun(WORKLOAD),
    status,
    recorder,
    execution: { measureStartUs: 11_000_000, measureEndUs: 13_500_000, fatal: null, interrupted: status === 'interrupted' },
  };
}

describe('ProgressDriver, live (terminal)', () => {
  it('draws at once, then redraws in place on each tick with the rate and p99 of the window', async () => {
    const { clock, manual, driver, recorder, live, out, reset } = setUp('live', 120);
    driver.workloadStarted(WORKLOAD);
    assert.equal(out(), '\r\x1b[2Kecho connecting…');
    reset();
    driver.measuring(WORKLOAD, live);
    assert.deepEqual(manual.periods, [250], 'at most 4 redraws a second');
    assert.equal(out(), '\r\x1b[2Kecho warmup ░░░░░░░░░░░░ 0.0s/5.0s · 0 calls · 0.0/s · 0 errors · p99 —');
    for (let i = 0; i < 100; i++) recorder.recordWarmup(0);
    await clock.advanceUs(500_000);
    reset();
    manual.tick();
    assert.equal(out(), '\r\x1b[2Kecho warmup █░░░░░░░░░░░ 0.5s/5.0s · 100 calls · 200/s · 0 errors · p99 —');
    for (let i = 0; i < 1_000; i++) recorder.record(0, 1_000 + i, i < 3 ? TIMEOUT : OK);
    await clock.advanceUs(1_500_000);
    reset();
    manual.tick();
    assert.equal(out(), '\r\x1b[2Kecho ████░░░░░░░░ 2.0s/5.0s · 1,000 calls · 667/s · 3 errors · p99 1.99ms');
    reset();
    driver.workloadEnded(completedRun(recorder));
    assert.equal(out(), '\r\x1b[2K', 'the line is cleared when the workload ends');
    assert.equal(manual.running(), 0);
  });

  it('a note clears the line, is written, and the line is drawn again below it', () => {
    const { driver, live, out, reset } = setUp('live', 120);
    driver.measuring(WORKLOAD, live);
    reset();
    driver.note('\nSIGINT: stopping\n');
    assert.equal(out(), '\r\x1b[2KSIGINT: stopping\n\r\x1b[2Kecho warmup ░░░░░░░░░░░░ 0.0s/5.0s · 0 calls · 0.0/s · 0 errors · p99 —');
  });

  it('close() stops the timer and clears the line, and may be called again', () => {
    const { manual, driver, live, out, reset } = setUp('live');
    driver.workloadStarted(WORKLOAD);
    driver.measuring(WORKLOAD, live);
    assert.equal(manual.running(), 1);
    reset();
    driver.close();
    driver.close();
    assert.equal(manual.running(), 0);
    assert.equal(out(), '\r\x1b[2K');
    manual.tick();
    assert.equal(out(), '\r\x1b[2K', 'no redraw after close');
  });

  it('a failing snapshot stops the progress, never the run', () => {
    const { manual, driver, out } = setUp('live');
    assert.doesNotThrow(() => driver.measuring(WORKLOAD, { startedUs: 0, snapshot: () => { throw new Error('boom'); } }));
    assert.equal(manual.running(), 0);
    assert.equal(out(), '');
  });

  it('fits the terminal width (80 columns when unknown)', async () => {
    const { driver, live, out } = setUp('live');
    driver.measuring({ ...WORKLOAD, name: 'a-workload-with-a-rather-long-descriptive-name' } as WorkloadPlan, live);
    for (const line of out().split('\r\x1b[2K')) assert.ok(line.length <= 79, line);
  });
});

describe('ProgressDriver, lines (pipes and CI)', () => {
  it('one short line when a workload starts sending calls and one when it ends, no redraws', () => {
    const { manual, driver, recorder, live, out } = setUp('lines');
    driver.workloadStarted(WORKLOAD);
    assert.equal(out(), '', 'nothing while connecting');
    driver.measuring(WORKLOAD, live);
    assert.equal(manual.running(), 0);
    recorder.record(0, 900, OK);
    recorder.record(0, 900, TIMEOUT);
    driver.workloadEnded(completedRun(recorder, 'interrupted'));
    assert.equal(out(), '▶ echo (concurrent)\n■ echo interrupted · 2 calls in 2.50s · 1 error\n');
  });

  it('end lines for completed and failed workloads', () => {
    const recorder = new WorkloadRecorder(['echo']);
    recorder.record(0, 900, OK);
    assert.equal(endLine(completedRun(recorder)), '✓ echo completed · 1 call in 2.50s · 0 errors');
    const failed: WorkloadRun = { ...notRun(WORKLOAD), status: 'failed', failure: { code: 'transport:ENOENT', message: 'x', serverStderr: [] } };
    assert.equal(endLine(failed), '✗ echo failed (transport:ENOENT)');
  });

  it('an end line counts a journey once (not its steps again) and a failed check as no error', () => {
    const ping = { name: 'j', weight: 1, timeoutUs: 1, request: { method: 'ping' as const } };
    const operations = [
      { ...ping, journey: { steps: [1, 2] } },
      { ...ping, name: 'j › a', weight: 0, step: { journey: 0, index: 0 } },
      { ...ping, name: 'j › b', weight: 0, step: { journey: 0, index: 1 } },
    ];
    const workload = { ...WORKLOAD, operations } as unknown as WorkloadPlan;
    const recorder = new WorkloadRecorder(['j', 'j › a', 'j › b'], null, { checked: [true, false, true] });
    const failedCheck = { kind: 'check-failed' as const, check: 'text contains "ok"' };
    recorder.record(0, 900, OK);
    recorder.recordStep(1, 400, 400, OK, null, true);
    recorder.recordStep(2, 400, 400, OK, null, true);
    recorder.record(0, 900, failedCheck);
    recorder.recordStep(1, 400, 400, OK, null, true);
    recorder.recordStep(2, 400, 400, failedCheck, null, true);
    recorder.record(0, 900, TIMEOUT);
    recorder.recordStep(1, 400, 400, TIMEOUT, null, true);
    const run = { ...completedRun(recorder), workload };
    assert.equal(endLine(run), '✓ echo completed · 3 calls in 2.50s · 1 error');
    assert.equal(recorder.snapshotLive().errors, 1, 'live progress: the timeout only');
  });

  it('off (--quiet): nothing at all, notes aside', () => {
    const { driver, recorder, live, out } = setUp('off');
    driver.workloadStarted(WORKLOAD);
    driver.measuring(WORKLOAD, live);
    driver.workloadEnded(completedRun(recorder));
    assert.equal(out(), '');
    driver.note('SIGINT: stopping\n');
    assert.equal(out(), 'SIGINT: stopping\n');
  });
});

describe('progressMode', () => {
  const mode = (tty: boolean, env: Record<string, string> = {}, quiet = false) => progressMode(captureIo({ cwd: '/', env, tty }), quiet);

  it('live on a terminal, lines when piped or on CI, off when quiet', () => {
    assert.equal(mode(true), 'live');
    assert.equal(mode(false), 'lines');
    assert.equal(mode(true, { CI: 'true' }), 'lines');
    assert.equal(mode(true, { CI: '1' }), 'lines');
    assert.equal(mode(true, { CI: 'false' }), 'live');
    assert.equal(mode(true, {}, true), 'off');
    assert.equal(mode(false, { CI: 'true' }, true), 'off');
    assert.equal(isCi({ CI: '' }), false);
  });
});
