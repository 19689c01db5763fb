import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { PLAIN_CLIENT } from '../../../src/client/policies.js';
import type { OperationPlan } from '../../../src/operations/operation.js';
import { createHistogram, encodeHistogram, recordUs } from '../../../src/stats/histogram.js';
import { parseThreshold } from '../../../src/thresholds/parse.js';
import type { ThresholdSpec } from '../../../src/thresholds/types.js';
import type { Bound } from '../../../src/schedule/bound.js';
import type { WorkloadPlan } from '../../../src/workloads/plan.js';
import type { OperationInterval, ParentMessage } from '../../../src/workers/protocol.js';
import type { WorkerProcess } from '../../../src/workers/parent.js';
import { WHOLE_RUN } from '../../../src/schedule/shard.js';

/** Helpers shared by the workers' unit tests: plans, thresholds, encoded intervals and fake children. */

export function abortOn(text: string, delayUs = 0): ThresholdSpec {
  const parsed = parseThreshold(text, 'scenario');
  assert.ok(parsed.ok, text);
  return { ...parsed.spec, abortOnFail: true, abortDelayUs: delayUs };
}

export const operation = (name: string, thresholds?: ThresholdSpec[]): OperationPlan => ({
  name,
  weight: 1,
  timeoutUs: 1e6,
  request: { method: 'ping' },
  ...(thresholds ? { thresholds } : {}),
});

export function workload(name: string, shape: { operations?: OperationPlan[]; thresholds?: ThresholdSpec[]; warmup?: Bound | null } = {}): WorkloadPlan {
  return {
    name,
    type: 'sequential',
    operations: shape.operations ?? [operation('ping')],
    warmup: shape.warmup ?? null,
    measure: { kind: 'duration', us: 60_000_000 },
    seed: 1,
    shard: WHOLE_RUN,
    client: PLAIN_CLIENT,
    endpoints: [],
    engine: { kind: 'client' },
    ...(shape.thresholds ? { thresholds: shape.thresholds } : {}),
  };
}

/** An interval of `calls` calls of `latencyUs` each, the first `errors` failed. */
export function interval(calls: number, latencyUs: number, errors = 0): OperationInterval {
  const histogram = createHistogram();
  for (let i = 0; i < calls; i++) recordUs(histogram, latencyUs);
  return { calls, errors, histogram: calls === 0 ? '' : encodeHistogram(histogram) };
}

/** A child process as the parent sees it: messages and exits on demand, what it was sent and which signals. */
export class FakeWorker extends EventEmitter implements WorkerProcess {
  readonly stderr = new PassThrough();
  readonly sent: ParentMessage[] = [];
  readonly signals: NodeJS.Signals[] = [];
  exited = false;

  constructor(
    readonly index: number,
    readonly args: readonly string[],
    readonly env: Readonly<Record<string, string | undefined>>,
    /** What the child does when signalled: by default it exits at once (by that signal). */
    private readonly onKill: (worker: FakeWorker, signal: NodeJS.Signals) => void = (worker, signal) => worker.exit(null, signal),
  ) {
    super();
  }

  send(message: ParentMessage, callback: (error: Error | null) => void): boolean {
    this.sent.push(message);
    callback(null);
    return true;
  }

  kill(signal: NodeJS.Signals): boolean {
    this.signals.push(signal);
    this.onKill(this, signal);
    return true;
  }

  message(value: unknown): void {
    this.emit('message', value);
  }

  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    if (this.exited) return;
    this.exited = true;
    this.stderr.end();
    this.emit('exit', code, signal);
  }
}
