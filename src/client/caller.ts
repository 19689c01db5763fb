import type { McpRequest } from '../scenario/plan.js';
import type { Outcome } from './outcome.js';

/** Per-call options. */
export interface CallOptions {
  readonly timeoutUs: number;
}

/**
 * The one interface every layer of the client implements (DESIGN.md): the SDK-backed caller at the bottom, and
 * decorators (retry, cache, breaker, …) stacked over it. `call` never throws: every failure is an Outcome.
 */
export interface Caller {
  call(request: McpRequest, options: CallOptions): Promise<Outcome>;
  close(): Promise<void>;
}
