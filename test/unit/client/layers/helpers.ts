import type { CallOptions, Caller } from '../../../../src/client/caller.js';
import type { ClientEvent } from '../../../../src/client/events.js';
import type { Outcome } from '../../../../src/client/outcome.js';
import { CallTrace } from '../../../../src/client/trace.js';
import type { McpRequest } from '../../../../src/client/request.js';
import type { FakeClock } from '../../../../src/time/fake-clock.js';
import type { CachePolicy } from '../../../../src/client/layers/cache-policy.js';

/** One scripted answer: the outcome, after `us` of fake time (0: at once). */
export interface Step {
  readonly outcome: Outcome;
  readonly us?: number;
}

/**
 * A caller that answers from a script (by call number and request), optionally after sleeping on the fake clock,
 * and records what it was asked: call count, requests, calls in flight and the most ever in flight.
 */
export class ScriptedCaller implements Caller {
  calls = 0;
  inFlight = 0;
  maxInFlight = 0;
  closed = false;
  readonly requests: McpRequest[] = [];
  readonly startedAtUs: number[] = [];

  constructor(
    private readonly clock: FakeClock,
    private readonly script: (n: number, request: McpRequest) => Step,
  ) {}

  async call(request: McpRequest, _options: CallOptions): Promise<Outcome> {
    const step = this.script(this.calls++, request);
    this.requests.push(request);
    this.startedAtUs.push(this.clock.nowUs());
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (step.us !== undefined && step.us > 0) await this.clock.sleepUs(step.us);
    this.inFlight--;
    return step.outcome;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A scripted caller that answers every call from a list in order (the last entry repeats). */
export function sequenceCaller(clock: FakeClock, steps: readonly Step[]): ScriptedCaller {
  return new ScriptedCaller(clock, (n) => steps[Math.min(n, steps.length - 1)]!);
}

export function options(timeoutUs = 1_000_000): CallOptions & { trace: CallTrace } {
  return { timeoutUs, trace: new CallTrace() };
}

export function events(): { list: ClientEvent[]; emit: (event: ClientEvent) => void } {
  const list: ClientEvent[] = [];
  return { list, emit: (event) => list.push(event) };
}

export const echo = (text: string): McpRequest => ({ method: 'tools/call', tool: 'echo', args: { text } });
export const ping: McpRequest = { method: 'ping' };

/** The `text` (or `q`) argument of a tool call, for scripts and assertions that depend on it. */
export function argOf(request: McpRequest): string {
  if (request.method !== 'tools/call') return request.method;
  return String(request.args['text'] ?? request.args['q']);
}

/** A cache policy caching the `search` tool for 1 s (100 entries, 1 MB), forced; `overrides` change any field. */
export const cachePolicy = (overrides: Partial<CachePolicy> = {}): CachePolicy => ({
  ttlUs: 1_000_000,
  maxEntries: 100,
  maxBytes: 1_000_000,
  tools: ['search'],
  readOnly: false,
  force: true,
  resources: false,
  prompts: false,
  warm: [],
  ...overrides,
});
