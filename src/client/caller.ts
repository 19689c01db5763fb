import type { McpRequest } from './request.js';
import type { Outcome } from './outcome.js';
import type { CallTrace } from './trace.js';

/** Per-call options, passed down the stack unchanged. */
export interface CallOptions {
  /** Timeout of one attempt (the retry layer may make several). */
  readonly timeoutUs: number;
  /** Where layers note what they did with this call. */
  readonly trace: CallTrace;
}

/**
 * The one interface every layer of the client implements (DESIGN.md): the SDK-backed caller at the bottom, and
 * decorators (retry, cache, breaker, …) stacked over it. `call` never throws: every failure is an Outcome, and a
 * call ends in exactly one.
 */
export interface Caller {
  call(request: McpRequest, options: CallOptions): Promise<Outcome>;
  close(): Promise<void>;
}

/** A layer's counters for one of the things it keeps them by (the cache's: a tool, a resource URI, a prompt). */
export interface KeyedCounters {
  /** As the report names it: `tools/call NAME`, `resources/read URI`, `prompts/get NAME`. */
  readonly name: string;
  readonly counters: Readonly<Record<string, number | string>>;
}

/** A layer of the stack: a Caller with a name and counters for the report's `client` section. */
export interface Layer extends Caller {
  readonly name: string;
  stats(): Readonly<Record<string, number | string>>;
  /** Its counters split by what they are for, when it keeps them so (the report's `client.perKey`). */
  perKey?(): readonly KeyedCounters[];
}
