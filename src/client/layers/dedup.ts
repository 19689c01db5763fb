import { z } from 'zod';
import type { Random } from '../../random/seeded.js';
import type { McpRequest } from '../request.js';
import type { Clock } from '../../time/clock.js';
import { duration, listOf, text } from '../../input/fields.js';
import type { CallOptions, Caller, Layer } from '../caller.js';
import type { EmitEvent } from '../events.js';
import type { Outcome } from '../outcome.js';
import type { CallTrace } from '../trace.js';
import { isReadOnly } from '../read-only.js';
import { requestKey } from '../request-key.js';
import { declareFigures, declareLayer, type FigureRecord, type FigureSchemas } from './declaration.js';
import { LruMap } from './lru.js';

export interface DedupPolicy {
  /** Coalesce identical calls while one is in flight. */
  readonly inFlight: boolean;
  /** After a call completes, answer identical calls from its outcome for this long (0: off). */
  readonly windowUs: number;
  /** Tools deduplicated even though the server does not annotate them read-only (the scenario's explicit opt-in). */
  readonly tools: readonly string[];
}

/** Completed outcomes remembered for the idempotency window at most; the least recently used go first. */
export const DEDUP_WINDOW_MAX_ENTRIES = 10_000;

interface InFlight {
  readonly outcome: Promise<Outcome>;
  /** The leader's trace, marked `leader` when the first identical call joins. */
  readonly trace: CallTrace;
  joined: boolean;
}

/**
 * Coalesces identical read-only requests (same requestKey; read-only as read-only.ts says, or a tool the policy opts
 * in): while one is in flight, identical calls share its outcome (`joined`; the call that went through becomes the
 * `leader`). With a window, identical calls within `windowUs` after one completed get its outcome too (`repeat`), but
 * only outcomes that reached the server (ok, tool-error, rpc-error): a timeout, transport failure or rejection says
 * nothing about the answer. Joined and repeated calls make no attempt. A call to a tool that may change something is
 * always sent: two identical writes are two writes.
 */
export class DedupLayer implements Layer {
  readonly name = 'dedup';
  private readonly inFlight = new Map<string, InFlight>();
  private readonly window: LruMap<string, Outcome> | null;
  private readonly optedIn: ReadonlySet<string>;
  private joins = 0;
  private repeats = 0;
  private leaders = 0;

  constructor(
    private readonly policy: DedupPolicy,
    private readonly inner: Caller,
    private readonly deps: { readonly clock: Clock; readonly random?: Random; readonly emit?: EmitEvent; readonly readOnlyTools: ReadonlySet<string> },
  ) {
    this.optedIn = new Set(policy.tools);
    this.window =
      policy.windowUs > 0
        ? new LruMap({ maxEntries: DEDUP_WINDOW_MAX_ENTRIES, maxBytes: Infinity, ttlUs: policy.windowUs })
        : null;
  }

  async call(request: McpRequest, options: CallOptions): Promise<Outcome> {
    if (!this.policy.inFlight && this.window === null) return this.inner.call(request, options);
    if (!this.deduplicates(request)) return this.inner.call(request, options);
    const key = requestKey(request);
    const repeated = this.window?.get(key, this.deps.clock.nowUs());
    if (repeated !== undefined) {
      this.repeats++;
      options.trace.dedup = 'repeat';
      return repeated;
    }
    if (!this.policy.inFlight) return this.lead(key, request, options);
    const running = this.inFlight.get(key);
    if (running !== undefined) return this.join(running, options.trace);
    const entry: InFlight = { outcome: this.lead(key, request, options), trace: options.trace, joined: false };
    this.inFlight.set(key, entry);
    try {
      return await entry.outcome;
    } finally {
      this.inFlight.delete(key);
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  stats(): Readonly<Record<string, number>> {
    return { joins: this.joins, repeats: this.repeats, leaders: this.leaders };
  }

  private deduplicates(request: McpRequest): boolean {
    return isReadOnly(request, this.deps.readOnlyTools) || (request.method === 'tools/call' && this.optedIn.has(request.tool));
  }

  private join(running: InFlight, trace: CallTrace): Promise<Outcome> {
    if (!running.joined) {
      running.joined = true;
      running.trace.dedup = 'leader';
      this.leaders++;
    }
    this.joins++;
    trace.dedup = 'joined';
    return running.outcome;
  }

  private async lead(key: string, request: McpRequest, options: CallOptions): Promise<Outcome> {
    const outcome = await this.inner.call(request, options);
    if (this.window !== null && reachedServer(outcome)) this.window.set(key, outcome, 0, this.deps.clock.nowUs());
    return outcome;
  }
}

function reachedServer(outcome: Outcome): boolean {
  return outcome.kind === 'ok' || outcome.kind === 'tool-error' || outcome.kind === 'rpc-error';
}

const dedupFiguresSchema = ({ count }: FigureSchemas) => z.object({ joins: count, repeats: count });

export type DedupFigures = z.output<ReturnType<typeof dedupFiguresSchema>>;

/** Per operation: calls that joined one in flight, and calls answered from the idempotency window. */
export class DedupRecord implements FigureRecord<DedupFigures> {
  joins = 0;
  repeats = 0;

  record(_latencyUs: number, trace: CallTrace): void {
    if (trace.dedup === 'joined') this.joins++;
    else if (trace.dedup === 'repeat') this.repeats++;
  }

  mergeFrom(other: DedupRecord): void {
    this.joins += other.joins;
    this.repeats += other.repeats;
  }

  summarize(): DedupFigures {
    return { joins: this.joins, repeats: this.repeats };
  }
}

export const dedupDeclaration = declareLayer({
  key: 'dedup',
  name: 'dedup',
  options: {
    inFlight: z.boolean().optional(),
    window: duration({ positive: false }).optional(),
    tools: listOf(text('a tool name')).optional(),
  },
  aliases: ['deduplicate', 'deduplication'],
  defaults: { inFlight: true, window: 0, tools: [] },
  policy: (settings): DedupPolicy => ({ inFlight: settings.inFlight, windowUs: settings.window, tools: settings.tools }),
  build: (policy, inner, deps) => new DedupLayer(policy, inner, deps),
  figures: declareFigures({
    key: 'dedup',
    schema: dedupFiguresSchema,
    create: () => new DedupRecord(),
    columns: [{ head: 'dedup joins', cell: (d, f) => f.count(d.joins + d.repeats) }],
  }),
});
