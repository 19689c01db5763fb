import type { Random } from '../../random/seeded.js';
import type { McpRequest } from '../request.js';
import type { Clock } from '../../time/clock.js';
import type { CallOptions, Caller, Layer } from '../caller.js';
import type { EmitEvent } from '../events.js';
import { errorKey, retryClassOf, type Outcome, type RetryClass } from '../outcome.js';
import type { RetryPolicy } from '../policies.js';
import { retryDelayUs } from './backoff.js';

/**
 * Retries a call while its outcome's retry class is in `policy.on` and attempts remain, sleeping the backoff (or
 * the server's Retry-After) on the injected clock between attempts. Returns the last attempt's outcome. `ok` and
 * client rejections have no retry class, so they are never retried; a tool error only when `on` lists it.
 * The `retry` event's `attempt` is the number of the attempt about to be made (2 for the first retry).
 */
export class RetryLayer implements Layer {
  readonly name = 'retry';
  private readonly retryOn: ReadonlySet<RetryClass>;
  private readonly random: Random;
  private calls = 0;
  private retries = 0;
  private retriedCalls = 0;
  private exhausted = 0;
  private backoffUs = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly inner: Caller,
    private readonly deps: { readonly clock: Clock; readonly random?: Random; readonly emit?: EmitEvent },
  ) {
    this.retryOn = new Set(policy.on);
    this.random = deps.random ?? Math.random;
  }

  async call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    this.calls++;
    let outcome = await this.inner.call(request, options);
    let attempts = 1;
    while (this.shouldRetry(outcome)) {
      if (attempts >= this.policy.attempts) {
        this.exhausted++;
        break;
      }
      if (attempts === 1) this.retriedCalls++;
      const delayUs = retryDelayUs(this.policy, attempts, outcome, this.random);
      this.deps.emit?.({ type: 'retry', attempt: attempts + 1, delayUs, cause: errorKey(outcome) });
      await this.deps.clock.sleepUs(delayUs);
      options.trace.backoffUs += delayUs;
      this.backoffUs += delayUs;
      this.retries++;
      attempts++;
      outcome = await this.inner.call(request, options);
    }
    return outcome;
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  stats(): Readonly<Record<string, number>> {
    return {
      calls: this.calls,
      retries: this.retries,
      retriedCalls: this.retriedCalls,
      exhausted: this.exhausted,
      backoffUs: Math.round(this.backoffUs),
    };
  }

  private shouldRetry(outcome: Outcome): boolean {
    const retryClass = retryClassOf(outcome);
    return retryClass !== null && this.retryOn.has(retryClass);
  }
}
