/**
 * What the recorder and the abortOnFail window count for journeys and checks: a journey once (its steps are rows the
 * total does not add again), a failed check as no error (timeline, live progress, window), and no client figures on
 * a journey's row (its trace is only its last step's; the steps' rows carry them).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OK, TIMEOUT } from '../../../src/client/outcome.js';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import { CallTrace } from '../../../src/client/trace.js';
import { clientFeatures } from '../../../src/metrics/client-record.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { mixEntries, RollingWindow } from '../../../src/runner/abort-watch.js';
import { FakeClock } from '../../../src/time/fake-clock.js';

const ROWS = [{}, { step: { journey: 0, index: 0 } }, { step: { journey: 0, index: 1 } }, {}];
const NAMES = ['j', 'j › a', 'j › b', 'echo'];
const FAILED_CHECK = { kind: 'check-failed' as const, check: 'text contains "ok"' };

/** One journey that completes, one whose second step fails its check, one plain echo that times out. */
function feed(recorder: WorkloadRecorder, trace?: CallTrace): void {
  recorder.record(0, 900, OK, trace, 1_000);
  recorder.recordStep(1, 400, 400, OK, trace ?? null, true);
  recorder.recordStep(2, 400, 400, OK, trace ?? null, true);
  recorder.record(0, 900, FAILED_CHECK, trace, 1_000);
  recorder.recordStep(1, 400, 400, OK, trace ?? null, true);
  recorder.recordStep(2, 400, 400, FAILED_CHECK, trace ?? null, true);
  recorder.record(3, 100, TIMEOUT, trace, 1_000);
}

test('the abortOnFail window counts mix entries once and a failed check as no error', () => {
  assert.deepEqual(mixEntries(ROWS), [0, 3]);
  const recorder = new WorkloadRecorder(NAMES);
  const window = new RollingWindow(recorder, mixEntries(ROWS));
  window.take(0);
  feed(recorder);
  window.take(1_000_000);
  const total = window.figures(null)!;
  assert.equal(total.count, 3, 'two journeys and one echo, not their steps again');
  assert.equal(total.errorRate, 1 / 3, 'the timeout only');
  assert.equal(window.measuredCalls(), 3);
  assert.equal(window.figures(2)!.count, 2, 'a step alone is still judged on its own row');
});

test('a failed check is no error on the timeline nor in live progress', () => {
  const clock = new FakeClock();
  const recorder = new WorkloadRecorder(NAMES, null, { clock });
  recorder.timeline!.start(0);
  feed(recorder);
  const timeline = recorder.timeline!.finish(1_000_000);
  assert.equal(timeline.points.reduce((sum, point) => sum + point.errors, 0), 1);
  assert.equal(recorder.snapshotLive().errors, 1);
});

test("a journey's row keeps no client figures; its steps' and plain rows do", () => {
  const features = clientFeatures({ ...PLAIN_CLIENT, sessions: 2 }, 1);
  const recorder = new WorkloadRecorder(NAMES, features, { journeys: [true, false, false, false] });
  assert.equal(recorder.operations[0]!.client, null);
  assert.ok(recorder.operations.slice(1).every((op) => op.client !== null));
  assert.equal(recorder.tracksClient, true, 'attempts are still recorded when the first row is a journey');
  const trace = new CallTrace();
  trace.session = 1;
  trace.endpoint = 0;
  feed(recorder, trace);
  assert.equal(recorder.operations[0]!.count, 2);
});
