import type { McpRequest } from '../request.js';
import type { Clock } from '../../time/clock.js';
import type { CallOptions, Caller, Layer } from '../caller.js';
import { classifyError } from '../classify.js';
import type { Outcome } from '../outcome.js';

/**
 * The innermost layer: one attempt towards the server. Counts it in the trace, times it on the injected clock,
 * keeps the first and the last attempt's outcome, and reports every attempt's latency to `trace.onAttempt` (per-attempt
 * histograms). Below it are only the pool/balancer and the SDK; should one of them throw despite the Caller
 * contract, the error is classified here, so nothing above ever sees an exception.
 */
export class AttemptLayer implements Layer {
  readonly name = 'attempt';
  private attempts = 0;

  constructor(
    private readonly inner: Caller,
    private readonly deps: { readonly clock: Clock },
  ) {}

  async call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    const trace = options.trace;
    trace.attempts++;
    this.attempts++;
    const startUs = this.deps.clock.nowUs();
    if (trace.attempts === 1) trace.sentUs = startUs;
    let outcome: Outcome;
    try {
      outcome = await this.inner.call(request, options);
    } catch (error) {
      outcome = classifyError(error, false);
    }
    const latencyUs = this.deps.clock.nowUs() - startUs;
    if (trace.attempts === 1) trace.firstOutcome = outcome;
    trace.lastOutcome = outcome;
    trace.onAttempt?.(latencyUs, outcome);
    return outcome;
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  stats(): Readonly<Record<string, number>> {
    return { attempts: this.attempts };
  }
}
